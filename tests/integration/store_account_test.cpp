// The account tables (schema 5) on SQLite and PostgreSQL: accounts, 2FA state, lockout
// compare-and-set, single-use sign-in nonces (also under concurrent use from two stores),
// refresh-token rotation and family revocation, and miner links.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "store_test_fixture.h"

namespace viddhana::store {
namespace {

using namespace viddhana::store::store_test;

const std::string kWallet = "0x2c7536E3605D9C16a7a3D7b1898e529396a65c23";
const std::string kWalletLower = "0x2c7536e3605d9c16a7a3d7b1898e529396a65c23";
const std::string kOtherWallet = "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed";

std::string hash_of(char c) {
    return std::string(64, c);
}

template <typename Backend>
class StoreAccountTest : public StoreFixture<Backend> {
  protected:
    int64_t account(const std::string& wallet = kWallet) {
        auto a = this->store().accounts().find_or_create_account(wallet, kT0);
        EXPECT_TRUE(a.ok()) << a.error().message;
        return a.ok() ? a->id : 0;
    }
    NewRefreshTokenRecord token(char c, int64_t account_id, const std::string& family = "fam-1") {
        return NewRefreshTokenRecord{hash_of(c),           family,        account_id,   kT0,
                                     kT0 + 7 * 86'400'000, "Firefox/120", "203.0.113.7"};
    }
};
TYPED_TEST_SUITE(StoreAccountTest, Backends, BackendNames);

TYPED_TEST(StoreAccountTest, AccountsAreKeyedByLowerCaseWallet) {
    auto& accounts = this->store().accounts();
    auto a = accounts.find_or_create_account(kWallet, kT0);
    ASSERT_TRUE(a.ok()) << a.error().message;
    EXPECT_EQ(a->wallet_address, kWalletLower);
    EXPECT_EQ(a->created_ms, kT0);
    EXPECT_FALSE(a->totp_enabled);
    EXPECT_FALSE(a->payout_address);
    auto again = accounts.find_or_create_account(kWalletLower, kT0 + 5);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->id, a->id);
    EXPECT_EQ(again->created_ms, kT0);
    EXPECT_EQ(accounts.find_account_by_wallet(kWallet)->id, a->id);
    EXPECT_EQ(accounts.find_account(a->id)->wallet_address, kWalletLower);
    EXPECT_FALSE(accounts.find_account(a->id + 100));
    auto other = accounts.find_or_create_account(kOtherWallet, kT0);
    ASSERT_TRUE(other.ok());
    EXPECT_NE(other->id, a->id);

    auto bad = accounts.find_or_create_account("0x1234", kT0);
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("not 0x followed by 40 hex digits"), std::string::npos);
    EXPECT_FALSE(accounts.find_or_create_account("0x" + std::string(39, 'a') + "g", kT0).ok());
}

TYPED_TEST(StoreAccountTest, PayoutAddressOverride) {
    auto& accounts = this->store().accounts();
    int64_t id = this->account();
    auto set = accounts.set_payout_address(id, "ltc1qpayout");
    ASSERT_TRUE(set.ok()) << set.error().message;
    EXPECT_EQ(set->payout_address, "ltc1qpayout");
    EXPECT_FALSE(accounts.set_payout_address(id, "has space").ok());
    EXPECT_FALSE(accounts.set_payout_address(id + 100, "ltc1qpayout").ok());
    auto cleared = accounts.set_payout_address(id, std::nullopt);
    ASSERT_TRUE(cleared.ok());
    EXPECT_FALSE(cleared->payout_address);
}

