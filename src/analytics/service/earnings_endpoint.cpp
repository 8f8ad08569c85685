#include "analytics/service/earnings_endpoint.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace viddhana::analytics::service {

namespace {

const char* const kPeriods[] = {"day", "week", "month"};

bool known_period(const std::string& p) {
    return std::find(std::begin(kPeriods), std::end(kPeriods), p) != std::end(kPeriods);
}

void parse_horizon(const nlohmann::json& v, RequestFields& f, std::vector<std::string>& out) {
    const std::string expected =
        "horizon must be \"day\", \"week\", \"month\", \"all\" or a list of them";
    std::vector<nlohmann::json> items;
    if (v.is_array()) {
        if (v.empty()) {
            f.fail("horizon", expected + " (got an empty list)");
            return;
        }
        items.assign(v.begin(), v.end());
    } else {
        items.push_back(v);
    }
    for (const auto& item : items) {
        if (!item.is_string()) {
            f.fail("horizon", fmt::format("{} (got {})", expected, json_type_name(item)));
            return;
        }
        std::string p = item.get<std::string>();
        if (p == "all" && !v.is_array()) return;  // every period
        if (!known_period(p)) {
            f.fail("horizon", fmt::format("{} (got \"{}\")", expected, p));
            return;
        }
        if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
    }
}

}  // namespace

Validated<EarningsRequest> parse_earnings_request(const nlohmann::json& body) {
    RequestFields f(body);
    EarningsRequest r;
    r.hashrate = f.optional_number("hashrate", 0, 1e30);
    if (r.hashrate && !(*r.hashrate > 0)) f.fail("hashrate", "hashrate must be above 0 (H/s)");
    r.address = f.optional_text("address", 128);
    r.worker = f.optional_text("worker", 128);
    if (auto s = f.optional_text("scheme", 16)) {
        auto scheme = ledger::payout::parse_scheme(*s);
        if (!scheme)
            f.fail("scheme",
                   fmt::format("scheme must be pplns, pps, fpps, prop or solo (got \"{}\")", *s));
        else
            r.scheme = *scheme;
    }
    r.fee_percent = f.optional_number("fee_percent", 0, 100);
    if (const auto* h = f.raw("horizon")) parse_horizon(*h, f, r.periods);
    r.coverage = f.number_or("coverage", r.coverage, 0.5, 0.999);
    if (f.has("coverage") && !(r.coverage > 0.5))
        f.fail("coverage", "coverage must be above 0.5 and at most 0.999");
    r.pool_hashrate = f.optional_number("pool_hashrate", 0, 1e30);
    if (r.pool_hashrate && !(*r.pool_hashrate > 0))
        f.fail("pool_hashrate", "pool_hashrate must be above 0 (H/s)");
    r.network_difficulty = f.optional_number("network_difficulty", 0, 1e30);
    if (r.network_difficulty && !(*r.network_difficulty > 0))
        f.fail("network_difficulty", "network_difficulty must be above 0");
    r.fees_per_block = f.optional_integer("fees_per_block", 0, int64_t{1} << 50);

    if (!f.failed()) {
        if (r.hashrate && r.address)
            f.fail("hashrate", "give either hashrate or address, not both");
        else if (!r.hashrate && !r.address)
            f.fail("hashrate",
                   "hashrate (H/s) is required, or address to use the miner's measured hashrate");
        else if (r.worker && !r.address)
            f.fail("worker", "worker goes with address (the miner the worker belongs to)");
        else if (r.pool_hashrate && r.hashrate && *r.pool_hashrate < *r.hashrate)
            f.fail("pool_hashrate",
                   fmt::format("pool_hashrate {:g} must be at least hashrate {:g}: "
                               "the pool's hashrate includes the miner's",
                               *r.pool_hashrate, *r.hashrate));
    }
    if (auto e = f.finish()) return *e;
    return r;
}

