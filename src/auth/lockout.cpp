#include "auth/lockout.h"

namespace viddhana::auth {

bool is_locked(const LockoutState& state, int64_t now_s) {
    return state.locked_until_s && now_s < *state.locked_until_s;
}

LockoutState after_failure(const LockoutState& state, int64_t now_s, const LockoutPolicy& policy) {
    if (is_locked(state, now_s)) return state;
    LockoutState next;
    if (state.failures > 0 && now_s < state.window_start_s + policy.window_s) {
        next.failures = state.failures + 1;
        next.window_start_s = state.window_start_s;
    } else {
        next.failures = 1;
        next.window_start_s = now_s;
    }
    if (next.failures >= policy.max_failures) {
        next.locked_until_s = now_s + policy.lock_s;
        next.failures = 0;
        next.window_start_s = 0;
    }
    return next;
}

LockoutState after_success() {
    return {};
}

}  // namespace viddhana::auth
