#include "store/pplns_accumulator.h"

namespace viddhana::store {

PplnsAccumulator::PplnsAccumulator(double target) : target_(target) {
    if (!(target_ > 0)) complete_ = true;
}

bool PplnsAccumulator::add(const ShareCursor& at, std::string_view login, double difficulty) {
    if (complete_) return false;
    if (!newest_) newest_ = at;
    if (difficulty <= 0) return true;
    double remaining = target_ - counted_;
    double part = difficulty;
    boundary_ = at;
    boundary_fraction_ = 1.0;
    if (difficulty >= remaining) {
        part = remaining;
        boundary_fraction_ = remaining / difficulty;
        complete_ = true;
    }
    auto it = per_miner_.find(login);
    if (it == per_miner_.end()) it = per_miner_.emplace(std::string(login), 0.0).first;
    it->second += part;
    counted_ = complete_ ? target_ : counted_ + part;
    return !complete_;
}

PplnsWindow PplnsAccumulator::result() const {
    PplnsWindow w;
    w.target = target_;
    w.counted = counted_;
    w.complete = complete_ && target_ > 0;
    w.newest = newest_;
    w.boundary = boundary_;
    w.boundary_fraction = boundary_ ? boundary_fraction_ : 0;
    for (const auto& [login, difficulty] : per_miner_)
        w.miners.push_back({login, difficulty});
    return w;
}

}  // namespace viddhana::store
