// Sign-in, sessions, two-factor and the signed-in dashboard: /api/auth/* and /api/dashboard.
// Every answer here is private (no-store); the sign-in steps share the strict "auth" rate limit.
#include <fmt/format.h>

#include "api/account_view.h"
#include "api/api_routes.h"
#include "api/auth_service.h"
#include "api/json_views.h"
#include "http/api_error.h"

namespace viddhana::api {

namespace {

nlohmann::json json_body(const http::Request& req) {
    auto j = nlohmann::json::parse(req.body, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        throw http::ApiError(400, "bad_request", "the request body must be a JSON object");
    }
    return j;
}

std::string text_field(const nlohmann::json& body, const std::string& name) {
    auto it = body.find(name);
    if (it == body.end() || !it->is_string() || it->get<std::string>().empty()) {
        http::throw_bad_parameter(name, name + " is required (a string)");
    }
    return it->get<std::string>();
}

ClientInfo client_of(const http::Request& req) {
    return {req.header("user-agent").value_or(""), req.client_ip};
}

const http::RouteOptions kSignIn{"auth", true};
const http::RouteOptions kPrivate{"", true};

}  // namespace

void add_auth_routes(http::Router& r, ApiContext& ctx) {
    r.post("/api/auth/nonce", guarded([&ctx](const http::Request& req) {
               auto body = json_body(req);
               return http::json_response(ctx.auth->issue_nonce(text_field(body, "walletAddress")));
           }),
           kSignIn);
    r.post("/api/auth/wallet", guarded([&ctx](const http::Request& req) {
               auto body = json_body(req);
               // Read in order, so the first missing field is the one named.
               auto wallet = text_field(body, "walletAddress");
               auto signature = text_field(body, "signature");
               auto message = text_field(body, "message");
               return http::json_response(
                   ctx.auth->sign_in(wallet, signature, message, client_of(req)));
           }),
           kSignIn);
    r.post("/api/auth/refresh", guarded([&ctx](const http::Request& req) {
               auto body = json_body(req);
               return http::json_response(
                   ctx.auth->refresh(text_field(body, "refreshToken"), client_of(req)));
           }),
           kSignIn);
    r.post("/api/auth/logout", guarded([&ctx](const http::Request& req) {
               auto body = json_body(req);
               ctx.auth->logout(text_field(body, "refreshToken"));
               return http::json_response({{"signedOut", true}});
           }),
           kPrivate);
    r.post("/api/auth/logout-all", guarded([&ctx](const http::Request& req) {
               int64_t account = ctx.auth->authenticate(req.header("authorization"));
               return http::json_response({{"sessionsEnded", ctx.auth->logout_all(account)}});
           }),
           kPrivate);
    r.post("/api/auth/2fa/setup", guarded([&ctx](const http::Request& req) {
               int64_t account = ctx.auth->authenticate(req.header("authorization"));
               return http::json_response(ctx.auth->begin_two_factor(account));
           }),
           kPrivate);
    r.post("/api/auth/2fa/enable", guarded([&ctx](const http::Request& req) {
               int64_t account = ctx.auth->authenticate(req.header("authorization"));
               ctx.auth->enable_two_factor(account, text_field(json_body(req), "code"));
               return http::json_response({{"twoFactorEnabled", true}});
           }),
           kSignIn);
    r.post("/api/auth/2fa/disable", guarded([&ctx](const http::Request& req) {
               int64_t account = ctx.auth->authenticate(req.header("authorization"));
               ctx.auth->disable_two_factor(account, text_field(json_body(req), "code"));
               return http::json_response({{"twoFactorEnabled", false}});
           }),
           kSignIn);
    r.post("/api/auth/2fa/verify", guarded([&ctx](const http::Request& req) {
               auto body = json_body(req);
               auto challenge = text_field(body, "challengeToken");
               auto code = text_field(body, "code");
               return http::json_response(
                   ctx.auth->verify_two_factor(challenge, code, client_of(req)));
           }),
           kSignIn);

    r.get("/api/dashboard", guarded([&ctx](const http::Request& req) {
              int64_t id = ctx.auth->authenticate(req.header("authorization"));
              auto account = ctx.auth->account(id);
              int64_t now = ctx.clock->now_ms();
              auto& accounts = ctx.store->accounts();
              nlohmann::json sessions = nlohmann::json::array();
              for (const auto& s : accounts.active_sessions(id, now)) {
                  sessions.push_back({{"started", s.issued_ms},
                                      {"lastUsed", s.last_used_ms ? nlohmann::json(*s.last_used_ms)
                                                                  : nlohmann::json(nullptr)},
                                      {"expires", s.expires_ms},
                                      {"userAgent", s.user_agent},
                                      {"ip", s.ip}});
              }
              auto miners = linked_miners_json(ctx, id, now);
              return http::json_response({{"account", AuthService::account_json(account)},
                                          {"sessions", std::move(sessions)},
                                          {"miners", std::move(miners)}});
          }),
          kPrivate);
}

}  // namespace viddhana::api
