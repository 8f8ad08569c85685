// Signing in to the API over real HTTP, on a real store: a wallet signs the server's EIP-4361
// message, the session's access token opens the dashboard, refresh tokens rotate and a reused
// one ends the sign-in, two-factor enrolment and sign-in with TOTP codes (replays refused), and
// signing out everywhere.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/api_server.h"
#include "auth/base32.h"
#include "auth/eth_address.h"
#include "auth/personal_sign.h"
#include "auth/totp.h"
#include "base/hex.h"
#include "chain/address.h"
#include "http/http_client.h"
#include "support/temp_dir.h"

namespace viddhana::test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

struct Answer {
    int status = 0;
    json body;
    std::optional<std::string> cache_control;
};

class ApiAuth : public ::testing::Test {
  protected:
    void SetUp() override {
        store::StoreConfig sc;
        sc.backend = store::StoreBackend::sqlite;
        sc.sqlite_path = dir_.file("viddhana.db");
        store_ = store::open_store(sc);
        api::ApiConfig c;
        c.host = "127.0.0.1";
        c.port = 0;
        c.jwt_secret = "0123456789abcdef0123456789abcdef-test-secret";
        c.site_uri = "http://localhost:3004";
        c.auth_rate_limit = 1000;
        c.access_log = false;
        api::PoolInfo info;
        info.coin = chain::find_coin("litecoin", chain::Network::regtest);
        info.network = "regtest";
        api::ApiServerDeps deps;
        deps.store = store_.get();
        deps.clock = &clock_;
        server_ = std::make_unique<api::ApiServer>(c, info, std::move(deps));
        server_->start();
        base_ = *http::parse_base_url(fmt::format("http://127.0.0.1:{}", server_->port()));
        for (size_t i = 0; i < key_.size(); ++i)
            key_[i] = static_cast<uint8_t>(i + 1);
    }
    void TearDown() override { server_->stop(); }

    Answer call(const std::string& method, const std::string& target, const json& body = nullptr,
                const std::string& bearer = "") {
        std::vector<std::pair<std::string, std::string>> headers;
        if (!bearer.empty()) headers.emplace_back("Authorization", "Bearer " + bearer);
        headers.emplace_back("Content-Type", "application/json");
        auto r =
            http::call_http(base_, method, target, body.is_null() ? "" : body.dump(), headers, 30s);
        if (!r) throw std::runtime_error(r.error().message);
        return {r->status, json::parse(r->body, nullptr, false), r->header("Cache-Control")};
    }

    std::string sign(const std::string& message) {
        auto sig = auth::sign_personal_message(key_, message);
        if (!sig) throw std::runtime_error(sig.error().message);
        return "0x" + to_hex(*sig);
    }
    std::string wallet() {
        auto sig = auth::sign_personal_message(key_, "who");
        return auth::recover_personal_signer("who", "0x" + to_hex(*sig))->checksummed();
    }
    // The wallet's signed sign-in: {message, signature}.
    std::pair<std::string, std::string> signed_message() {
        auto nonce = call("POST", "/api/auth/nonce", {{"walletAddress", wallet()}});
        EXPECT_EQ(nonce.status, 200) << nonce.body.dump();
        std::string message = nonce.body["message"];
        return {message, sign(message)};
    }
    Answer sign_in() {
        auto [message, signature] = signed_message();
        return call("POST", "/api/auth/wallet",
                    {{"walletAddress", wallet()}, {"signature", signature}, {"message", message}});
    }
    std::string code(const std::string& secret) {
        return auth::totp_code(*auth::base32_decode(secret), clock_.now_s());
    }

    TempDir dir_{"api-auth"};
    ManualClock clock_;
    std::unique_ptr<store::Store> store_;
    std::unique_ptr<api::ApiServer> server_;
    http::BaseUrl base_;
    std::array<uint8_t, 32> key_{};
};

