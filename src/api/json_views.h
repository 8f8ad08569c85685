// The JSON the API shows for the store's rows: names in camelCase, amounts in base units
// (integers) with the coin's unit count alongside where it helps, times as Unix milliseconds.
#pragma once
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "store/records.h"

namespace viddhana::api {

// "2026-01-31T12:00:00.000Z"
std::string iso_time(int64_t ms);
// 1.0 -> 1, 0.5 -> 0.5: whole numbers print without a fraction.
nlohmann::json number(double v);

nlohmann::json block_json(const store::Block& b, int maturity_confirmations);
nlohmann::json payment_json(const store::Payment& p);
nlohmann::json balance_change_json(const store::BalanceChange& c);

}  // namespace viddhana::api
