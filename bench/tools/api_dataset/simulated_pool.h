// The miners of a simulated pool and the shares they send, minute by minute: pure (no store, no
// clock), driven by a seeded generator so a dataset can be made again exactly.
//
// Each miner has a hash rate drawn log-uniformly from a range, 1-4 workers, and sends shares as a
// Poisson process with a mean interval; a share's difficulty is set so that the shares stand for
// the miner's hash rate (difficulty x 65536 hashes per share for scrypt), which is what the API's
// hash rate figures read back. Most miners mine the whole period; some join late and some leave.
#pragma once
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "bus/share_event.h"
#include "chain/coin.h"

namespace viddhana::bench {

struct SimulationSettings {
    int miners = 1000;
    int64_t start_ms = 0;
    int64_t end_ms = 0;                // nominal end; shares may continue past it (catch-up)
    double share_interval_s = 60;      // mean time between two shares of one miner
    double min_hashrate = 0.5e9;       // hashes per second
    double max_hashrate = 20e9;        //
    double late_join_fraction = 0.15;  // miners whose first share comes inside the period
    double leave_fraction = 0.05;      // miners who stop for good inside the period
    double stale_fraction = 0.01;      // rejected shares (stale jobs)
    double low_difficulty_fraction = 0.002;
    uint64_t seed = 1;
};

struct SimulatedMiner {
    std::string login;
    std::vector<std::string> workers;
    std::string ip;
    double hashrate = 0;
    double share_difficulty = 0;
    int64_t join_ms = 0;
    int64_t leave_ms = 0;  // INT64_MAX when the miner never leaves
    int64_t next_share_ms = 0;
    size_t next_worker = 0;
};

class SimulatedPool {
  public:
    SimulatedPool(const SimulationSettings& settings, const chain::CoinParams& coin);

    const std::vector<SimulatedMiner>& miners() const { return miners_; }
    // Sum of every miner's hash rate (hashes per second), leavers and late joiners included.
    double nominal_hashrate() const;

    // Appends the shares judged in [minute_ms, minute_ms + 60 s) in time order, with node id 1
    // and consecutive sequence numbers. Block fields (height, network difficulty) are the
    // caller's to fill.
    void shares_in_minute(int64_t minute_ms, std::vector<bus::ShareEvent>& out);

    // Continues a dataset written earlier with the same settings: shares start at minute_ms
    // (nothing before it is sent again) and sequences after `last_sequence`.
    void resume_at(int64_t minute_ms, uint64_t last_sequence);

    std::mt19937_64& random() { return random_; }
    // Lower-case hex of `bytes` random bytes.
    std::string random_hex(size_t bytes);
    // A random version-4 UUID in the 8-4-4-4-12 form.
    std::string random_uuid();

  private:
    int64_t next_gap_ms();

    SimulationSettings settings_;
    std::mt19937_64 random_;
    std::vector<SimulatedMiner> miners_;
    uint64_t sequence_ = 0;
};

}  // namespace viddhana::bench
