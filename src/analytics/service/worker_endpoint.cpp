#include "analytics/service/worker_endpoint.h"

#include <fmt/format.h>

namespace viddhana::analytics::service {

Validated<WorkerAdviceInputs> parse_worker_request(const nlohmann::json& body,
                                                   const WorkerContext& ctx) {
    RequestFields f(body);
    WorkerAdviceInputs in;
    in.share_multiplier = ctx.share_multiplier;
    in.block_interval_s = ctx.block_interval_s;
    in.hashrate = f.number("hashrate", 0, 1e30);
    if (f.has("hashrate") && !f.failed() && !(in.hashrate > 0))
        f.fail("hashrate", "hashrate must be above 0 (H/s, as the pool measures it)");
    in.current_difficulty = f.number_or("difficulty", 0, 0, 1e15);
    in.target_share_seconds =
        f.number_or("target_share_seconds", ctx.target_share_seconds, 0.1, 3600);
    in.shares = f.integer_or("shares", 0, 0, int64_t{1} << 50);
    in.stale_rate = f.number_or("stale_rate", 0, 0, 1);
    in.invalid_rate = f.number_or("invalid_rate", 0, 0, 1);
    in.latency_ms = f.optional_number("latency_ms", 0, 60'000);
    in.job_switch_ms = f.optional_number("job_switch_ms", 0, 600'000);
    in.hardware_model = f.text_or("hardware", "", 128);
    in.temperature_c = f.optional_number("temperature_c", -60, 200);
    in.power_w = f.optional_number("power_w", 0, 100'000);
    if (auto t = f.optional_text("target", 32)) {
        auto target = parse_optimization_target(*t);
        if (!target)
            f.fail("target", fmt::format("target must be efficiency, hashrate or temperature "
                                         "(got \"{}\")",
                                         *t));
        else
            in.target = *target;
    }
    if (auto e = f.finish()) return *e;
    return in;
}

EndpointReply answer_worker(const WorkerAdviceInputs& in, const WorkerContext& ctx) {
    if (!ctx.hardware) return error_reply(503, "unavailable", "the hardware table is not loaded");
    auto advice = advise_worker(in, *ctx.hardware);
    if (!advice) return error_reply(422, "cannot_advise", advice.error().message);
    nlohmann::json list = nlohmann::json::array();
    for (const auto& a : *advice)
        list.push_back({{"topic", a.topic}, {"suggestion", a.suggestion}, {"reason", a.reason}});
    nlohmann::json hardware = nullptr;
    if (!in.hardware_model.empty()) {
        if (const auto* p = ctx.hardware->find(in.hardware_model)) {
            hardware = {{"model", p->model},     {"manufacturer", p->manufacturer},
                        {"kind", p->kind},       {"algorithm", p->algorithm},
                        {"power_w", p->power_w}, {"source", p->source}};
            if (p->hashrate) hardware["rated_hashrate"] = *p->hashrate;
        }
    }
    return ok_reply({{"target", to_string(in.target)},
                     {"hashrate", in.hashrate},
                     {"hardware", hardware},
                     {"hardware_known", !hardware.is_null() || in.hardware_model.empty()},
                     {"advice", list}});
}

}  // namespace viddhana::analytics::service