TYPED_TEST(StoreAccountTest, TotpEnrolmentAndReplayProtection) {
    auto& accounts = this->store().accounts();
    int64_t id = this->account();
    auto not_started = accounts.enable_totp(id, 100);
    ASSERT_FALSE(not_started.ok());
    EXPECT_NE(not_started.error().message.find("not started"), std::string::npos);

    auto enrolling = accounts.begin_totp_enrolment(id, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    ASSERT_TRUE(enrolling.ok()) << enrolling.error().message;
    EXPECT_EQ(enrolling->totp_secret, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    EXPECT_FALSE(enrolling->totp_enabled);

    auto enabled = accounts.enable_totp(id, 100);
    ASSERT_TRUE(enabled.ok()) << enabled.error().message;
    EXPECT_TRUE(enabled->totp_enabled);
    EXPECT_EQ(enabled->totp_last_step, 100);
    EXPECT_FALSE(accounts.begin_totp_enrolment(id, "AAAA").ok());

    EXPECT_FALSE(*accounts.advance_totp_step(id, 100));  // the enrolment code again
    EXPECT_FALSE(*accounts.advance_totp_step(id, 99));
    EXPECT_TRUE(*accounts.advance_totp_step(id, 101));
    EXPECT_FALSE(*accounts.advance_totp_step(id, 101));
    EXPECT_EQ(accounts.find_account(id)->totp_last_step, 101);
    EXPECT_FALSE(accounts.advance_totp_step(id + 100, 5).ok());

    auto disabled = accounts.disable_totp(id);
    ASSERT_TRUE(disabled.ok());
    EXPECT_FALSE(disabled->totp_enabled);
    EXPECT_FALSE(disabled->totp_secret);
    EXPECT_FALSE(disabled->totp_last_step);
}

TYPED_TEST(StoreAccountTest, LockoutIsCompareAndSet) {
    auto& accounts = this->store().accounts();
    int64_t id = this->account();
    AccountLockout initial;
    AccountLockout one{1, kT0, std::nullopt};
    ASSERT_TRUE(*accounts.compare_and_set_lockout(id, initial, one));
    // A second writer that read the initial state loses.
    EXPECT_FALSE(*accounts.compare_and_set_lockout(id, initial, one));
    AccountLockout locked{0, 0, kT0 + 900'000};
    ASSERT_TRUE(*accounts.compare_and_set_lockout(id, one, locked));
    EXPECT_EQ(accounts.find_account(id)->lockout, locked);
    ASSERT_TRUE(*accounts.compare_and_set_lockout(id, locked, initial));
    EXPECT_EQ(accounts.find_account(id)->lockout, initial);
    EXPECT_FALSE(accounts.compare_and_set_lockout(id + 100, initial, one).ok());
}

TYPED_TEST(StoreAccountTest, NoncesAreSingleUse) {
    auto& accounts = this->store().accounts();
    AuthNonce n{"32891756abcdefgh", kWallet, kT0, kT0 + 300'000, std::nullopt};
    auto added = accounts.add_nonce(n);
    ASSERT_TRUE(added.ok()) << added.error().message;
    EXPECT_EQ(added->address, kWalletLower);
    auto dup = accounts.add_nonce(n);
    ASSERT_FALSE(dup.ok());
    EXPECT_NE(dup.error().message.find("exists already"), std::string::npos);

    EXPECT_FALSE(*accounts.consume_nonce(n.nonce, kOtherWallet, kT0 + 1));  // not its address
    EXPECT_FALSE(*accounts.consume_nonce("unknownnonce", kWallet, kT0 + 1));
    EXPECT_TRUE(*accounts.consume_nonce(n.nonce, kWalletLower, kT0 + 1));
    EXPECT_FALSE(*accounts.consume_nonce(n.nonce, kWalletLower, kT0 + 2));
    auto found = accounts.find_nonce(n.nonce);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->used_ms, kT0 + 1);

    AuthNonce late{"zzzzzzzz00000000", kWallet, kT0, kT0 + 300'000, std::nullopt};
    ASSERT_TRUE(accounts.add_nonce(late).ok());
    EXPECT_FALSE(*accounts.consume_nonce(late.nonce, kWallet, kT0 + 300'000));  // expired

    EXPECT_EQ(accounts.delete_expired_nonces(kT0 + 300'001), 2);
    EXPECT_FALSE(accounts.find_nonce(n.nonce));
    EXPECT_FALSE(accounts.add_nonce({"abcdefgh12345678", kWallet, kT0, kT0, std::nullopt}).ok());
}

TYPED_TEST(StoreAccountTest, ConcurrentConsumersFromTwoStoresGetOneNonceOnce) {
    // Two stores on one database stand for two API processes; each has its own connections.
    auto second = open_store(this->config_);
    Store* stores[] = {&this->store(), second.get()};
    constexpr int kNonces = 20;
    constexpr int kThreadsPerStore = 3;
    for (int i = 0; i < kNonces; ++i) {
        AuthNonce n{"racenonce" + std::to_string(1000 + i), kWallet, kT0, kT0 + 300'000,
                    std::nullopt};
        ASSERT_TRUE(this->store().accounts().add_nonce(n).ok());
    }
    std::atomic<int> wins[kNonces] = {};
    std::atomic<int> errors{0};
    std::atomic<int> ready{0};
    std::vector<std::thread> threads;
    for (Store* store : stores) {
        for (int t = 0; t < kThreadsPerStore; ++t) {
            threads.emplace_back([&, store] {
                ready.fetch_add(1);
                while (ready.load() < 2 * kThreadsPerStore) {
                }
                for (int i = 0; i < kNonces; ++i) {
                    try {
                        auto r = store->accounts().consume_nonce(
                            "racenonce" + std::to_string(1000 + i), kWallet, kT0 + 10);
                        if (!r.ok()) {
                            errors.fetch_add(1);
                        } else if (*r) {
                            wins[i].fetch_add(1);
                        }
                    } catch (const std::exception&) {
                        errors.fetch_add(1);
                    }
                }
            });
        }
    }
    for (auto& t : threads)
        t.join();
    EXPECT_EQ(errors.load(), 0);
    for (int i = 0; i < kNonces; ++i)
        EXPECT_EQ(wins[i].load(), 1) << "nonce " << i;
}

TYPED_TEST(StoreAccountTest, RefreshTokensRotateWithinTheirFamily) {
    auto& accounts = this->store().accounts();
    int64_t id = this->account();
    auto first = accounts.add_refresh_token(this->token('a', id));
    ASSERT_TRUE(first.ok()) << first.error().message;
    EXPECT_FALSE(first->rotated);
    EXPECT_EQ(first->user_agent, "Firefox/120");
    EXPECT_FALSE(accounts.add_refresh_token(this->token('a', id)).ok());
    EXPECT_FALSE(accounts.add_refresh_token(this->token('z', id + 100)).ok());

    // The next token's family and account come from the old one.
    auto next = this->token('b', 0, "ignored");
    next.issued_ms = kT0 + 1000;
    next.expires_ms = kT0 + 1000 + 7 * 86'400'000;
    ASSERT_TRUE(*accounts.rotate_refresh_token(hash_of('a'), next, kT0 + 1000));
    auto old = accounts.find_refresh_token(hash_of('a'));
    ASSERT_TRUE(old);
    EXPECT_TRUE(old->rotated);
    EXPECT_EQ(old->last_used_ms, kT0 + 1000);
    auto stored = accounts.find_refresh_token(hash_of('b'));
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->family, "fam-1");
    EXPECT_EQ(stored->account_id, id);

    // Reusing the rotated token stores nothing; the caller then revokes the family.
    EXPECT_FALSE(*accounts.rotate_refresh_token(hash_of('a'), this->token('c', id), kT0 + 2000));
    EXPECT_FALSE(accounts.find_refresh_token(hash_of('c')));
    EXPECT_EQ(accounts.revoke_refresh_family("fam-1"), 2);
    EXPECT_TRUE(accounts.find_refresh_token(hash_of('b'))->revoked);
    EXPECT_FALSE(*accounts.rotate_refresh_token(hash_of('b'), this->token('d', id), kT0 + 3000));

    // Expired tokens do not rotate.
    auto short_lived = this->token('e', id, "fam-2");
    short_lived.expires_ms = kT0 + 10;
    ASSERT_TRUE(accounts.add_refresh_token(short_lived).ok());
    EXPECT_FALSE(*accounts.rotate_refresh_token(hash_of('e'), this->token('f', id), kT0 + 10));
    EXPECT_EQ(accounts.delete_expired_refresh_tokens(kT0 + 11), 1);
    EXPECT_FALSE(accounts.find_refresh_token(hash_of('e')));
}

TYPED_TEST(StoreAccountTest, SessionsListAndSignOutEverywhere) {
    auto& accounts = this->store().accounts();
    int64_t id = this->account();
    int64_t other = this->account(kOtherWallet);
    auto laptop = this->token('a', id, "laptop");
    auto phone = this->token('b', id, "phone");
    phone.issued_ms = kT0 + 5;
    phone.user_agent = "Mobile Safari";
    ASSERT_TRUE(accounts.add_refresh_token(laptop).ok());
    ASSERT_TRUE(accounts.add_refresh_token(phone).ok());
    ASSERT_TRUE(accounts.add_refresh_token(this->token('c', other, "elsewhere")).ok());
    ASSERT_TRUE(*accounts.rotate_refresh_token(hash_of('a'), this->token('d', 0), kT0 + 10));

    auto sessions = accounts.active_sessions(id, kT0 + 20);
    ASSERT_EQ(sessions.size(), 2u);
    EXPECT_EQ(sessions[0].hash, hash_of('b'));  // newest first
    EXPECT_EQ(sessions[0].user_agent, "Mobile Safari");
    EXPECT_EQ(sessions[1].hash, hash_of('d'));
    EXPECT_EQ(sessions[1].family, "laptop");
    EXPECT_EQ(sessions[1].ip, "203.0.113.7");

    EXPECT_EQ(accounts.revoke_account_refresh_tokens(id), 3);
    EXPECT_TRUE(accounts.active_sessions(id, kT0 + 20).empty());
    EXPECT_EQ(accounts.active_sessions(other, kT0 + 20).size(), 1u);
}

TYPED_TEST(StoreAccountTest, MinerLinks) {
    auto& accounts = this->store().accounts();
    int64_t id = this->account();
    int64_t other = this->account(kOtherWallet);
    auto link = accounts.link_miner(id, "ltc1qbob", MinerLinkMethod::signed_message, kT0);
    ASSERT_TRUE(link.ok()) << link.error().message;
    EXPECT_EQ(link->account_id, id);
    EXPECT_EQ(link->method, MinerLinkMethod::signed_message);
    ASSERT_TRUE(
        accounts.link_miner(id, "LaliceP2PKH", MinerLinkMethod::signed_message, kT0 + 1).ok());
    auto again = accounts.link_miner(id, "ltc1qbob", MinerLinkMethod::signed_message, kT0 + 9);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->linked_ms, kT0);

    auto taken = accounts.link_miner(other, "ltc1qbob", MinerLinkMethod::signed_message, kT0);
    ASSERT_FALSE(taken.ok());
    EXPECT_EQ(taken.error().message, "miner login 'ltc1qbob' is linked to another account");
    EXPECT_FALSE(accounts.link_miner(id, "has space", MinerLinkMethod::declared, kT0).ok());
    EXPECT_FALSE(accounts.link_miner(id + 100, "ltc1qx", MinerLinkMethod::declared, kT0).ok());

    auto links = accounts.linked_miners(id);
    ASSERT_EQ(links.size(), 2u);
    EXPECT_EQ(links[0].login, "LaliceP2PKH");
    EXPECT_EQ(links[1].login, "ltc1qbob");
    EXPECT_EQ(accounts.miner_link("ltc1qbob")->account_id, id);

    EXPECT_FALSE(*accounts.unlink_miner(other, "ltc1qbob"));
    EXPECT_TRUE(*accounts.unlink_miner(id, "ltc1qbob"));
    EXPECT_FALSE(accounts.miner_link("ltc1qbob"));
    EXPECT_TRUE(accounts.link_miner(other, "ltc1qbob", MinerLinkMethod::declared, kT0).ok());
    EXPECT_EQ(accounts.miner_link("ltc1qbob")->method, MinerLinkMethod::declared);
}

}  // namespace
}  // namespace viddhana::store
