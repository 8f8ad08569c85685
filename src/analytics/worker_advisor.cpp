#include "analytics/worker_advisor.h"

#include <cmath>

#include <fmt/format.h>

#include "analytics/earnings_projection.h"
#include "analytics/statistics.h"

namespace viddhana::analytics {

namespace {

std::string rate_text(double hps) {
    const char* units[] = {"H/s", "kH/s", "MH/s", "GH/s", "TH/s", "PH/s", "EH/s"};
    int i = 0;
    while (hps >= 1000 && i < 6) {
        hps /= 1000;
        ++i;
    }
    return fmt::format("{:.3g} {}", hps, units[i]);
}

std::string value_text(double v, bool typical, const char* unit) {
    return fmt::format("{:.0f} {}{}", v, unit, typical ? " (typical)" : "");
}

}  // namespace

Expected<std::vector<Advice>> advise_worker(const WorkerAdviceInputs& in,
                                            const HardwareTable& table) {
    if (!(in.hashrate > 0)) return make_error("the worker's hashrate must be positive");
    if (!(in.target_share_seconds > 0)) return make_error("the target share time must be positive");
    if (!(in.share_multiplier > 0)) return make_error("the share multiplier must be positive");
    if (in.stale_rate < 0 || in.stale_rate > 1 || in.invalid_rate < 0 || in.invalid_rate > 1)
        return make_error("stale and invalid rates are fractions in [0, 1]");
    if (in.current_difficulty < 0 || in.shares < 0)
        return make_error("negative difficulty or shares");
    if (!(in.block_interval_s > 0)) return make_error("the block interval must be positive");

    std::vector<Advice> out;
    // Start difficulty: shares every target_share_seconds. A share at difficulty d takes
    // d * 2^48 / 0xffff / multiplier hashes.
    const double hashes_per_difficulty = kHashesPerDifficulty / in.share_multiplier;
    const double ideal = in.hashrate * in.target_share_seconds / hashes_per_difficulty;
    const double suggested = std::max(1.0, std::exp2(std::round(std::log2(std::max(ideal, 1e-9)))));
    if (in.current_difficulty <= 0 || in.current_difficulty > 2 * suggested ||
        in.current_difficulty < suggested / 2) {
        double seconds = in.current_difficulty > 0
                             ? in.current_difficulty * hashes_per_difficulty / in.hashrate
                             : 0;
        out.push_back(
            {"start-difficulty",
             fmt::format("start at difficulty {:.0f} (password \"d={:.0f}\")", suggested,
                         suggested),
             in.current_difficulty > 0
                 ? fmt::format("at {} difficulty {:g} gives a share every {:.3g} s; the pool "
                               "aims for one every {:g} s, so vardiff spends its first minutes "
                               "catching up",
                               rate_text(in.hashrate), in.current_difficulty, seconds,
                               in.target_share_seconds)
                 : fmt::format("at {} a share every {:g} s needs difficulty {:.3g}",
                               rate_text(in.hashrate), in.target_share_seconds, ideal)});
    }

    // Stale shares: work on an old job after a new block. The share of time a rig hashes stale
    // work is about (one-way latency + job switch time) / block interval.
    if (in.shares >= 100) {
        double latency_s = in.latency_ms.value_or(0) / 2000.0;
        double switch_s = in.job_switch_ms.value_or(0) / 1000.0;
        double explained = std::max(0.002, (latency_s + switch_s) / in.block_interval_s);
        int64_t stale =
            static_cast<int64_t>(std::llround(in.stale_rate * static_cast<double>(in.shares)));
        double p = binomial_sf(stale, in.shares, explained);
        if (in.stale_rate > 2 * explained && in.stale_rate > 0.01 && p < 1e-3) {
            std::string cause;
            if (in.job_switch_ms && *in.job_switch_ms > 500)
                cause = fmt::format(
                    "the rig takes {:.0f} ms to move to a new job: update the "
                    "miner firmware or software, and lower its work queue",
                    *in.job_switch_ms);
            else if (in.latency_ms && *in.latency_ms > 150)
                cause = fmt::format(
                    "the round trip to the pool is {:.0f} ms: use a nearer pool "
                    "endpoint or a local proxy",
                    *in.latency_ms);
            else
                cause =
                    "neither latency nor job switching explains it: check for an overloaded "
                    "proxy, a congested uplink, or a miner that keeps stale work queued";
            out.push_back({"stale-shares", cause,
                           fmt::format("stale rate {:.2f}% over {} shares where latency and job "
                                       "switching explain about {:.2f}% (binomial p = {:.2g})",
                                       100 * in.stale_rate, in.shares, 100 * explained, p)});
        } else if (in.latency_ms && *in.latency_ms > 250) {
            out.push_back({"latency",
                           fmt::format("use a pool endpoint nearer than {:.0f} ms", *in.latency_ms),
                           fmt::format("each new block reaches the rig {:.0f} ms late; at a {:g} s "
                                       "block interval that wastes about {:.2f}% of its work",
                                       *in.latency_ms / 2, in.block_interval_s,
                                       100 * latency_s / in.block_interval_s)});
        }
        if (in.invalid_rate > 0.01)
            out.push_back({"invalid-shares",
                           "lower clocks or voltage one step and check power supply and cooling",
                           fmt::format("{:.2f}% of {} shares were invalid: hashing errors usually "
                                       "come from unstable clocks, a weak power supply or heat",
                                       100 * in.invalid_rate, in.shares)});
    }

    if (in.hardware_model.empty()) return out;
    const HardwareProfile* hw = table.find(in.hardware_model);
    if (!hw) {
        out.push_back({"hardware", "no tuning hints: the model is not in the hardware table",
                       fmt::format("\"{}\" matches no entry of {} known devices", in.hardware_model,
                                   table.devices.size())});
        return out;
    }
    std::string source = fmt::format(" [{}: {}]", hw->model, hw->source);
    auto hint = table.tuning.find(hw->kind);
    if (hint != table.tuning.end()) {
        auto h = hint->second.find(to_string(in.target));
        if (h != hint->second.end())
            out.push_back({"tuning", h->second,
                           fmt::format("optimising {} on a {} {}", to_string(in.target),
                                       hw->manufacturer, hw->model)});
    }
    if (hw->hashrate) {
        double ratio = in.hashrate / *hw->hashrate;
        if (ratio < 0.85)
            out.push_back(
                {"hardware",
                 "check every hashboard or chain is hashing, and the rig's temperatures "
                 "and clocks",
                 fmt::format("the pool sees {} where the {} is rated {}{}: {:.0f}%",
                             rate_text(in.hashrate), hw->model, rate_text(*hw->hashrate),
                             hw->is_typical("hashrate") ? " (typical)" : "", 100 * ratio) +
                     source});
        if (in.power_w && *in.power_w > 0) {
            double rated = *hw->hashrate / hw->power_w;
            double actual = in.hashrate / *in.power_w;
            if (actual < 0.85 * rated)
                out.push_back(
                    {"efficiency",
                     "efficiency is below the rating: clean the heatsinks, check the "
                     "power supply, consider the low-power mode",
                     fmt::format("{:.3g} H/J measured against {:.3g} H/J rated", actual, rated) +
                         source});
        }
    }
    std::optional<double> limit = hw->kind == "gpu" ? hw->gpu_temp_max_c : hw->chip_temp_max_c;
    if (in.temperature_c && limit) {
        bool typical = hw->is_typical(hw->kind == "gpu" ? "gpu_temp_max_c" : "chip_temp_max_c");
        if (*in.temperature_c >= *limit - 5)
            out.push_back({"temperature",
                           in.target == OptimizationTarget::hashrate
                               ? "the rig is at its thermal limit: more hashrate needs cooler "
                                 "intake air before any higher clock"
                               : "lower the power limit or switch to the low-power mode until "
                                 "the temperature drops 10 C",
                           fmt::format("{:.0f} C measured, limit {}", *in.temperature_c,
                                       value_text(*limit, typical, "C")) +
                               source});
    }
    return out;
}

}  // namespace viddhana::analytics
