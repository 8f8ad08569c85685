// Blocks the pool found (GET /api/blocks, /api/blocks/{hash}) and the payments it made
// (GET /api/payouts).
#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "api/api_routes.h"
#include "api/json_views.h"
#include "http/api_error.h"
#include "http/query.h"
#include "ledger/payout/scheme_kind.h"

namespace viddhana::api {

namespace {

std::optional<store::BlockStatus> status_param(const http::Request& req) {
    auto s = http::choice_param(req, "status", "all", {"all", "pending", "confirmed", "orphaned"});
    if (s == "all") return std::nullopt;
    return *store::parse_block_status(s);
}

int64_t total_for(const store::PoolTotals& t, std::optional<store::BlockStatus> s) {
    if (!s) return t.blocks_found;
    switch (*s) {
        case store::BlockStatus::pending:
            return t.blocks_pending;
        case store::BlockStatus::confirmed:
            return t.blocks_confirmed;
        case store::BlockStatus::orphaned:
            return t.blocks_orphaned;
    }
    return t.blocks_found;
}

bool is_block_hash(const std::string& s) {
    return s.size() == 64 &&
           std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isxdigit(c) != 0; });
}

}  // namespace

void add_block_routes(http::Router& r, ApiContext& ctx) {
    r.get("/api/blocks", guarded([&ctx](const http::Request& req) {
              auto page = page_param(req);
              auto status = status_param(req);
              auto blocks = ctx.store->blocks().blocks(page, status);
              if (!blocks) throw std::runtime_error(blocks.error().message);
              nlohmann::json list = nlohmann::json::array();
              for (const auto& b : *blocks) {
                  list.push_back(block_json(b, ctx.info.maturity_confirmations));
              }
              auto totals = ctx.store->payments().pool_totals();
              return http::json_response({{"blocks", std::move(list)},
                                          {"page", page.offset / page.limit},
                                          {"limit", page.limit},
                                          {"total", total_for(totals, status)}});
          }));

    r.get("/api/blocks/{hash}", guarded([&ctx](const http::Request& req) {
              std::string hash = req.path_param("hash");
              std::transform(hash.begin(), hash.end(), hash.begin(),
                             [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
              if (!is_block_hash(hash)) {
                  http::throw_bad_parameter("hash", "a block hash is 64 hexadecimal characters");
              }
              auto block = ctx.store->blocks().find_block_by_hash(hash);
              if (!block) {
                  throw http::ApiError(404, "block_not_found",
                                       fmt::format("the pool found no block {}", hash));
              }
              auto j = block_json(*block, ctx.info.maturity_confirmations);
              if (auto round = ctx.store->blocks().round_for_block(block->id)) {
                  nlohmann::json credits = nlohmann::json::array();
                  for (const auto& c : round->credits) {
                      credits.push_back({{"address", c.login},
                                         {"shareDifficulty", c.share_difficulty},
                                         {"amount", c.amount},
                                         {"fee", c.fee}});
                  }
                  j["round"] = {{"scheme", std::string(ledger::payout::to_string(round->scheme))},
                                {"windowTarget", round->window_target},
                                {"windowCounted", round->window_counted},
                                {"paidInCoinbase", round->paid_in_coinbase},
                                {"credits", std::move(credits)}};
              } else {
                  j["round"] = nullptr;
              }
              return http::json_response({{"block", std::move(j)}});
          }));

    r.get("/api/payouts", guarded([&ctx](const http::Request& req) {
              auto page = page_param(req);
              store::PaymentFilter filter;
              auto s = http::choice_param(req, "status", "all",
                                          {"all", "intent", "sent", "confirmed", "failed", "held"});
              if (s != "all") filter.status = *store::parse_payment_status(s);
              auto payments = ctx.store->payments().payments(filter, page);
              if (!payments) throw std::runtime_error(payments.error().message);
              nlohmann::json list = nlohmann::json::array();
              for (const auto& p : *payments)
                  list.push_back(payment_json(p));
              auto totals = ctx.store->payments().pool_totals();
              return http::json_response({{"payouts", std::move(list)},
                                          {"page", page.offset / page.limit},
                                          {"limit", page.limit},
                                          {"totalPaid", totals.total_paid}});
          }));
}

}  // namespace viddhana::api
