// The difficulty each job sent to a connection carries, and the job ids on the wire (pure).
//
// A connection's difficulty changes while a job is current (vardiff, mining.suggest_difficulty).
// Every change is followed by the current job again under a fresh id (clean_jobs false), so
// firmware that keys its work by job id starts over instead of resubmitting, and every share
// says by the id it names which difficulty it was found at:
//  - a job broadcast to every connection keeps its own id (the job counter, below 2^32) and
//    carries the difficulty in force when it was sent;
//  - the current job re-sent after the k-th change is (k << 32) | job id and carries that
//    change's difficulty.
// ckpool judges shares on jobs from before a change at the old difficulty the same way
// (stratifier.c, diff_change_job_id); the fresh id is what MiningCore's vardiff sends
// (BitcoinPool.OnVarDiffUpdateAsync: set_difficulty, then a notify).
#pragma once
#include <array>
#include <cstdint>
#include <optional>

namespace viddhana::stratum {

class DifficultyHistory {
  public:
    explicit DifficultyHistory(double difficulty);

    double current() const { return epochs_[newest_ % kKept].difficulty; }
    // No job has been sent yet: the difficulty changes without a trace.
    void set_initial(double difficulty);
    // Jobs have been sent: `difficulty` applies from now on. Returns the wire id under which the
    // current job is to be sent again.
    uint64_t change(double difficulty, uint64_t current_job_id);
    // Every job sent so far becomes void (the connection's extranonce1 changed): returns the
    // wire id under which the current job is to be sent again.
    uint64_t restart(uint64_t current_job_id);

    struct Sent {
        uint64_t job_id;    // the job (Job::id) the wire id names
        double difficulty;  // the difficulty it was sent with
    };
    // The job and difficulty of a wire id this connection may have been sent; nullopt for an id
    // it was never sent, or one voided by restart().
    std::optional<Sent> resolve(uint64_t wire_id) const;

    // How many changes are remembered: a share on a job sent before older changes is judged by
    // the difficulty before the oldest remembered one.
    static constexpr uint32_t kKept = 4;

  private:
    struct Epoch {
        uint64_t after_job = 0;  // the current job when the change happened
        double difficulty = 0;
        double before = 0;  // the difficulty before the change
    };
    std::array<Epoch, kKept> epochs_;
    uint32_t newest_ = 0;  // number of changes so far; its epoch is epochs_[newest_ % kKept]
    uint32_t valid_from_epoch_ = 0;  // restart(): epochs before this are void
    uint64_t void_through_job_ = 0;  // restart(): broadcast ids up to this are void
};

}  // namespace viddhana::stratum
