// What a signed-in account manages: linking the miner logins it proves it owns (a message signed
// with the coin node's `signmessage`, see docs/auth.md), unlinking, the payout settings of a
// linked login, and the workers of its linked logins.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "api/account_view.h"
#include "api/api_routes.h"
#include "api/auth_service.h"
#include "auth/coin_message.h"
#include "auth/siwe_message.h"
#include "chain/address.h"
#include "http/api_error.h"

namespace viddhana::api {

namespace {

nlohmann::json object_body(const http::Request& req) {
    auto j = nlohmann::json::parse(req.body, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        throw http::ApiError(400, "bad_request", "the request body must be a JSON object");
    }
    return j;
}

std::string required_text(const nlohmann::json& body, const std::string& name) {
    auto it = body.find(name);
    if (it == body.end() || !it->is_string() || it->get<std::string>().empty()) {
        http::throw_bad_parameter(name, name + " is required (a string)");
    }
    return it->get<std::string>();
}

void check_address(const ApiContext& ctx, const std::string& address, const std::string& field) {
    if (auto d = chain::decode_address(address, *ctx.info.coin); !d) {
        throw http::ApiError(400, "invalid_address",
                             fmt::format("'{}' is not a valid {} {} address: {}", address,
                                         ctx.info.coin->coin, ctx.info.network, d.error().message),
                             field);
    }
}

// The signed-in account and a login it has linked (404 otherwise).
store::Account linked(ApiContext& ctx, const http::Request& req, const std::string& login) {
    auto account = ctx.auth->account(ctx.auth->authenticate(req.header("authorization")));
    auto link = ctx.store->accounts().miner_link(login);
    if (!link || link->account_id != account.id) {
        throw http::ApiError(404, "miner_not_linked",
                             fmt::format("{} is not linked to this account", login));
    }
    return account;
}

const http::RouteOptions kPrivate{"", true};
const http::RouteOptions kSigned{"auth", true};

}  // namespace

void add_account_routes(http::Router& r, ApiContext& ctx) {
    r.post(
        "/api/dashboard/miners/link-message", guarded([&ctx](const http::Request& req) {
            auto account = ctx.auth->account(ctx.auth->authenticate(req.header("authorization")));
            auto login = required_text(object_body(req), "address");
            check_address(ctx, login, "address");
            auth::OpenSslRandomSource random;
            std::string nonce = auth::new_siwe_nonce(random);
            int64_t now = ctx.clock->now_ms();
            store::AuthNonce record{nonce, account.wallet_address, now, now + 5 * 60'000, {}};
            if (auto stored = ctx.store->accounts().add_nonce(record); !stored) {
                throw std::runtime_error("cannot store a nonce: " + stored.error().message);
            }
            return http::json_response(
                {{"message", auth::miner_link_message(login, account.wallet_address, nonce)},
                 {"nonce", nonce},
                 {"expiresAt", record.expires_ms},
                 {"howToSign",
                  fmt::format("{}-cli signmessage {} \"<message>\"", ctx.info.coin->coin, login)}});
        }),
        kPrivate);

    r.post("/api/dashboard/miners/link", guarded([&ctx](const http::Request& req) {
               auto account =
                   ctx.auth->account(ctx.auth->authenticate(req.header("authorization")));
               auto body = object_body(req);
               auto login = required_text(body, "address");
               auto signature = required_text(body, "signature");
               auto message = required_text(body, "message");
               check_address(ctx, login, "address");
               auto at = message.rfind("\nNonce: ");
               std::string nonce = at == std::string::npos ? "" : message.substr(at + 8);
               if (nonce.empty() ||
                   message != auth::miner_link_message(login, account.wallet_address, nonce)) {
                   http::throw_bad_parameter(
                       "message",
                       "not the link message of /api/dashboard/miners/link-message "
                       "for this address and account");
               }
               auto valid = auth::verify_coin_message(login, signature, message, *ctx.info.coin);
               if (!valid) {
                   throw http::ApiError(401, "signature_refused",
                                        "signature: " + valid.error().message, "signature");
               }
               auto consumed = ctx.store->accounts().consume_nonce(nonce, account.wallet_address,
                                                                   ctx.clock->now_ms());
               if (!consumed || !*consumed) {
                   throw http::ApiError(401, "signature_refused",
                                        "this link message expired or was used; ask for a new one");
               }
               auto link = ctx.store->accounts().link_miner(
                   account.id, login, store::MinerLinkMethod::signed_message, ctx.clock->now_ms());
               if (!link) throw http::ApiError(409, "miner_linked_elsewhere", link.error().message);
               return http::json_response({{"address", login}, {"linked", link->linked_ms}});
           }),
           kSigned);

    r.add("DELETE", "/api/dashboard/miners/{address}", guarded([&ctx](const http::Request& req) {
              const std::string& login = req.path_param("address");
              auto account = linked(ctx, req, login);
              (void)ctx.store->accounts().unlink_miner(account.id, login);
              return http::json_response({{"address", login}, {"unlinked", true}});
          }),
          kPrivate);

    r.add(
        "PUT", "/api/dashboard/miners/{address}/payout", guarded([&ctx](const http::Request& req) {
            const std::string& login = req.path_param("address");
            auto account = linked(ctx, req, login);
            auto body = object_body(req);
            auto& miners = ctx.store->miners();
            if (!miners.find_miner(login)) {
                throw http::ApiError(404, "miner_not_found",
                                     fmt::format("no shares from {} at this pool yet", login));
            }
            // Every value is checked before anything is stored: one bad value changes nothing.
            std::optional<std::optional<int64_t>> threshold;
            std::optional<std::optional<std::string>> address;
            if (body.contains("threshold")) {
                const auto& t = body["threshold"];
                threshold.emplace();
                if (!t.is_null()) {
                    if (!t.is_number_integer()) {
                        http::throw_bad_parameter("threshold",
                                                  "threshold is an integer in base units, or null");
                    }
                    int64_t v = t.get<int64_t>();
                    if (v < ctx.info.min_payout_threshold || v > ctx.info.max_payout_threshold) {
                        http::throw_bad_parameter(
                            "threshold",
                            fmt::format("threshold must be between {} and {} base units",
                                        ctx.info.min_payout_threshold,
                                        ctx.info.max_payout_threshold));
                    }
                    *threshold = v;
                }
            }
            if (body.contains("payoutAddress")) {
                const auto& a = body["payoutAddress"];
                address.emplace();
                if (!a.is_null()) {
                    if (!a.is_string()) {
                        http::throw_bad_parameter("payoutAddress",
                                                  "payoutAddress is an address, or null");
                    }
                    check_address(ctx, a.get<std::string>(), "payoutAddress");
                    *address = a.get<std::string>();
                }
            }
            if (!threshold && !address) {
                http::throw_bad_parameter("threshold", "give threshold, payoutAddress or both");
            }
            if (address) {
                // Where the coins go is what a stolen session would change: with two-factor on,
                // it takes a code too.
                if (body.contains("code") && !body["code"].is_string()) {
                    http::throw_bad_parameter("code", "code is the 6-digit string");
                }
                ctx.auth->confirm_two_factor(account, body.value("code", std::string()));
            }
            if (threshold) {
                if (auto set = miners.set_payout_threshold(login, *threshold); !set) {
                    http::throw_bad_parameter("threshold", set.error().message);
                }
            }
            if (address) {
                if (auto set = miners.set_payout_address(login, *address, ctx.clock->now_ms());
                    !set) {
                    http::throw_bad_parameter("payoutAddress", set.error().message);
                }
            }
            auto m = *miners.find_miner(login);
            return http::json_response({{"address", login},
                                        {"payoutThreshold", m.payout_threshold.value_or(
                                                                ctx.info.default_payout_threshold)},
                                        {"payoutAddress", m.payout_address.value_or(m.login)}});
        }),
        kPrivate);

    // Forgets a retired worker of a linked login. "~" names the unnamed worker (a login without
    // ".WORKER"; "~" is not a character worker names may hold).
    r.add(
        "DELETE", "/api/workers/{address}/{name}", guarded([&ctx](const http::Request& req) {
            const std::string login = req.path_param("address");
            linked(ctx, req, login);
            std::string name = req.path_param("name");
            if (name == "~") name.clear();
            auto& miners = ctx.store->miners();
            auto workers = miners.workers(login);
            auto it = std::find_if(workers.begin(), workers.end(),
                                   [&](const store::Worker& w) { return w.name == name; });
            if (it == workers.end()) {
                throw http::ApiError(404, "worker_not_found",
                                     fmt::format("{} has no worker '{}'", login, name));
            }
            if (it->last_seen_ms > ctx.clock->now_ms() - kHashrateWindowMs) {
                throw http::ApiError(
                    409, "worker_active",
                    fmt::format("worker '{}' sent shares in the last {} minutes: stop it first "
                                "(its next share lists it again)",
                                name, kHashrateWindowMs / 60'000));
            }
            miners.forget_worker(login, name);
            return http::json_response({{"address", login}, {"worker", name}, {"forgotten", true}});
        }),
        kPrivate);

    r.get("/api/workers", guarded([&ctx](const http::Request& req) {
              int64_t id = ctx.auth->authenticate(req.header("authorization"));
              auto list = linked_workers_json(ctx, id, ctx.clock->now_ms());
              return http::json_response({{"workers", std::move(list)}});
          }),
          kPrivate);
}

}  // namespace viddhana::api
