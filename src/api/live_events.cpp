#include "api/live_events.h"

#include "api/json_views.h"

namespace viddhana::api {

namespace {

constexpr size_t kRemembered = 4096;

}  // namespace

std::string miner_channel(const std::string& login) {
    return "miner:" + login;
}

std::vector<LiveEvent> batch_events(const bus::EventBatch& batch,
                                    const std::function<bool(const std::string&)>& watched) {
    std::vector<LiveEvent> out;
    for (const auto& b : batch.blocks) {
        if (!b.accepted) continue;
        nlohmann::json data{{"height", b.height},       {"hash", b.hash},
                            {"finder", b.finder_login}, {"worker", b.finder_worker},
                            {"reward", b.reward},       {"networkDifficulty", b.network_difficulty},
                            {"time", b.found_ms},       {"status", "pending"}};
        out.push_back({{"blocks", miner_channel(b.finder_login)}, "block.found", std::move(data)});
    }
    std::map<std::string, std::pair<int64_t, int64_t>> per_miner;  // accepted, rejected
    for (const auto& s : batch.shares) {
        if (watched && !watched(miner_channel(s.login))) continue;
        auto& counts = per_miner[s.login];
        (s.result == bus::ShareResult::accepted ? counts.first : counts.second)++;
    }
    for (const auto& [login, counts] : per_miner) {
        out.push_back({{miner_channel(login)},
                       "miner.shares",
                       {{"accepted", counts.first}, {"rejected", counts.second}}});
    }
    return out;
}

void BlockWatcher::announced(const std::string& hash) {
    if (announced_.insert(hash).second) {
        announced_order_.push_back(hash);
        if (announced_order_.size() > kRemembered) {
            announced_.erase(announced_order_.front());
            announced_order_.pop_front();
        }
    }
}

std::vector<LiveEvent> BlockWatcher::update(const std::vector<store::Block>& newest) {
    std::vector<LiveEvent> out;
    for (const auto& b : newest) {
        auto it = known_.find(b.hash);
        if (it == known_.end()) {
            known_[b.hash] = b.status;
            if (primed_ && !announced_.count(b.hash)) {
                out.push_back({{"blocks", miner_channel(b.finder_login)},
                               "block.found",
                               block_json(b, maturity_)});
            }
            if (!primed_ || b.status == store::BlockStatus::pending) continue;
            it = known_.find(b.hash);
            it->second = store::BlockStatus::pending;  // found and settled between two looks
        }
        if (it->second != b.status) {
            it->second = b.status;
            const char* type = b.status == store::BlockStatus::confirmed  ? "block.confirmed"
                               : b.status == store::BlockStatus::orphaned ? "block.orphaned"
                                                                          : "block.pending";
            out.push_back(
                {{"blocks", miner_channel(b.finder_login)}, type, block_json(b, maturity_)});
        }
    }
    primed_ = true;
    if (known_.size() > kRemembered) {  // re-learn quietly next time
        known_.clear();
        primed_ = false;
    }
    return out;
}

std::vector<LiveEvent> PaymentWatcher::update(const std::vector<store::Payment>& newest) {
    std::vector<LiveEvent> out;
    for (const auto& p : newest) {
        auto it = known_.find(p.id);
        bool changed = it == known_.end() || it->second != p.status;
        known_[p.id] = p.status;
        if (primed_ && changed) {
            out.push_back({{miner_channel(p.login)}, "miner.payment", payment_json(p)});
        }
    }
    primed_ = true;
    if (known_.size() > kRemembered) {
        known_.clear();
        primed_ = false;
    }
    return out;
}

}  // namespace viddhana::api
