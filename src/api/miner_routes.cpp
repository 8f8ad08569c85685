// One miner's public view, by address (as MiningCore's /miners/{address} family): summary,
// workers, hash rate history, balance, payments, balance changes and daily earnings.
// An address the coin cannot decode is 400 with the decoder's reason; a valid address that never
// sent a share here is 404.
#include <map>

#include <fmt/format.h>

#include "api/account_view.h"
#include "api/api_routes.h"
#include "api/json_views.h"
#include "chain/address.h"
#include "http/api_error.h"
#include "http/query.h"

namespace viddhana::api {

nlohmann::json hashrate_history(const ApiContext& ctx, const http::Request& req,
                                const std::optional<std::string>& login);

namespace {

constexpr int64_t kDayMs = 86'400'000;

// The miner's row, or the 400/404 the caller answers with.
store::Miner known_miner(const ApiContext& ctx, const http::Request& req) {
    const std::string& address = req.path_param("address");
    const auto& coin = *ctx.info.coin;
    if (auto decoded = chain::decode_address(address, coin); !decoded) {
        throw http::ApiError(400, "invalid_address",
                             fmt::format("'{}' is not a valid {} {} address: {}", address,
                                         coin.coin, ctx.info.network, decoded.error().message),
                             "address");
    }
    auto miner = ctx.store->miners().find_miner(address);
    if (!miner) {
        throw http::ApiError(404, "miner_not_found",
                             fmt::format("no shares from {} at this pool yet", address));
    }
    return *miner;
}

nlohmann::json balance_json(const ApiContext& ctx, const store::Miner& m) {
    auto b = ctx.store->balances().balance(m.login);
    return {{"immature", b.immature},
            {"pending", b.pending},
            {"paid", b.paid},
            {"payoutThreshold", m.payout_threshold.value_or(ctx.info.default_payout_threshold)},
            {"payoutAddress", m.payout_address.value_or(m.login)}};
}

std::string utc_date(int64_t ms) {
    return iso_time(ms).substr(0, 10);
}

}  // namespace

void add_miner_routes(http::Router& r, ApiContext& ctx) {
    r.get(
        "/api/miners/{address}", guarded([&ctx](const http::Request& req) {
            auto miner = known_miner(ctx, req);
            int64_t now = ctx.clock->now_ms();
            double hpd = ctx.info.hashes_per_difficulty();
            auto& hr = ctx.store->hashrate();
            auto short_window = hr.miner_hashrate(miner.login, now, kHashrateWindowMs);
            auto long_window = hr.miner_hashrate(miner.login, now, kHashrateLongWindowMs);
            auto workers = ctx.store->miners().workers(miner.login);
            int64_t online = 0;
            std::optional<int64_t> last_share;
            for (const auto& w : workers) {
                if (w.last_share_ms) {
                    if (now - *w.last_share_ms < kHashrateWindowMs) ++online;
                    last_share = std::max(last_share.value_or(0), *w.last_share_ms);
                }
            }
            auto found = ctx.store->blocks().finder_counts(0, miner.login);
            return http::json_response(
                {{"address", miner.login},
                 {"hashrate", store::hashes_per_second(short_window, hpd)},
                 {"hashrate1h", store::hashes_per_second(long_window, hpd)},
                 {"acceptedShares", short_window.accepted},
                 {"rejectedShares", short_window.rejected},
                 {"workers", workers.size()},
                 {"workersOnline", online},
                 {"blocksFound", found.empty() ? 0 : found.front().blocks},
                 {"lastShare", last_share ? nlohmann::json(*last_share) : nlohmann::json(nullptr)},
                 {"firstSeen", miner.created_ms},
                 {"balance", balance_json(ctx, miner)}});
        }));

    r.get("/api/miners/{address}/workers", guarded([&ctx](const http::Request& req) {
              auto miner = known_miner(ctx, req);
              auto list = miner_workers_json(ctx, miner.login, ctx.clock->now_ms());
              return http::json_response({{"address", miner.login}, {"workers", std::move(list)}});
          }));

    r.get("/api/miners/{address}/hashrate", guarded([&ctx](const http::Request& req) {
              auto miner = known_miner(ctx, req);
              auto j = hashrate_history(ctx, req, miner.login);
              j["address"] = miner.login;
              return http::json_response(j);
          }));

    r.get("/api/miners/{address}/balance", guarded([&ctx](const http::Request& req) {
              auto miner = known_miner(ctx, req);
              auto j = balance_json(ctx, miner);
              j["address"] = miner.login;
              return http::json_response(j);
          }));

    r.get("/api/miners/{address}/payments", guarded([&ctx](const http::Request& req) {
              auto miner = known_miner(ctx, req);
              auto page = page_param(req);
              store::PaymentFilter filter;
              filter.login = miner.login;
              auto payments = ctx.store->payments().payments(filter, page);
              if (!payments) throw std::runtime_error(payments.error().message);
              nlohmann::json list = nlohmann::json::array();
              for (const auto& p : *payments)
                  list.push_back(payment_json(p));
              return http::json_response({{"address", miner.login},
                                          {"payments", std::move(list)},
                                          {"page", page.offset / page.limit},
                                          {"limit", page.limit}});
          }));

    r.get("/api/miners/{address}/balance-changes", guarded([&ctx](const http::Request& req) {
              auto miner = known_miner(ctx, req);
              auto page = page_param(req);
              auto changes = ctx.store->balances().changes(miner.login, page);
              if (!changes) throw std::runtime_error(changes.error().message);
              nlohmann::json list = nlohmann::json::array();
              for (const auto& c : *changes)
                  list.push_back(balance_change_json(c));
              return http::json_response({{"address", miner.login},
                                          {"changes", std::move(list)},
                                          {"page", page.offset / page.limit},
                                          {"limit", page.limit}});
          }));

    r.get("/api/miners/{address}/earnings/daily", guarded([&ctx](const http::Request& req) {
              auto miner = known_miner(ctx, req);
              int64_t days = http::int_param(req, "days", 30, 1, 365);
              int64_t today = ctx.clock->now_ms() / kDayMs * kDayMs;
              int64_t from = today - (days - 1) * kDayMs;
              std::map<int64_t, int64_t> by_day;
              for (const auto& d :
                   ctx.store->balances().daily_earnings(miner.login, from, today + kDayMs)) {
                  by_day[d.day_ms] = d.amount;
              }
              nlohmann::json list = nlohmann::json::array();
              for (int64_t day = from; day <= today; day += kDayMs) {
                  list.push_back({{"date", utc_date(day)},
                                  {"time", day},
                                  {"amount", by_day.count(day) ? by_day[day] : 0}});
              }
              return http::json_response({{"address", miner.login}, {"days", std::move(list)}});
          }));
}

}  // namespace viddhana::api
