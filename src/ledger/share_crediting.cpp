#include "ledger/share_crediting.h"

#include <map>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "ledger/payout/payout_split.h"

namespace viddhana::ledger {

namespace {

// The cursor is a share id: ids grow in the order shares are stored, so a share that arrives
// late (another Stratum node, a replayed spool) is still after the cursor, whatever its time.
std::optional<int64_t> decode_cursor(const std::optional<std::string>& text) {
    if (!text || text->empty()) return std::nullopt;
    return std::stoll(*text);
}

}  // namespace

ShareCrediting::ShareCrediting(store::Store& store, const payout::PayoutScheme& scheme,
                               const chain::CoinParams& coin, const LedgerConfig& config)
    : store_(store), scheme_(scheme), coin_(coin), config_(config) {}

void ShareCrediting::observe_template_fees(int64_t fees) {
    recent_fees_.push_back(fees);
    while (recent_fees_.size() > 100)
        recent_fees_.pop_front();
}

Expected<size_t> ShareCrediting::pass(int64_t now_ms, size_t max_shares) {
    if (scheme_.credit_time() != payout::CreditTime::share_accepted) return size_t{0};
    auto cursor = decode_cursor(store_.state().get(kCursorKey));
    auto shares = store_.shares().accepted_shares_after(cursor, static_cast<int64_t>(max_shares));
    if (!shares) return shares.error();
    if (shares->empty()) return size_t{0};

    // One valuation per (network difficulty, height): the terms every share of a group shares.
    struct Group {
        double network_difficulty;
        int64_t height;
        std::vector<payout::MinerWork> work;
    };
    std::map<std::pair<double, int64_t>, Group> groups;
    for (const auto& s : *shares) {
        auto key = std::make_pair(s.share.network_difficulty, s.share.height);
        auto& g = groups.try_emplace(key, Group{key.first, key.second, {}}).first->second;
        g.work.push_back(
            {s.share.login, payout::share_work(s.share.difficulty, config_.share_multiplier)});
    }
    std::vector<int64_t> fees(recent_fees_.begin(), recent_fees_.end());
    std::vector<store::NewBalanceChange> changes;
    std::map<std::string, int64_t> credit_of;
    int64_t pool = 0;
    for (const auto& [key, g] : groups) {
        if (!(g.network_difficulty > 0)) continue;  // nothing to value a share by
        payout::ShareTerms terms{g.network_difficulty, chain::block_subsidy(coin_, g.height), fees};
        auto split = scheme_.credit_shares(g.work, terms);
        if (!split) return split.error();
        for (const auto& c : split->credits)
            credit_of[c.login] += c.amount;
        pool += split->fee + split->dust;
    }
    for (const auto& [login, amount] : credit_of) {
        if (amount > 0) {
            changes.push_back({login, amount, store::BalanceReason::pps_credit, std::nullopt,
                               std::nullopt, "shares", now_ms});
        }
    }
    if (pool > 0) {
        changes.push_back({scheme_.fee().account, pool, store::BalanceReason::pps_credit,
                           std::nullopt, std::nullopt, "pool fee and rounding", now_ms});
    }
    auto stored = store_.balances().append_changes_with_state(
        changes, kCursorKey, std::to_string(shares->back().id), now_ms);
    if (!stored) return stored.error();
    return shares->size();
}

}  // namespace viddhana::ledger
