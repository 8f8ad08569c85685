// Lockout after repeated failures (bad 2FA codes, refused sign-ins): max_failures within
// window_s lock the account for lock_s. Pure: the state is stored by the caller, times are
// arguments.
#pragma once
#include <cstdint>
#include <optional>

namespace viddhana::auth {

struct LockoutPolicy {
    int max_failures = 5;
    int64_t window_s = 15 * 60;
    int64_t lock_s = 15 * 60;
};

struct LockoutState {
    int failures = 0;            // failures in the current window
    int64_t window_start_s = 0;  // first failure of the current window
    std::optional<int64_t> locked_until_s;
    friend bool operator==(const LockoutState&, const LockoutState&) = default;
};

bool is_locked(const LockoutState& state, int64_t now_s);

// The state after one more failure at now_s. A failure while locked changes nothing: such an
// attempt is refused unchecked, and letting it extend the lock would let anyone keep an
// account locked for ever by guessing.
LockoutState after_failure(const LockoutState& state, int64_t now_s, const LockoutPolicy& policy);

// A success clears the count (and any expired lock).
LockoutState after_success();

}  // namespace viddhana::auth
