#include "store/share_batch.h"

#include <cmath>
#include <limits>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace viddhana::store {
namespace {

int64_t floor_div(int64_t a, int64_t b) {
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

std::string share_name(const bus::ShareEvent& s) {
    return "share (node " + std::to_string(s.node_id) + ", sequence " + std::to_string(s.sequence) +
           ")";
}

struct PairHash {
    template <typename A, typename B>
    size_t operator()(const std::pair<A, B>& p) const {
        size_t h = std::hash<A>{}(p.first);
        return h ^ (std::hash<B>{}(p.second) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
    }
};

void add_to(MinuteRollup& r, const bus::ShareEvent& s) {
    if (s.result == bus::ShareResult::accepted) {
        r.accepted_difficulty += s.difficulty;
        ++r.accepted;
    } else {
        ++r.rejected;
    }
}

}  // namespace

int64_t minute_of(int64_t time_ms) {
    return floor_div(time_ms, kMinuteMs) * kMinuteMs;
}
int64_t day_of(int64_t time_ms) {
    return floor_div(time_ms, kDayMs);
}

std::optional<Error> validate_share(const bus::ShareEvent& s) {
    auto bad = [&](const std::string& what) { return make_error(share_name(s) + ": " + what); };
    if (s.login.empty()) return bad("login is empty");
    if (s.login.size() > 128) return bad("login is longer than 128 characters");
    if (s.worker.size() > 128) return bad("worker name is longer than 128 characters");
    if (s.time_ms <= 0) return bad("time_ms must be positive, got " + std::to_string(s.time_ms));
    if (!std::isfinite(s.difficulty) || s.difficulty < 0) {
        return bad("difficulty must be a finite number >= 0");
    }
    if (!std::isfinite(s.actual_difficulty) || s.actual_difficulty < 0) {
        return bad("actual difficulty must be a finite number >= 0");
    }
    if (!std::isfinite(s.network_difficulty) || s.network_difficulty < 0) {
        return bad("network difficulty must be a finite number >= 0");
    }
    if (s.sequence > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
        return bad("sequence must be below 2^63");
    }
    if (static_cast<uint8_t>(s.result) > static_cast<uint8_t>(bus::ShareResult::invalid)) {
        return bad("unknown result code " + std::to_string(static_cast<int>(s.result)));
    }
    return std::nullopt;
}

Expected<ShareBatchPlan> plan_share_batch(std::span<const bus::ShareEvent> shares,
                                          const std::map<uint32_t, uint64_t>& high_water) {
    for (const auto& s : shares) {
        if (auto error = validate_share(s)) return *error;
    }
    ShareBatchPlan plan;
    plan.to_write.reserve(shares.size());
    std::map<uint32_t, uint64_t> marks = high_water;
    // Keys are views into the batch and small integers: no allocation per share.
    std::unordered_map<std::pair<std::string_view, std::string_view>, size_t, PairHash>
        worker_index;
    std::unordered_map<std::string_view, size_t> miner_index;
    std::unordered_map<std::pair<size_t, int64_t>, size_t, PairHash> worker_minute_index,
        miner_minute_index;
    std::unordered_map<int64_t, size_t> pool_minute_index;
    bool first = true;
    for (size_t i = 0; i < shares.size(); ++i) {
        const bus::ShareEvent& s = shares[i];
        auto mark = marks.find(s.node_id);
        if (mark != marks.end() && s.sequence <= mark->second) {
            ++plan.duplicates;
            continue;
        }
        marks[s.node_id] = s.sequence;
        plan.new_high_water[s.node_id] = s.sequence;
        plan.to_write.push_back(i);
        if (first || s.time_ms < plan.min_time_ms) plan.min_time_ms = s.time_ms;
        if (first || s.time_ms > plan.max_time_ms) plan.max_time_ms = s.time_ms;
        first = false;
        int64_t minute = minute_of(s.time_ms);

        auto [w, w_new] = worker_index.try_emplace({s.login, s.worker}, plan.workers.size());
        if (w_new) plan.workers.push_back({s.login, s.worker, s.time_ms, s.time_ms, std::nullopt});
        WorkerSeen& seen = plan.workers[w->second];
        if (s.time_ms < seen.first_ms) seen.first_ms = s.time_ms;
        if (s.time_ms > seen.last_ms) seen.last_ms = s.time_ms;
        if (s.result == bus::ShareResult::accepted &&
            (!seen.last_accepted_ms || s.time_ms > *seen.last_accepted_ms)) {
            seen.last_accepted_ms = s.time_ms;
        }

        auto [m, m_new] = miner_index.try_emplace(s.login, plan.miners.size());
        if (m_new) plan.miners.push_back({s.login, s.time_ms});
        if (s.time_ms < plan.miners[m->second].first_ms)
            plan.miners[m->second].first_ms = s.time_ms;

        auto [wm, wm_new] =
            worker_minute_index.try_emplace({w->second, minute}, plan.worker_minutes.size());
        if (wm_new) plan.worker_minutes.push_back({s.login, s.worker, minute, 0, 0, 0});
        add_to(plan.worker_minutes[wm->second], s);

        auto [mm, mm_new] =
            miner_minute_index.try_emplace({m->second, minute}, plan.miner_minutes.size());
        if (mm_new) plan.miner_minutes.push_back({s.login, "", minute, 0, 0, 0});
        add_to(plan.miner_minutes[mm->second], s);

        auto [pm, pm_new] = pool_minute_index.try_emplace(minute, plan.pool_minutes.size());
        if (pm_new) plan.pool_minutes.push_back({"", "", minute, 0, 0, 0});
        add_to(plan.pool_minutes[pm->second], s);
    }
    return plan;
}

}  // namespace viddhana::store
