#include "api/live_feed.h"

#include <spdlog/spdlog.h>

#include "api/account_view.h"
#include "api/pool_stats.h"

namespace viddhana::api {

namespace {
constexpr std::string_view kAccountPrefix = "account:";
constexpr size_t kRememberedBlocks = 1024;
}  // namespace

std::string account_channel(int64_t account_id) {
    return std::string(kAccountPrefix) + std::to_string(account_id);
}

LiveFeed::LiveFeed(ApiContext& ctx, LiveHub& hub, bus::EventBus* bus, LiveFeedOptions options)
    : ctx_(ctx), hub_(hub), options_(options), blocks_(ctx.info.maturity_confirmations) {
    // Subscribe now, so nothing published after construction is missed.
    if (bus) subscription_ = bus->subscribe();
}

LiveFeed::~LiveFeed() {
    stop();
}

void LiveFeed::start() {
    thread_ = std::thread([this] { run(); });
}

void LiveFeed::stop() {
    stop_ = true;
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

bool LiveFeed::first_announcement(const std::string& hash) {
    std::lock_guard lock(announced_mutex_);
    if (!announced_.insert(hash).second) return false;
    announced_order_.push_back(hash);
    if (announced_order_.size() > kRememberedBlocks) {
        announced_.erase(announced_order_.front());
        announced_order_.pop_front();
    }
    return true;
}

void LiveFeed::emit(const std::vector<LiveEvent>& events) {
    std::lock_guard lock(links_mutex_);
    for (const auto& e : events) {
        std::set<int64_t> accounts;
        for (const auto& c : e.channels) {
            hub_.publish(c, e.type, e.data);
            if (c.rfind("miner:", 0) != 0) continue;
            if (auto it = accounts_by_login_.find(c.substr(6)); it != accounts_by_login_.end())
                accounts.insert(it->second.begin(), it->second.end());
        }
        for (int64_t id : accounts) {
            nlohmann::json data = e.data;
            // Which linked login it concerns, since the account channel mixes them.
            if (data.is_object() && !data.contains("address")) {
                for (const auto& c : e.channels) {
                    if (c.rfind("miner:", 0) == 0) data["address"] = c.substr(6);
                }
            }
            hub_.publish(account_channel(id), e.type, data);
        }
    }
}

void LiveFeed::deliver(const std::vector<LiveEvent>& events) {
    std::vector<LiveEvent> fresh;
    fresh.reserve(events.size());
    for (const auto& e : events) {
        if (e.type == "block.found" && e.data.is_object() && e.data.contains("hash") &&
            e.data["hash"].is_string() && !first_announcement(e.data["hash"].get<std::string>()))
            continue;
        fresh.push_back(e);
    }
    emit(fresh);
}

void LiveFeed::on_batch(const bus::EventBatch& batch) {
    auto active = hub_.active_channels();
    std::set<std::string> watched(active.begin(), active.end());
    // Shares of linked logins count for the accounts watching them, too.
    {
        std::lock_guard lock(links_mutex_);
        for (const auto& [login, ids] : accounts_by_login_)
            watched.insert("miner:" + login);
    }
    auto events = batch_events(batch, [&](const std::string& c) { return watched.count(c) > 0; });
    for (const auto& b : batch.blocks) {
        if (b.accepted) blocks_.announced(b.hash);
    }
    deliver(events);
}

void LiveFeed::poll_store() {
    try {
        auto blocks = ctx_.store->blocks().blocks({50, 0});
        if (blocks) deliver(blocks_.update(*blocks));
        auto payments = ctx_.store->payments().payments({}, {50, 0});
        if (payments) deliver(payments_.update(*payments));
    } catch (const std::exception& e) {
        spdlog::debug("live feed: store not readable: {}", e.what());
    }
}

void LiveFeed::refresh_links(const std::vector<std::string>& active) {
    std::map<std::string, std::set<int64_t>> links;
    for (const auto& channel : active) {
        if (channel.rfind(kAccountPrefix, 0) != 0) continue;
        int64_t id = std::stoll(channel.substr(kAccountPrefix.size()));
        for (const auto& link : ctx_.store->accounts().linked_miners(id))
            links[link.login].insert(id);
    }
    std::lock_guard lock(links_mutex_);
    accounts_by_login_ = std::move(links);
}

void LiveFeed::send_account(const std::string& channel, int64_t account_id, int64_t now) {
    hub_.publish(channel, "account.summary",
                 {{"miners", linked_miners_json(ctx_, account_id, now)},
                  {"workers", linked_workers_json(ctx_, account_id, now)},
                  {"time", now}});
}

void LiveFeed::account_subscribed(int64_t account_id) {
    {
        std::lock_guard lock(mutex_);
        fresh_accounts_.push_back(account_id);
    }
    wake_.notify_all();
}

void LiveFeed::send_stats() {
    try {
        auto active = hub_.active_channels();
        refresh_links(active);
        int64_t now = ctx_.clock->now_ms();
        for (const auto& channel : active) {
            if (channel == "pool") {
                hub_.publish("pool", "pool.stats", ctx_.stats->stats());
            } else if (channel.rfind("miner:", 0) == 0) {
                std::string login = channel.substr(6);
                auto w = ctx_.store->hashrate().miner_hashrate(login, now, kHashrateWindowMs);
                hub_.publish(
                    channel, "miner.hashrate",
                    {{"hashrate", store::hashes_per_second(w, ctx_.info.hashes_per_difficulty())},
                     {"acceptedShares", w.accepted},
                     {"rejectedShares", w.rejected},
                     {"time", now}});
            } else if (channel.rfind(kAccountPrefix, 0) == 0) {
                send_account(channel, std::stoll(channel.substr(kAccountPrefix.size())), now);
            }
        }
    } catch (const std::exception& e) {
        spdlog::debug("live feed: stats not available: {}", e.what());
    }
}

void LiveFeed::run() {
    auto next_poll = std::chrono::steady_clock::now();
    auto next_stats = next_poll;
    while (!stop_) {
        if (subscription_) {
            bus::EventBatch batch;
            bool open = subscription_->poll(batch, std::chrono::milliseconds(250));
            if (!batch.empty()) on_batch(batch);
            if (!open) subscription_.reset();
        } else {
            std::unique_lock lock(mutex_);
            wake_.wait_for(lock, std::chrono::milliseconds(250),
                           [this] { return stop_.load() || !fresh_accounts_.empty(); });
        }
        std::vector<int64_t> fresh;
        {
            std::lock_guard lock(mutex_);
            fresh.swap(fresh_accounts_);
        }
        if (!fresh.empty()) {
            try {
                refresh_links(hub_.active_channels());
                for (int64_t id : fresh)
                    send_account(account_channel(id), id, ctx_.clock->now_ms());
            } catch (const std::exception& e) {
                spdlog::debug("live feed: account summary not available: {}", e.what());
            }
        }
        auto now = std::chrono::steady_clock::now();
        if (!options_.pushed && now >= next_poll) {
            poll_store();
            next_poll = now + std::chrono::milliseconds(options_.store_poll_ms);
        }
        if (now >= next_stats) {
            send_stats();
            next_stats = now + std::chrono::milliseconds(options_.stats_interval_ms);
        }
    }
}

}  // namespace viddhana::api
