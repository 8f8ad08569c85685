#include "analytics/sentinel_simulation.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

#include <fmt/format.h>

#include "analytics/statistics.h"

namespace viddhana::analytics {

const char* to_string(FaultKind k) {
    switch (k) {
        case FaultKind::sick_rig:
            return "sick rig (30% of its hashrate)";
        case FaultKind::offline_rig:
            return "rig offline";
        case FaultKind::invalid_flood:
            return "invalid-share flood (30%)";
        case FaultKind::hashrate_jump:
            return "hashrate jump (4x)";
        case FaultKind::block_withholding:
            return "block withholding";
        case FaultKind::pool_hopping:
            return "pool hopping";
    }
    return "?";
}

namespace {

constexpr int64_t kMinuteMs = 60'000;
constexpr int64_t kStartMs = 1'700'000'000'000;

struct SimWorker {
    std::string miner, worker;
    double rate = 0;        // share-difficulty units per second
    double difficulty = 1;  // session difficulty (vardiff's steady state)
    double stale = 0, invalid = 0, duplicate = 0;
    const InjectedFault* fault = nullptr;
    bool withholds = false, hops = false;
};

// The alert kinds each fault explains: the first is the fault's own (for precision and recall);
// the others are what such a rig also looks like (a hopper leaves and rejoins every round).
std::vector<AlertKind> explained_by(FaultKind k) {
    switch (k) {
        case FaultKind::sick_rig:
            return {AlertKind::worker_sick, AlertKind::worker_offline};
        case FaultKind::offline_rig:
            return {AlertKind::worker_offline, AlertKind::worker_sick};
        case FaultKind::invalid_flood:
            return {AlertKind::invalid_spike};
        case FaultKind::hashrate_jump:
            return {AlertKind::hashrate_jump};
        case FaultKind::block_withholding:
            return {AlertKind::block_withholding};
        case FaultKind::pool_hopping:
            return {AlertKind::pool_hopping, AlertKind::worker_offline, AlertKind::worker_sick,
                    AlertKind::hashrate_jump};
    }
    return {};
}

bool detects(FaultKind k, AlertKind a) {
    // Recall counts a sick rig seen as offline (a slow rig at 30% may send nothing for minutes),
    // and an offline rig first seen as sick; every other fault needs its own alert kind.
    if (k == FaultKind::sick_rig || k == FaultKind::offline_rig)
        return a == AlertKind::worker_sick || a == AlertKind::worker_offline;
    return explained_by(k).front() == a;
}

}  // namespace

Expected<SentinelEvaluation> evaluate_sentinel(const PoolSimulationConfig& config,
                                               const SentinelConfig& sentinel_config) {
    if (config.honest_miners < 5)
        return make_error("the simulation needs at least 5 honest miners");
    if (!(config.hours >= 6)) return make_error("the simulation needs at least 6 hours");
    if (config.faults_per_kind < 0 || config.faults_per_kind * 4 > config.honest_miners)
        return make_error("faults per kind must be 0..honest_miners/4");
    std::mt19937_64 rng(config.seed);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    const int64_t end_ms = kStartMs + static_cast<int64_t>(config.hours * 3600'000);

    SentinelEvaluation eval;
    eval.config = config;
    std::vector<SimWorker> workers;
    auto make_worker = [&](const std::string& miner, int index, double rate) {
        SimWorker w;
        w.miner = miner;
        w.worker = fmt::format("rig{}", index);
        w.rate = rate;
        // Vardiff's steady state: a power of two near rate * target time.
        w.difficulty =
            std::max(1.0, std::exp2(std::round(std::log2(rate * config.target_share_seconds))));
        w.stale = 0.003 + 0.017 * uniform(rng);
        w.invalid = 0.001;
        w.duplicate = 0.0005;
        return w;
    };
    for (int m = 0; m < config.honest_miners; ++m) {
        int n = 1 + static_cast<int>(uniform(rng) * 3);
        for (int i = 0; i < n; ++i)
            workers.push_back(
                make_worker(fmt::format("miner{:03d}", m), i,
                            std::exp(std::log(1.0) + uniform(rng) * std::log(100.0))));
    }
    double honest_rate = 0;
    for (const auto& w : workers)
        honest_rate += w.rate;

    // Faults on distinct honest workers, with onsets between 3 hours in and 6 hours before the end.
    std::vector<size_t> order(workers.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::shuffle(order.begin(), order.end(), rng);
    eval.faults.reserve(static_cast<size_t>(config.faults_per_kind) * 6);
    size_t next = 0;
    auto onset = [&] {
        double lo = 3.0, hi = std::max(lo + 0.5, config.hours - 6.0);
        return kStartMs + static_cast<int64_t>((lo + (hi - lo) * uniform(rng)) * 3600'000);
    };
    for (FaultKind kind : {FaultKind::sick_rig, FaultKind::offline_rig, FaultKind::invalid_flood,
                           FaultKind::hashrate_jump}) {
        for (int i = 0; i < config.faults_per_kind; ++i) {
            SimWorker& w = workers[order[next++]];
            eval.faults.push_back({kind, w.miner, w.worker, onset()});
        }
    }
    // Withholders and hoppers are miners of their own, there from the start.
    for (int i = 0; i < config.faults_per_kind; ++i) {
        std::string miner = fmt::format("withholder{}", i);
        for (int r = 0; r < 2; ++r) {
            SimWorker w = make_worker(miner, r, honest_rate * config.withholder_pool_share / 2);
            w.withholds = true;
            workers.push_back(w);
        }
        eval.faults.push_back({FaultKind::block_withholding, miner, "", kStartMs});
    }
    for (int i = 0; i < config.faults_per_kind; ++i) {
        std::string miner = fmt::format("hopper{}", i);
        SimWorker w = make_worker(miner, 0, honest_rate * config.hopper_pool_share);
        w.hops = true;
        workers.push_back(w);
        eval.faults.push_back({FaultKind::pool_hopping, miner, "", kStartMs});
    }
    for (auto& f : eval.faults)
        for (auto& w : workers)
            if (w.miner == f.miner && (f.worker.empty() || w.worker == f.worker)) w.fault = &f;
    eval.workers = static_cast<int>(workers.size());

    // The network target in share units: the honest pool (plus withholders, who also mine)
    // finds a block every block_minutes on average.
    double pool_rate = honest_rate * (1 + config.withholder_pool_share * config.faults_per_kind);
    const double network = pool_rate * config.block_minutes * 60.0;

    Sentinel sentinel(sentinel_config);
    double round_work = 0;
    struct Pending {
        int64_t time_ms;
        size_t worker;
    };
    std::vector<Pending> minute_shares;
    for (int64_t t = kStartMs; t < end_ms; t += kMinuteMs) {
        minute_shares.clear();
        bool early_round = round_work / network < sentinel_config.hop_round_fraction;
        for (size_t i = 0; i < workers.size(); ++i) {
            const SimWorker& w = workers[i];
            double rate = w.rate;
            if (w.hops && !early_round) rate = 0;
            if (w.fault && t >= w.fault->onset_ms) {
                if (w.fault->kind == FaultKind::sick_rig) rate *= 0.3;
                if (w.fault->kind == FaultKind::offline_rig) rate = 0;
                if (w.fault->kind == FaultKind::hashrate_jump) rate *= 4;
            }
            if (rate <= 0) continue;
            std::poisson_distribution<int64_t> count(rate * 60.0 / w.difficulty);
            int64_t n = count(rng);
            for (int64_t k = 0; k < n; ++k)
                minute_shares.push_back(
                    {t + static_cast<int64_t>(uniform(rng) * (kMinuteMs - 1)), i});
        }
        std::sort(minute_shares.begin(), minute_shares.end(),
                  [](const Pending& a, const Pending& b) { return a.time_ms < b.time_ms; });
        for (const auto& p : minute_shares) {
            const SimWorker& w = workers[p.worker];
            ShareObservation s;
            s.time_ms = p.time_ms;
            s.miner = w.miner;
            s.worker = w.worker;
            s.difficulty = w.difficulty;
            s.network_difficulty = network;
            double invalid = w.invalid;
            if (w.fault && w.fault->kind == FaultKind::invalid_flood &&
                p.time_ms >= w.fault->onset_ms)
                invalid = 0.3;
            double u = uniform(rng);
            if (u < invalid)
                s.result = bus::ShareResult::invalid;
            else if (u < invalid + w.stale)
                s.result = bus::ShareResult::stale;
            else if (u < invalid + w.stale + w.duplicate)
                s.result = bus::ShareResult::duplicate;
            // A hash meeting difficulty d reaches x >= d with probability d / x.
            s.achieved_difficulty = w.difficulty / std::max(1e-300, 1.0 - uniform(rng));
            if (s.result == bus::ShareResult::accepted) {
                if (s.achieved_difficulty >= network) {
                    if (w.withholds) continue;  // the block share never reaches the pool
                    s.solved_block = true;
                    eval.blocks++;
                    round_work = 0;
                } else {
                    round_work += w.difficulty;
                }
            }
            eval.shares++;
            sentinel.observe(s);
        }
        auto alerts = sentinel.evaluate(t + kMinuteMs);
        eval.alerts.insert(eval.alerts.end(), alerts.begin(), alerts.end());
    }

    // Scoring.
    auto fault_of = [&](const Alert& a) -> const InjectedFault* {
        for (const auto& f : eval.faults) {
            if (f.miner != a.miner) continue;
            if (!f.worker.empty() && f.worker != a.worker) continue;
            if (a.time_ms < f.onset_ms) continue;
            const auto kinds = explained_by(f.kind);
            if (std::find(kinds.begin(), kinds.end(), a.kind) != kinds.end()) return &f;
        }
        return nullptr;
    };
    for (const auto& a : eval.alerts)
        if (!fault_of(a)) eval.false_alerts++;
    for (FaultKind kind :
         {FaultKind::sick_rig, FaultKind::offline_rig, FaultKind::invalid_flood,
          FaultKind::hashrate_jump, FaultKind::block_withholding, FaultKind::pool_hopping}) {
        FaultScore score;
        score.kind = kind;
        const AlertKind own = explained_by(kind).front();
        for (const auto& a : eval.alerts) {
            if (a.kind != own) continue;
            score.alerts++;
            if (fault_of(a)) score.true_alerts++;
        }
        std::vector<double> delays;
        for (const auto& f : eval.faults) {
            if (f.kind != kind) continue;
            score.injected++;
            for (const auto& a : eval.alerts) {
                if (a.miner != f.miner || (!f.worker.empty() && a.worker != f.worker)) continue;
                if (a.time_ms < f.onset_ms || !detects(kind, a.kind)) continue;
                delays.push_back(static_cast<double>(a.time_ms - f.onset_ms) / 60'000.0);
                break;
            }
        }
        score.detected = static_cast<int>(delays.size());
        score.recall = score.injected ? static_cast<double>(score.detected) / score.injected : 0;
        score.precision = score.alerts ? static_cast<double>(score.true_alerts) / score.alerts : 0;
        if (!delays.empty()) {
            score.median_minutes_to_detect = median(delays);
            score.max_minutes_to_detect = *std::max_element(delays.begin(), delays.end());
        }
        eval.scores.push_back(score);
    }
    return eval;
}

std::string format_sentinel_evaluation(const SentinelEvaluation& e) {
    std::string out = fmt::format(
        "Simulated pool: seed {}, {:.0f} h, {} honest miners, {} workers in all, {} shares, {} "
        "blocks; {} faults of each kind.\n\n",
        e.config.seed, e.config.hours, e.config.honest_miners, e.workers, e.shares, e.blocks,
        e.config.faults_per_kind);
    out +=
        "| fault | injected | detected (recall) | alerts of its kind | precision | median time "
        "to detect | max time to detect |\n|---|---:|---:|---:|---:|---:|---:|\n";
    for (const auto& s : e.scores)
        out += fmt::format("| {} | {} | {} ({:.0f}%) | {} | {} | {} | {} |\n", to_string(s.kind),
                           s.injected, s.detected, 100 * s.recall, s.alerts,
                           s.alerts ? fmt::format("{:.0f}%", 100 * s.precision) : "-",
                           s.detected ? fmt::format("{:.0f} min", s.median_minutes_to_detect) : "-",
                           s.detected ? fmt::format("{:.0f} min", s.max_minutes_to_detect) : "-");
    out += fmt::format("\nAlerts no injected fault explains (false alarms): {} of {}.\n",
                       e.false_alerts, e.alerts.size());
    return out;
}

}  // namespace viddhana::analytics
