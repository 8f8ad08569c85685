// POST /api/v1/predict/earnings: expected coins per day, week and month for a hashrate (or a
// miner's measured one), payout scheme and fee, each with an interval at the asked coverage.
// The request is parsed here; the service gathers the chain, pool and miner figures into an
// EarningsContext; the answer is computed from both by the earnings projection.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analytics/earnings_projection.h"
#include "analytics/service/endpoint_reply.h"
#include "analytics/service/request_fields.h"
#include "chain/coin.h"
#include "ledger/payout/scheme_kind.h"

namespace viddhana::analytics::service {

struct EarningsRequest {
    std::optional<double> hashrate;                    // H/s; or ...
    std::optional<std::string> address;                // ... the miner whose roll-ups give it
    std::optional<std::string> worker;                 // with address: that worker only
    std::optional<ledger::payout::SchemeKind> scheme;  // the pool's when absent
    std::optional<double> fee_percent;                 // the pool's when absent
    std::vector<std::string> periods;                  // "day", "week", "month"; empty = all
    double coverage = 0.9;
    std::optional<double> pool_hashrate;       // H/s; the pool's measured when absent
    std::optional<double> network_difficulty;  // the node's when absent
    std::optional<int64_t> fees_per_block;     // base units; the node's recent median when absent
};

Validated<EarningsRequest> parse_earnings_request(const nlohmann::json& body);

// What the service knows when it answers.
struct EarningsContext {
    const chain::CoinParams* coin = nullptr;
    ledger::payout::SchemeKind pool_scheme = ledger::payout::SchemeKind::pplns;
    double pool_fee_percent = 1.0;
    double share_interval_s = 10;  // vardiff's target share time
    int64_t now_unix = 0;
    // From the node (absent when it did not answer).
    std::optional<double> network_difficulty;
    int64_t chain_height = 0;
    std::optional<int64_t> typical_fees_per_block;
    std::vector<DifficultyStep> difficulty_forecast;
    double forecast_coverage = 0.9;
    std::string difficulty_method;
    // From the store: the pool's mean hashrate over the miner's window (or the last 24 hours),
    // and the miner's (or worker's) per-minute samples with the span they cover.
    double pool_hashrate = 0;
    std::vector<HashrateSample> miner_samples;
    int64_t miner_window_s = 0;
};

EndpointReply answer_earnings(const EarningsRequest& request, const EarningsContext& context);

}  // namespace viddhana::analytics::service
