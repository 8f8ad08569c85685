// Refresh-token rotation with theft detection, and the failed-attempt lockout.
#include <gtest/gtest.h>

#include "auth/lockout.h"
#include "auth/refresh_token.h"
#include "test_random.h"

namespace viddhana::auth {
namespace {

TEST(RefreshToken, IsRandomAndStoredOnlyAsItsHash) {
    test::CountingRandomSource random;
    auto a = new_refresh_token(random);
    auto b = new_refresh_token(random);
    EXPECT_EQ(a.token.size(), 43u);
    EXPECT_EQ(a.token.substr(0, 8), "AAECAwQF");  // bytes 0, 1, 2, ... from the source
    EXPECT_NE(a.token, b.token);
    EXPECT_EQ(a.hash, hash_refresh_token(a.token));
    EXPECT_EQ(a.hash.size(), 64u);
    EXPECT_EQ(hash_refresh_token("abc"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_FALSE(check_refresh_token_format(a.token).has_value());
    EXPECT_TRUE(check_refresh_token_format("short").has_value());
    EXPECT_TRUE(check_refresh_token_format(std::string(42, 'A') + "=").has_value());
    EXPECT_EQ(new_refresh_family(random).size(), 22u);
}

TEST(RefreshToken, RotationRule) {
    const int64_t now = 1'700'000'000;
    RefreshTokenState fresh{"fam", now + 100, false, false};
    EXPECT_EQ(decide_refresh(fresh, now).verdict, RefreshVerdict::rotate);

    auto unknown = decide_refresh(std::nullopt, now);
    EXPECT_EQ(unknown.verdict, RefreshVerdict::refuse);
    EXPECT_EQ(unknown.reason, "refresh token is unknown");

    RefreshTokenState rotated = fresh;
    rotated.rotated = true;
    auto theft = decide_refresh(rotated, now);
    EXPECT_EQ(theft.verdict, RefreshVerdict::revoke_family);
    EXPECT_NE(theft.reason.find("already used"), std::string::npos);

    RefreshTokenState revoked = rotated;
    revoked.revoked = true;  // the family was already revoked: nothing more to do
    EXPECT_EQ(decide_refresh(revoked, now).verdict, RefreshVerdict::refuse);
    EXPECT_EQ(decide_refresh(revoked, now).reason, "refresh token was revoked");

    auto expired = decide_refresh(fresh, now + 100);
    EXPECT_EQ(expired.verdict, RefreshVerdict::refuse);
    EXPECT_EQ(expired.reason, "refresh token expired");
}

TEST(Lockout, LocksAfterMaxFailuresWithinTheWindow) {
    LockoutPolicy policy{3, 600, 900};
    LockoutState s;
    const int64_t t = 1'700'000'000;
    s = after_failure(s, t, policy);
    s = after_failure(s, t + 100, policy);
    EXPECT_FALSE(is_locked(s, t + 100));
    EXPECT_EQ(s.failures, 2);
    s = after_failure(s, t + 200, policy);
    ASSERT_TRUE(is_locked(s, t + 200));
    EXPECT_EQ(s.locked_until_s, t + 200 + 900);
    EXPECT_TRUE(is_locked(s, t + 1099));
    EXPECT_FALSE(is_locked(s, t + 1100));

    // Failures while locked neither count nor extend the lock.
    EXPECT_EQ(after_failure(s, t + 500, policy), s);
    // After the lock a new window starts from one failure.
    auto later = after_failure(s, t + 1100, policy);
    EXPECT_FALSE(is_locked(later, t + 1100));
    EXPECT_EQ(later.failures, 1);
    EXPECT_EQ(later.window_start_s, t + 1100);
}

TEST(Lockout, FailuresOutsideTheWindowStartOver) {
    LockoutPolicy policy{3, 600, 900};
    const int64_t t = 1'700'000'000;
    LockoutState s = after_failure(after_failure({}, t, policy), t + 10, policy);
    s = after_failure(s, t + 600, policy);  // the window [t, t + 600) has passed
    EXPECT_FALSE(is_locked(s, t + 600));
    EXPECT_EQ(s.failures, 1);
    EXPECT_EQ(s.window_start_s, t + 600);
}

TEST(Lockout, SuccessClearsTheCount) {
    LockoutPolicy policy{3, 600, 900};
    const int64_t t = 1'700'000'000;
    LockoutState s = after_failure(after_failure({}, t, policy), t + 10, policy);
    s = after_success();
    s = after_failure(s, t + 20, policy);
    EXPECT_FALSE(is_locked(s, t + 20));
    EXPECT_EQ(s.failures, 1);
}

}  // namespace
}  // namespace viddhana::auth
