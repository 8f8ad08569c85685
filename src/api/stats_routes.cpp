// Pool-wide numbers: GET /api/stats/pool (cached), /api/stats/leaderboard, /api/stats/hashrate
// and the connection facts of GET /api/pool.
#include <map>

#include <fmt/format.h>

#include "api/api_routes.h"
#include "api/hashrate_series.h"
#include "api/json_views.h"
#include "api/pool_stats.h"
#include "chain/pow.h"
#include "http/api_error.h"
#include "http/query.h"

namespace viddhana::api {

namespace {

int64_t period_ms(const std::string& period) {
    if (period == "1h") return 3'600'000;
    if (period == "7d") return 7 * 86'400'000LL;
    if (period == "30d") return 30 * 86'400'000LL;
    return 86'400'000;  // 24h
}

}  // namespace

// Shared with the miner routes: `from`, `to` (default: the last 24 hours) and `bucket`.
nlohmann::json hashrate_history(const ApiContext& ctx, const http::Request& req,
                                const std::optional<std::string>& login) {
    int64_t now = ctx.clock->now_ms();
    int64_t to = http::time_param(req, "to").value_or(now);
    int64_t from = http::time_param(req, "from").value_or(to - 86'400'000);
    if (to <= from) http::throw_bad_parameter("from", "'from' must be before 'to'");
    if (to - from > 31 * 86'400'000LL) {
        http::throw_bad_parameter("from", "the range may span at most 31 days");
    }
    std::string fallback = to - from <= 6 * 3'600'000    ? "5m"
                           : to - from <= 2 * 86'400'000 ? "15m"
                                                         : "1h";
    std::string bucket =
        http::choice_param(req, "bucket", fallback, {"1m", "5m", "15m", "1h", "1d"});
    int64_t bucket_ms = *http::parse_duration_ms(bucket);
    auto minutes = ctx.store->hashrate().series(login, from - bucket_ms, to + bucket_ms);
    auto buckets = bucket_hashrate(minutes, from, to, bucket_ms, ctx.info.hashes_per_difficulty());
    if (!buckets) http::throw_bad_parameter("bucket", buckets.error().message);
    nlohmann::json points = nlohmann::json::array();
    for (const auto& b : *buckets) {
        points.push_back({{"time", b.time_ms},
                          {"hashrate", b.hashrate},
                          {"accepted", b.accepted},
                          {"rejected", b.rejected}});
    }
    return {{"from", from}, {"to", to}, {"bucket", bucket}, {"points", std::move(points)}};
}

void add_stats_routes(http::Router& r, ApiContext& ctx) {
    r.get("/api/stats/pool", guarded([&ctx](const http::Request&) {
              http::Response res;
              res.body = *ctx.stats->body();
              return res;
          }));

    r.get(
        "/api/stats/leaderboard", guarded([&ctx](const http::Request& req) {
            std::string period =
                http::choice_param(req, "period", "24h", {"1h", "24h", "7d", "30d"});
            int64_t limit = http::int_param(req, "limit", 25, 1, 100);
            std::string sort = http::choice_param(req, "sort", "hashrate", {"hashrate", "blocks"});
            int64_t now = ctx.clock->now_ms();
            int64_t span = period_ms(period);
            std::map<std::string, int64_t> blocks;
            auto finders = ctx.store->blocks().finder_counts(now - span, std::nullopt);
            for (const auto& f : finders)
                blocks[f.login] = f.blocks;
            std::vector<store::MinerHashrate> ranked;
            if (sort == "hashrate") {
                auto board = ctx.store->hashrate().leaderboard(now, span, limit);
                if (!board) throw std::runtime_error(board.error().message);
                ranked = std::move(*board);
            } else {
                // Most blocks first (ties by address), each with its hash rate in the period.
                for (const auto& f : finders) {
                    if (static_cast<int64_t>(ranked.size()) >= limit) break;
                    ranked.push_back(
                        {f.login, ctx.store->hashrate().miner_hashrate(f.login, now, span)});
                }
            }
            const auto* board = &ranked;
            nlohmann::json miners = nlohmann::json::array();
            int rank = 0;
            for (const auto& m : *board) {
                miners.push_back({{"rank", ++rank},
                                  {"address", m.login},
                                  {"hashrate", store::hashes_per_second(
                                                   m.window, ctx.info.hashes_per_difficulty())},
                                  {"acceptedShares", m.window.accepted},
                                  {"rejectedShares", m.window.rejected},
                                  {"blocksFound", blocks.count(m.login) ? blocks[m.login] : 0}});
            }
            return http::json_response(
                {{"period", period}, {"sort", sort}, {"miners", std::move(miners)}});
        }));

    r.get("/api/stats/hashrate", guarded([&ctx](const http::Request& req) {
              return http::json_response(hashrate_history(ctx, req, std::nullopt));
          }));

    r.get("/api/pool", [&ctx](const http::Request&) {
        const auto& i = ctx.info;
        const auto& coin = *i.coin;
        nlohmann::json login_format{{"username", "<your " + coin.coin + " address>.<worker name>"},
                                    {"password", "x (any value)"},
                                    {"example", "ltc1q...address.rig1"}};
        if (coin.coin == "bitcoin") login_format["example"] = "bc1q...address.rig1";
        return http::json_response(
            {{"coin", coin.coin},
             {"symbol", coin.symbol},
             {"network", i.network},
             {"algorithm", std::string(chain::to_string(coin.algorithm))},
             {"stratum",
              {{"url", i.stratum_url},
               {"ports",
                nlohmann::json::array({{{"port", i.stratum_port},
                                        {"tls", false},
                                        {"difficulty",
                                         {{"initial", number(i.initial_difficulty)},
                                          {"min", number(i.min_difficulty)},
                                          {"max", number(i.max_difficulty)},
                                          {"variable", i.min_difficulty != i.max_difficulty}}}}})},
               {"login", std::move(login_format)}}},
             {"payout",
              {{"scheme", i.payout_scheme},
               {"fee", number(i.fee_percent)},
               {"minimumThreshold", i.min_payout_threshold},
               {"defaultThreshold", i.default_payout_threshold},
               {"maximumThreshold", i.max_payout_threshold},
               {"confirmations", i.maturity_confirmations},
               {"intervalSeconds", i.payment_interval_seconds},
               {"enabled", i.payments_enabled},
               {"unit", "base units: 1 " + coin.symbol + " = " + std::to_string(coin.coin_units)},
               {"coinUnits", coin.coin_units}}}});
    });
}

}  // namespace viddhana::api
