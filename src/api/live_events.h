// What changed since the last look, as live events: blocks that appeared, confirmed or were
// orphaned, and payments that appeared or changed state. The store is the source, so an API
// process learns of the ledger's work wherever the ledger runs. Pure: the caller reads the
// store and hands the rows in; the first look only learns what exists.
#pragma once
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bus/event_bus.h"
#include "store/records.h"

namespace viddhana::api {

struct LiveEvent {
    std::vector<std::string> channels;
    std::string type;
    nlohmann::json data;
};

std::string miner_channel(const std::string& login);

// A batch of Stratum events as live events: "block.found" for every block the node accepted (on
// "blocks" and the finder's channel), and one "miner.shares" count per miner whose channel
// `watched` accepts (every miner when it is empty).
std::vector<LiveEvent> batch_events(const bus::EventBatch& batch,
                                    const std::function<bool(const std::string&)>& watched = {});

class BlockWatcher {
  public:
    explicit BlockWatcher(int maturity_confirmations) : maturity_(maturity_confirmations) {}
    // `newest`: the newest blocks (any order). Blocks already announced (see announced()) do not
    // produce a second block.found.
    std::vector<LiveEvent> update(const std::vector<store::Block>& newest);
    // A block announced from the event bus, before the ledger stored it.
    void announced(const std::string& hash);

  private:
    int maturity_;
    bool primed_ = false;
    std::map<std::string, store::BlockStatus> known_;  // by hash
    std::set<std::string> announced_;
    std::deque<std::string> announced_order_;
};

class PaymentWatcher {
  public:
    std::vector<LiveEvent> update(const std::vector<store::Payment>& newest);

  private:
    bool primed_ = false;
    std::map<std::string, store::PaymentStatus> known_;  // by id
};

}  // namespace viddhana::api