TEST_F(ApiAuth, WalletSignInSessionsAndRotation) {
    auto [message, signature] = signed_message();
    EXPECT_NE(message.find("localhost:3004 wants you to sign in"), std::string::npos) << message;
    auto session =
        call("POST", "/api/auth/wallet",
             {{"walletAddress", wallet()}, {"signature", signature}, {"message", message}});
    ASSERT_EQ(session.status, 200) << session.body.dump();
    EXPECT_EQ(session.cache_control, "no-store");
    std::string access = session.body["accessToken"];
    std::string refresh = session.body["refreshToken"];
    EXPECT_EQ(session.body["expiresIn"], 15 * 60);

    // The same signed message again: its nonce is spent.
    auto replay =
        call("POST", "/api/auth/wallet",
             {{"walletAddress", wallet()}, {"signature", signature}, {"message", message}});
    EXPECT_EQ(replay.status, 401);
    EXPECT_EQ(replay.body["error"]["code"], "sign_in_refused");
    // A signature by another key.
    auto [m2, s2] = signed_message();
    s2[10] = s2[10] == '0' ? '1' : '0';
    EXPECT_EQ(call("POST", "/api/auth/wallet",
                   {{"walletAddress", wallet()}, {"signature", s2}, {"message", m2}})
                  .status,
              401);

    auto dash = call("GET", "/api/dashboard", nullptr, access);
    ASSERT_EQ(dash.status, 200) << dash.body.dump();
    EXPECT_EQ(dash.body["account"]["walletAddress"], auth::EthAddress::parse(wallet())->lower());
    EXPECT_EQ(dash.body["sessions"].size(), 1u);
    EXPECT_EQ(call("GET", "/api/dashboard").status, 401);
    EXPECT_EQ(call("GET", "/api/dashboard", nullptr, access + "x").status, 401);

    // Rotation: the new token works, the old one ends the whole sign-in.
    auto rotated = call("POST", "/api/auth/refresh", {{"refreshToken", refresh}});
    ASSERT_EQ(rotated.status, 200) << rotated.body.dump();
    std::string refresh2 = rotated.body["refreshToken"];
    EXPECT_NE(refresh2, refresh);
    EXPECT_EQ(call("POST", "/api/auth/refresh", {{"refreshToken", refresh}}).status, 401);
    EXPECT_EQ(call("POST", "/api/auth/refresh", {{"refreshToken", refresh2}}).status, 401);

    // Access tokens expire.
    clock_.advance_ms(15 * 60'000);
    EXPECT_EQ(call("GET", "/api/dashboard", nullptr, access).status, 401);

    auto missing = call("POST", "/api/auth/wallet", {{"walletAddress", wallet()}});
    EXPECT_EQ(missing.status, 400);
    EXPECT_EQ(missing.body["error"]["parameter"], "signature");
    EXPECT_EQ(call("POST", "/api/auth/nonce", {{"walletAddress", "0x12"}}).status, 400);
}

TEST_F(ApiAuth, TwoFactorEnrolmentAndSignIn) {
    auto first = sign_in();
    ASSERT_EQ(first.status, 200);
    std::string access = first.body["accessToken"];
    auto setup = call("POST", "/api/auth/2fa/setup", nullptr, access);
    ASSERT_EQ(setup.status, 200) << setup.body.dump();
    std::string secret = setup.body["secret"];
    EXPECT_EQ(std::string(setup.body["uri"]).rfind("otpauth://totp/", 0), 0u);
    EXPECT_EQ(call("POST", "/api/auth/2fa/enable", {{"code", "000000"}}, access).status, 401);
    auto enabled = call("POST", "/api/auth/2fa/enable", {{"code", code(secret)}}, access);
    ASSERT_EQ(enabled.status, 200) << enabled.body.dump();

    // Signing in now asks for a code.
    auto challenge = sign_in();
    ASSERT_EQ(challenge.status, 200);
    EXPECT_TRUE(challenge.body["twoFactorRequired"].get<bool>());
    EXPECT_FALSE(challenge.body.contains("accessToken"));
    std::string token = challenge.body["challengeToken"];
    // The enrolment's code is spent; the next step's code opens the session.
    EXPECT_EQ(
        call("POST", "/api/auth/2fa/verify", {{"challengeToken", token}, {"code", code(secret)}})
            .status,
        401);
    clock_.advance_ms(30'000);
    auto session =
        call("POST", "/api/auth/2fa/verify", {{"challengeToken", token}, {"code", code(secret)}});
    ASSERT_EQ(session.status, 200) << session.body.dump();
    EXPECT_TRUE(session.body["account"]["twoFactorEnabled"].get<bool>());
    // A challenge token is not an access token.
    EXPECT_EQ(call("GET", "/api/dashboard", nullptr, token).status, 401);

    // Signing out everywhere ends every refresh token.
    std::string refresh = session.body["refreshToken"];
    auto all = call("POST", "/api/auth/logout-all", nullptr, session.body["accessToken"]);
    ASSERT_EQ(all.status, 200);
    EXPECT_GE(all.body["sessionsEnded"].get<int64_t>(), 2);
    EXPECT_EQ(call("POST", "/api/auth/refresh", {{"refreshToken", refresh}}).status, 401);
}

TEST_F(ApiAuth, ChangingThePayoutAddressTakesATwoFactorCode) {
    const auto& coin = *chain::find_coin("litecoin", chain::Network::regtest);
    auto p2wpkh = [&](uint8_t fill) {
        Bytes script = {0x00, 0x14};
        script.insert(script.end(), 20, fill);
        return *chain::encode_address(script, coin);
    };
    const std::string login = p2wpkh(0x11), payout = p2wpkh(0x22);
    auto first = sign_in();
    ASSERT_EQ(first.status, 200);
    std::string access = first.body["accessToken"];
    ASSERT_TRUE(store_->miners().register_miner(login, clock_.now_ms()));
    auto account =
        store_->accounts().find_account_by_wallet(auth::EthAddress::parse(wallet())->lower());
    ASSERT_TRUE(account);
    ASSERT_TRUE(store_->accounts().link_miner(
        account->id, login, store::MinerLinkMethod::signed_message, clock_.now_ms()));
    const std::string target = "/api/dashboard/miners/" + login + "/payout";
    // Without two-factor the session alone may change it.
    ASSERT_EQ(call("PUT", target, {{"payoutAddress", payout}}, access).status, 200);

    auto setup = call("POST", "/api/auth/2fa/setup", nullptr, access);
    std::string secret = setup.body["secret"];
    ASSERT_EQ(call("POST", "/api/auth/2fa/enable", {{"code", code(secret)}}, access).status, 200);
    clock_.advance_ms(30'000);
    // With it on: no code, or a wrong one, changes nothing.
    auto missing = call("PUT", target, {{"payoutAddress", nullptr}}, access);
    EXPECT_EQ(missing.status, 403) << missing.body.dump();
    EXPECT_EQ(missing.body["error"]["code"], "two_factor_required");
    EXPECT_EQ(call("PUT", target, {{"payoutAddress", nullptr}, {"code", "000000"}}, access).status,
              401);
    EXPECT_EQ(store_->miners().find_miner(login)->payout_address, payout);
    auto changed =
        call("PUT", target, {{"payoutAddress", nullptr}, {"code", code(secret)}}, access);
    ASSERT_EQ(changed.status, 200) << changed.body.dump();
    EXPECT_FALSE(store_->miners().find_miner(login)->payout_address);
    // The code is spent.
    EXPECT_EQ(
        call("PUT", target, {{"payoutAddress", payout}, {"code", code(secret)}}, access).status,
        401);
}

TEST_F(ApiAuth, WrongCodesLockTwoFactor) {
    auto first = sign_in();
    std::string access = first.body["accessToken"];
    std::string secret = call("POST", "/api/auth/2fa/setup", nullptr, access).body["secret"];
    ASSERT_EQ(call("POST", "/api/auth/2fa/enable", {{"code", code(secret)}}, access).status, 200);
    clock_.advance_ms(30'000);
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(call("POST", "/api/auth/2fa/disable", {{"code", "999999"}}, access).status, 401);
    }
    // Locked: even the right code is refused until the lock ends.
    auto locked = call("POST", "/api/auth/2fa/disable", {{"code", code(secret)}}, access);
    EXPECT_EQ(locked.status, 423);
    EXPECT_EQ(locked.body["error"]["code"], "locked");
    clock_.advance_ms(15 * 60'000);
    auto fresh = sign_in();  // the first access token has expired meanwhile
    ASSERT_TRUE(fresh.body.contains("challengeToken"));
    auto session = call("POST", "/api/auth/2fa/verify",
                        {{"challengeToken", fresh.body["challengeToken"]}, {"code", code(secret)}});
    ASSERT_EQ(session.status, 200) << session.body.dump();
    clock_.advance_ms(30'000);
    EXPECT_EQ(
        call("POST", "/api/auth/2fa/disable", {{"code", code(secret)}}, session.body["accessToken"])
            .status,
        200);
}

}  // namespace
}  // namespace viddhana::test
