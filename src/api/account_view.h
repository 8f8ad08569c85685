// What a signed-in account sees of the miner logins linked to it: each login's hash rate and
// balance, and each of their workers. The dashboard routes answer it, and the WebSocket's private
// "account" channel pushes it, from the same code.
#pragma once
#include <cstdint>

#include <nlohmann/json.hpp>

#include "api/api_context.h"

namespace viddhana::api {

// [{"address", "linked", "hashrate", "payoutThreshold", "balance": {"immature", "pending",
//   "paid"}}]
nlohmann::json linked_miners_json(ApiContext& ctx, int64_t account_id, int64_t now_ms);
// [{"name", "hashrate", "acceptedShares", "rejectedShares", "online", "lastShare", "lastSeen",
//   "firstSeen"}]: one login's workers, hash rate over the last kHashrateWindowMs.
nlohmann::json miner_workers_json(ApiContext& ctx, const std::string& login, int64_t now_ms);
// The workers of every linked login, each with its "address" too.
nlohmann::json linked_workers_json(ApiContext& ctx, int64_t account_id, int64_t now_ms);

}  // namespace viddhana::api
