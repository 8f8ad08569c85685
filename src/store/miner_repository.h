// Miners (payout settings) and their workers. Miners are also created implicitly by the
// first share of a login.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/expected.h"
#include "store/records.h"

namespace viddhana::store {

class MinerRepository {
  public:
    virtual ~MinerRepository() = default;

    // Creates the miner if new; returns the stored row either way.
    virtual Expected<Miner> register_miner(const std::string& login, int64_t now_ms) = 0;
    virtual std::optional<Miner> find_miner(const std::string& login) = 0;
    // Sorted by login.
    virtual Expected<std::vector<Miner>> miners(Page page) = 0;
    virtual int64_t miner_count() = 0;

    // threshold >= 0 base units, or none for the pool default. Unknown miner: error.
    virtual Expected<Miner> set_payout_threshold(const std::string& login,
                                                 std::optional<int64_t> threshold) = 0;
    // A non-empty address without whitespace (format checks belong to the chain code), or
    // none to pay to the login. A different value than before records `now_ms` as the time of
    // the change.
    virtual Expected<Miner> set_payout_address(const std::string& login,
                                               std::optional<std::string> address,
                                               int64_t now_ms) = 0;
    // Times of the payout address changes at or after `since_ms`, pool-wide (newest first, at
    // most `limit`).
    virtual std::vector<int64_t> payout_address_changes(int64_t since_ms, int64_t limit) = 0;

    // The miner's workers, sorted by name.
    virtual std::vector<Worker> workers(const std::string& login) = 0;
    // Drops a worker from the list (a retired or renamed rig); its shares and hash-rate history
    // stay, and its next share lists it again. False when there was no such worker.
    virtual bool forget_worker(const std::string& login, const std::string& name) = 0;
};

}  // namespace viddhana::store
