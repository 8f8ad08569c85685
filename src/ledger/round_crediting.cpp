#include "ledger/round_crediting.h"

#include <algorithm>
#include <map>

#include <spdlog/spdlog.h>

#include "ledger/payout/payout_split.h"

namespace viddhana::ledger {

RoundCrediting::RoundCrediting(store::Store& store, const payout::PayoutScheme& scheme,
                               const LedgerConfig& config)
    : store_(store), scheme_(scheme), config_(config) {}

Expected<store::Round> RoundCrediting::credit(const store::Block& block, int64_t now_ms) {
    auto& shares = store_.shares();
    auto cursor = shares.block_share(block.hash);
    if (!cursor) return make_error("the share that solved the block is not recorded yet");
    const bool block_time = scheme_.credit_time() == payout::CreditTime::block_found;
    payout::WorkToPay to_pay;
    if (block_time) {
        auto w = scheme_.work_to_pay(block.network_difficulty);
        if (!w) return w.error();
        to_pay = *w;
    }

    const double m = config_.share_multiplier;
    store::NewRound round;
    round.block_id = block.id;
    round.scheme = scheme_.kind();
    round.created_ms = now_ms;
    round.newest = *cursor;
    std::vector<payout::MinerWork> work;
    std::vector<store::MinerDifficulty> per_miner;

    // The round's work since the pool's previous block, for the effort (and PROP's split).
    auto previous = store_.blocks().previous_block(block.id);
    std::optional<store::ShareCursor> round_start;
    if (previous) round_start = shares.block_share(previous->hash);
    auto round_work = shares.miner_difficulty_between(round_start, *cursor);
    if (!round_work) return round_work.error();
    double round_difficulty = 0;
    for (const auto& md : *round_work)
        round_difficulty += md.difficulty;

    // Share-time schemes paid the miners as they worked: the block's reward is the pool's, and
    // its round records only the effort.
    if (!block_time) {
        round.effort = block.network_difficulty > 0
                           ? payout::share_work(round_difficulty, m) / block.network_difficulty
                           : 0;
        round.window_target = round.window_counted = round_difficulty;
        round.boundary = round_start;
        return store_.blocks().record_round(round);
    }
    switch (to_pay.span) {
        case payout::WorkToPay::Span::last_n: {
            auto window = shares.pplns_window(to_pay.last_n_work * m, *cursor);
            if (!window) return window.error();
            round.window_target = window->target;
            round.window_counted = window->counted;
            round.boundary = window->boundary;
            round.boundary_fraction = window->boundary_fraction;
            per_miner = window->miners;
            break;
        }
        case payout::WorkToPay::Span::round:
            round.boundary = round_start;
            per_miner = *round_work;
            round.window_target = round_difficulty;
            round.window_counted = round_difficulty;
            break;
        case payout::WorkToPay::Span::finder_only:
            break;
    }
    for (const auto& md : per_miner)
        work.push_back({md.login, payout::share_work(md.difficulty, m)});

    auto split = scheme_.split_block({block.reward, block.finder_login}, work);
    if (!split) return split.error();
    std::map<std::string, double> difficulty_of;
    for (const auto& md : per_miner)
        difficulty_of[md.login] = md.difficulty;
    for (const auto& c : split->credits) {
        round.credits.push_back({c.login, difficulty_of[c.login], c.amount, 0});
    }
    if (split->fee + split->dust > 0) {
        // The pool's account may also have mined in the window: one credit line per login.
        auto own = std::find_if(round.credits.begin(), round.credits.end(),
                                [&](const auto& c) { return c.login == split->pool_account; });
        if (own != round.credits.end()) {
            own->amount += split->fee + split->dust;
        } else {
            round.credits.push_back({split->pool_account, 0, split->fee + split->dust, 0});
        }
    }
    round.paid_in_coinbase = split->paid_in_coinbase;
    const double effort = block.network_difficulty > 0
                              ? payout::share_work(round_difficulty, m) / block.network_difficulty
                              : 0;
    round.effort = effort;
    auto stored = store_.blocks().record_round(round);
    if (stored) {
        spdlog::info(
            "block {} at height {} credited by {}: {} miners, fee {}, dust {}, effort {:.1f}%",
            block.hash, block.height, payout::to_string(scheme_.kind()), split->credits.size(),
            split->fee, split->dust, effort * 100);
    }
    return stored;
}

CreditingPassResult RoundCrediting::pass(int64_t now_ms) {
    CreditingPassResult result;
    auto blocks = store_.blocks().uncredited_blocks(1000);
    if (!blocks) throw std::runtime_error("reading uncredited blocks: " + blocks.error().message);
    // Oldest first: PROP's round of a block starts at the previous block's share.
    for (const auto& block : *blocks) {
        auto round = credit(block, now_ms);
        if (round) {
            ++result.credited;
        } else {
            ++result.waiting;
            spdlog::debug("block {} not credited yet: {}", block.hash, round.error().message);
        }
    }
    return result;
}

}  // namespace viddhana::ledger