EndpointReply answer_earnings(const EarningsRequest& request, const EarningsContext& ctx) {
    if (!ctx.coin) return error_reply(500, "internal", "the service has no coin configured");
    const auto& coin = *ctx.coin;
    EarningsInputs in;
    in.coin = &coin;
    in.scheme = request.scheme.value_or(ctx.pool_scheme);
    in.pool_fee_bps =
        static_cast<int>(std::llround(request.fee_percent.value_or(ctx.pool_fee_percent) * 100));
    in.coverage = request.coverage;
    in.share_interval_s = ctx.share_interval_s;
    in.now_unix = ctx.now_unix;
    in.chain_height = ctx.chain_height;
    std::vector<std::string> notes;

    if (request.network_difficulty) {
        in.network_difficulty = *request.network_difficulty;
        notes.push_back("the network difficulty is the one given and stays constant");
    } else if (ctx.network_difficulty) {
        in.network_difficulty = *ctx.network_difficulty;
        in.difficulty_forecast = ctx.difficulty_forecast;
        in.forecast_coverage = ctx.forecast_coverage;
    } else {
        return error_reply(503, "node_unavailable",
                           "the coin node did not give the network difficulty; pass "
                           "network_difficulty to project without it");
    }
    if (request.fees_per_block) {
        in.typical_fees_per_block = *request.fees_per_block;
    } else if (ctx.typical_fees_per_block) {
        in.typical_fees_per_block = *ctx.typical_fees_per_block;
    } else {
        notes.push_back("transaction fees are left out: the node gave no recent block fees");
    }

    nlohmann::json j;
    std::string hashrate_source;
    if (request.hashrate) {
        for (int i = 0; i < 24; ++i)
            in.hashrate_history.push_back({ctx.now_unix - 3600 * (23 - i), *request.hashrate});
        in.hashrate_window_s = 86400;
        hashrate_source = "request";
        if (request.pool_hashrate) {
            in.pool_hashrate = *request.pool_hashrate;
        } else {
            // A miner asking what it would earn here joins the pool's measured hashrate.
            in.pool_hashrate = ctx.pool_hashrate + *request.hashrate;
            notes.push_back(
                fmt::format("pool hashrate: the pool's measured {:.6g} H/s plus this hashrate",
                            ctx.pool_hashrate));
        }
    } else {
        if (ctx.miner_samples.empty() || ctx.miner_window_s <= 0) {
            return {
                404,
                {{"error",
                  {{"code", "not_found"},
                   {"message", fmt::format("no accepted shares from {}{} in the last 24 hours: its "
                                           "hashrate is unknown",
                                           *request.address,
                                           request.worker ? "." + *request.worker : std::string())},
                   {"parameter", "address"}}}}};
        }
        in.hashrate_history = ctx.miner_samples;
        in.hashrate_window_s = ctx.miner_window_s;
        hashrate_source =
            fmt::format("the store's per-minute roll-ups over the last {} s", ctx.miner_window_s);
        in.pool_hashrate = request.pool_hashrate.value_or(ctx.pool_hashrate);
        j["address"] = *request.address;
        if (request.worker) j["worker"] = *request.worker;
    }

    auto p = project_earnings(in);
    if (!p) return error_reply(422, "cannot_project", p.error().message);

    nlohmann::json periods = nlohmann::json::array();
    for (const auto& period : p->periods) {
        if (!request.periods.empty() && std::find(request.periods.begin(), request.periods.end(),
                                                  period.name) == request.periods.end())
            continue;
        periods.push_back({{"period", period.name},
                           {"seconds", period.seconds},
                           {"expected", period.expected},
                           {"low", period.low},
                           {"high", period.high},
                           {"expected_coins", format_coins(period.expected, coin.coin_units)},
                           {"low_coins", format_coins(period.low, coin.coin_units)},
                           {"high_coins", format_coins(period.high, coin.coin_units)},
                           {"interval_probability", period.interval_probability},
                           {"expected_blocks", period.expected_blocks},
                           {"probability_of_nothing", period.probability_of_nothing}});
    }
    j["coin"] = coin.symbol;
    j["unit"] = "base units (1 coin = " + std::to_string(coin.coin_units) + ")";
    j["scheme"] = ledger::payout::to_string(p->scheme);
    j["fee_percent"] = in.pool_fee_bps / 100.0;
    j["coverage"] = p->coverage;
    j["hashrate"] = p->hashrate;
    j["hashrate_source"] = hashrate_source;
    j["pool_hashrate"] = in.pool_hashrate;
    j["network_difficulty"] = in.network_difficulty;
    j["chain_height"] = in.chain_height;
    j["fees_per_block"] = in.typical_fees_per_block;
    j["reward_per_block"] = p->reward_per_block;
    j["difficulty"] = {
        {"method", request.network_difficulty ? std::string("given") : ctx.difficulty_method},
        {"retargets", in.difficulty_forecast.size()}};
    j["periods"] = periods;
    j["assumptions"] = p->assumptions;
    j["notes"] = notes;
    return ok_reply(std::move(j));
}

}  // namespace viddhana::analytics::service
