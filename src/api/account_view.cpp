#include "api/account_view.h"

#include <map>

namespace viddhana::api {

nlohmann::json linked_miners_json(ApiContext& ctx, int64_t account_id, int64_t now_ms) {
    nlohmann::json miners = nlohmann::json::array();
    for (const auto& link : ctx.store->accounts().linked_miners(account_id)) {
        auto b = ctx.store->balances().balance(link.login);
        auto miner = ctx.store->miners().find_miner(link.login);
        int64_t threshold = miner && miner->payout_threshold ? *miner->payout_threshold
                                                             : ctx.info.default_payout_threshold;
        auto w = ctx.store->hashrate().miner_hashrate(link.login, now_ms, kHashrateWindowMs);
        miners.push_back(
            {{"address", link.login},
             {"linked", link.linked_ms},
             {"hashrate", store::hashes_per_second(w, ctx.info.hashes_per_difficulty())},
             {"payoutThreshold", threshold},
             {"balance", {{"immature", b.immature}, {"pending", b.pending}, {"paid", b.paid}}}});
    }
    return miners;
}

nlohmann::json miner_workers_json(ApiContext& ctx, const std::string& login, int64_t now_ms) {
    const double hpd = ctx.info.hashes_per_difficulty();
    std::map<std::string, store::HashrateWindow> rates;
    for (auto& w : ctx.store->hashrate().worker_hashrates(login, now_ms, kHashrateWindowMs))
        rates[w.worker] = w.window;
    nlohmann::json list = nlohmann::json::array();
    for (const auto& w : ctx.store->miners().workers(login)) {
        store::HashrateWindow win{now_ms - kHashrateWindowMs, now_ms, 0, 0, 0};
        if (auto it = rates.find(w.name); it != rates.end()) win = it->second;
        list.push_back(
            {{"name", w.name},
             {"hashrate", store::hashes_per_second(win, hpd)},
             {"acceptedShares", win.accepted},
             {"rejectedShares", win.rejected},
             {"online", w.last_share_ms && now_ms - *w.last_share_ms < kHashrateWindowMs},
             {"lastShare",
              w.last_share_ms ? nlohmann::json(*w.last_share_ms) : nlohmann::json(nullptr)},
             {"lastSeen", w.last_seen_ms},
             {"firstSeen", w.first_seen_ms}});
    }
    return list;
}

nlohmann::json linked_workers_json(ApiContext& ctx, int64_t account_id, int64_t now_ms) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& link : ctx.store->accounts().linked_miners(account_id)) {
        for (auto& w : miner_workers_json(ctx, link.login, now_ms)) {
            w["address"] = link.login;
            list.push_back(std::move(w));
        }
    }
    return list;
}

}  // namespace viddhana::api
