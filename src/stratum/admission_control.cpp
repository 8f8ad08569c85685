#include "stratum/admission_control.h"

#include <algorithm>
#include <iterator>

namespace viddhana::stratum {

namespace {
constexpr int64_t kMinuteMs = 60'000;
// A bound on remembered penalties, so a client cycling through logins cannot grow the table
// without limit; the oldest go first when it is full.
constexpr size_t kMaxPenalties = 100'000;
}  // namespace

const char* to_string(BanReason r) {
    switch (r) {
        case BanReason::connection_flood:
            return "connection_flood";
        case BanReason::garbage_flood:
            return "garbage_flood";
        case BanReason::handshake_flood:
            return "handshake_flood";
    }
    return "unknown";
}

int64_t AdmissionControl::Window::add(int64_t n, int64_t now_ms) {
    if (now_ms - start_ms >= 2 * kMinuteMs) {
        previous = 0;
        current = 0;
        start_ms = now_ms;
    } else if (now_ms - start_ms >= kMinuteMs) {
        previous = current;
        current = 0;
        start_ms += kMinuteMs;
    }
    current += n;
    const double elapsed =
        static_cast<double>(std::clamp<int64_t>(now_ms - start_ms, 0, kMinuteMs));
    return current + static_cast<int64_t>(static_cast<double>(previous) *
                                          (1.0 - elapsed / static_cast<double>(kMinuteMs)));
}

bool AdmissionControl::Window::idle(int64_t now_ms) const {
    return now_ms - start_ms >= 2 * kMinuteMs || (current == 0 && previous == 0);
}

AdmissionControl::AdmissionControl(AdmissionPolicy policy) : policy_(std::move(policy)) {}

bool AdmissionControl::exempt(const std::string& address) const {
    for (const auto& range : policy_.exempt) {
        if (range.contains(address)) return true;
    }
    return false;
}

bool AdmissionControl::flood(const std::string& address, Window AddressState::*window, int64_t n,
                             int64_t limit, BanReason reason, int64_t now_ms, Ban& banned) {
    auto& state = addresses_[address];
    if ((state.*window).add(n, now_ms) <= limit) return false;
    if (auto it = bans_.find(address); it != bans_.end() && it->second.until_ms > now_ms) {
        return false;  // already banned: the ban is not extended by its own flood
    }
    banned = Ban{address, reason, now_ms, now_ms + policy_.ban_ms};
    bans_[address] = banned;
    return true;
}

void AdmissionControl::report(bool banned, const Ban& ban) {
    if (banned && on_ban_) on_ban_(ban);
}

AdmissionControl::Verdict AdmissionControl::admit(const std::string& address, int64_t now_ms) {
    const bool is_exempt = exempt(address);
    Ban banned;
    bool new_ban = false;
    Verdict verdict = Verdict::admitted;
    {
        std::lock_guard lock(mutex_);
        if (!is_exempt) {
            if (auto it = bans_.find(address); it != bans_.end()) {
                if (it->second.until_ms > now_ms) return Verdict::banned;
                bans_.erase(it);
            }
            new_ban = flood(address, &AddressState::connections, 1, policy_.connections_per_minute,
                            BanReason::connection_flood, now_ms, banned);
        }
        auto& state = addresses_[address];
        if (new_ban) {
            verdict = Verdict::banned;
        } else if (total_ >= policy_.max_connections) {
            verdict = Verdict::pool_full;
        } else if (!is_exempt && state.open >= policy_.max_per_address) {
            verdict = Verdict::address_full;
        } else {
            ++state.open;
            ++total_;
        }
    }
    report(new_ban, banned);
    return verdict;
}

void AdmissionControl::release(const std::string& address) {
    std::lock_guard lock(mutex_);
    auto it = addresses_.find(address);
    if (it == addresses_.end() || it->second.open <= 0) return;
    --it->second.open;
    --total_;
}

void AdmissionControl::record_garbage(const std::string& address, size_t bytes, int64_t now_ms) {
    if (exempt(address)) return;
    Ban banned;
    bool new_ban;
    {
        std::lock_guard lock(mutex_);
        new_ban = flood(address, &AddressState::garbage, static_cast<int64_t>(bytes),
                        policy_.garbage_bytes_per_minute, BanReason::garbage_flood, now_ms, banned);
    }
    report(new_ban, banned);
}

void AdmissionControl::record_handshake_timeout(const std::string& address, int64_t now_ms) {
    if (exempt(address)) return;
    Ban banned;
    bool new_ban;
    {
        std::lock_guard lock(mutex_);
        new_ban = flood(address, &AddressState::timeouts, 1, policy_.handshake_timeouts_per_minute,
                        BanReason::handshake_flood, now_ms, banned);
    }
    report(new_ban, banned);
}

std::string AdmissionControl::penalty_key(const std::string& address, std::string_view login) {
    std::string key;
    key.reserve(address.size() + 1 + login.size());
    key.append(address).push_back('\n');
    key.append(login);
    return key;
}

int64_t AdmissionControl::penalize(const std::string& address, std::string_view login,
                                   int64_t now_ms) {
    std::lock_guard lock(mutex_);
    if (penalties_.size() >= kMaxPenalties) {
        auto oldest = std::min_element(
            penalties_.begin(), penalties_.end(),
            [](const auto& a, const auto& b) { return a.second.last_ms < b.second.last_ms; });
        penalties_.erase(oldest);
    }
    Penalty& p = penalties_[penalty_key(address, login)];
    // A worker that behaved for a whole ban time starts over from the first backoff.
    if (now_ms - p.last_ms > policy_.ban_ms) p.level = 0;
    p.level = std::min(p.level + 1, 30);
    int64_t backoff = policy_.backoff_ms;
    for (int i = 1; i < p.level && backoff < policy_.ban_ms; ++i)
        backoff *= 2;
    backoff = std::min(backoff, policy_.ban_ms);
    p.last_ms = now_ms;
    p.until_ms = now_ms + backoff;
    return backoff;
}

int64_t AdmissionControl::backoff_remaining(const std::string& address, std::string_view login,
                                            int64_t now_ms) {
    std::lock_guard lock(mutex_);
    if (penalties_.empty()) return 0;
    auto it = penalties_.find(penalty_key(address, login));
    if (it == penalties_.end()) return 0;
    return std::max<int64_t>(0, it->second.until_ms - now_ms);
}

void AdmissionControl::ban(const std::string& address, BanReason reason, int64_t now_ms) {
    Ban b{address, reason, now_ms, now_ms + policy_.ban_ms};
    {
        std::lock_guard lock(mutex_);
        bans_[address] = b;
    }
    report(true, b);
}

bool AdmissionControl::lift(const std::string& address) {
    std::lock_guard lock(mutex_);
    bool was_banned = bans_.erase(address) > 0;
    if (auto it = addresses_.find(address); it != addresses_.end()) {
        it->second.connections = {};
        it->second.garbage = {};
        it->second.timeouts = {};
    }
    return was_banned;
}

bool AdmissionControl::is_banned(const std::string& address, int64_t now_ms) {
    std::lock_guard lock(mutex_);
    auto it = bans_.find(address);
    return it != bans_.end() && it->second.until_ms > now_ms;
}

std::vector<AdmissionControl::Ban> AdmissionControl::bans(int64_t now_ms) {
    std::lock_guard lock(mutex_);
    std::vector<Ban> out;
    for (const auto& [address, b] : bans_) {
        if (b.until_ms > now_ms) out.push_back(b);
    }
    std::sort(out.begin(), out.end(),
              [](const Ban& a, const Ban& b) { return a.since_ms > b.since_ms; });
    return out;
}

size_t AdmissionControl::banned_count(int64_t now_ms) {
    std::lock_guard lock(mutex_);
    return static_cast<size_t>(std::count_if(
        bans_.begin(), bans_.end(), [&](const auto& b) { return b.second.until_ms > now_ms; }));
}

int AdmissionControl::connections() const {
    std::lock_guard lock(mutex_);
    return total_;
}

void AdmissionControl::sweep(int64_t now_ms) {
    std::lock_guard lock(mutex_);
    for (auto it = bans_.begin(); it != bans_.end();)
        it = it->second.until_ms <= now_ms ? bans_.erase(it) : std::next(it);
    for (auto it = addresses_.begin(); it != addresses_.end();) {
        const auto& s = it->second;
        bool idle = s.open == 0 && s.connections.idle(now_ms) && s.garbage.idle(now_ms) &&
                    s.timeouts.idle(now_ms);
        it = idle ? addresses_.erase(it) : std::next(it);
    }
    for (auto it = penalties_.begin(); it != penalties_.end();)
        it = now_ms - it->second.last_ms > policy_.ban_ms ? penalties_.erase(it) : std::next(it);
}

const char* to_string(AdmissionControl::Verdict v) {
    switch (v) {
        case AdmissionControl::Verdict::admitted:
            return "admitted";
        case AdmissionControl::Verdict::banned:
            return "banned";
        case AdmissionControl::Verdict::pool_full:
            return "pool full";
        case AdmissionControl::Verdict::address_full:
            return "too many connections from this address";
    }
    return "refused";
}

}  // namespace viddhana::stratum
