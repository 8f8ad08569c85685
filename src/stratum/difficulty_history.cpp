#include "stratum/difficulty_history.h"

namespace viddhana::stratum {

namespace {
constexpr uint64_t kJobBits = 0xffffffffULL;
}

DifficultyHistory::DifficultyHistory(double difficulty) {
    epochs_[0].difficulty = difficulty;
    epochs_[0].before = difficulty;
}

void DifficultyHistory::set_initial(double difficulty) {
    Epoch& e = epochs_[newest_ % kKept];
    e.difficulty = difficulty;
    if (newest_ == 0) e.before = difficulty;
}

uint64_t DifficultyHistory::change(double difficulty, uint64_t current_job_id) {
    const double before = current();
    ++newest_;
    epochs_[newest_ % kKept] = Epoch{current_job_id, difficulty, before};
    return (static_cast<uint64_t>(newest_) << 32) | (current_job_id & kJobBits);
}

uint64_t DifficultyHistory::restart(uint64_t current_job_id) {
    uint64_t id = change(current(), current_job_id);
    valid_from_epoch_ = newest_;
    void_through_job_ = current_job_id;
    return id;
}

std::optional<DifficultyHistory::Sent> DifficultyHistory::resolve(uint64_t wire_id) const {
    const uint64_t job = wire_id & kJobBits;
    const uint64_t number = wire_id >> 32;
    const uint32_t oldest = newest_ >= kKept - 1 ? newest_ - (kKept - 1) : 0;
    if (number != 0) {
        // A re-sent job: exactly the id that change() gave, while remembered and not void.
        if (number > newest_ || number < oldest || number < valid_from_epoch_) return std::nullopt;
        const Epoch& e = epochs_[number % kKept];
        if (e.after_job != job) return std::nullopt;
        return Sent{job, e.difficulty};
    }
    if (valid_from_epoch_ > 0 && job <= void_through_job_) return std::nullopt;
    // A broadcast job carries the difficulty of the newest change made before it was sent,
    // i.e. the newest change whose current job was an older one.
    for (uint32_t n = newest_;; --n) {
        const Epoch& e = epochs_[n % kKept];
        if (n == 0 || e.after_job < job) return Sent{job, e.difficulty};
        if (n == oldest) return Sent{job, e.before};
    }
}

}  // namespace viddhana::stratum
