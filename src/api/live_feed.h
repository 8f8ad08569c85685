// The producer of the WebSocket's events, on its own thread. Events of the ledger's work (blocks
// found, confirmed or orphaned, payments, shares per miner) reach it one of three ways:
// - pushed by the ledger (deliver()): in the same process, or relayed from Redis pub/sub when
//   the ledger runs elsewhere and several API nodes serve the same pool;
// - from the in-process event bus (blocks found and shares, the moment Stratum reports them);
// - failing both, by reading the store's newest blocks and payments every couple of seconds.
// Every few seconds it also sends snapshots: pool stats, the hash rate of watched miners, and
// the private summary of each subscribed account. Events on a miner's channel are copied to the
// private channel of every subscribed account that has the miner linked. Only channels with
// subscribers cost anything.
#pragma once
#include <atomic>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "api/api_context.h"
#include "api/live_events.h"
#include "api/live_hub.h"
#include "bus/event_bus.h"

namespace viddhana::api {

struct LiveFeedOptions {
    // The ledger pushes events through deliver(): no store polling.
    bool pushed = false;
    int64_t store_poll_ms = 2000;
    int64_t stats_interval_ms = 5000;
};

// "account:<id>": the internal name of an account's private channel.
std::string account_channel(int64_t account_id);

class LiveFeed {
  public:
    // `bus` may be null.
    LiveFeed(ApiContext& ctx, LiveHub& hub, bus::EventBus* bus, LiveFeedOptions options = {});
    ~LiveFeed();
    void start();
    void stop();
    // Events from the ledger (any thread). A block.found already announced from the bus is not
    // sent twice.
    void deliver(const std::vector<LiveEvent>& events);
    // A client just subscribed to an account's channel: send its summary without waiting.
    void account_subscribed(int64_t account_id);

  private:
    void run();
    void on_batch(const bus::EventBatch& batch);
    void poll_store();
    void send_stats();
    void send_account(const std::string& channel, int64_t account_id, int64_t now);
    // Which subscribed accounts have each login linked (for the active account channels).
    void refresh_links(const std::vector<std::string>& active);
    void emit(const std::vector<LiveEvent>& events);
    // True the first time `hash` is seen.
    bool first_announcement(const std::string& hash);

    ApiContext& ctx_;
    LiveHub& hub_;
    std::unique_ptr<bus::EventSubscription> subscription_;
    LiveFeedOptions options_;
    BlockWatcher blocks_;
    PaymentWatcher payments_;
    std::mutex links_mutex_;
    std::map<std::string, std::set<int64_t>> accounts_by_login_;
    std::mutex announced_mutex_;
    std::set<std::string> announced_;
    std::deque<std::string> announced_order_;
    std::atomic<bool> stop_{false};
    std::mutex mutex_;
    std::condition_variable wake_;
    std::vector<int64_t> fresh_accounts_;  // under mutex_
    std::thread thread_;
};

}  // namespace viddhana::api
