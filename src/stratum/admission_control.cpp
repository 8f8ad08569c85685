#include "stratum/admission_control.h"

#include <iterator>

namespace viddhana::stratum {

AdmissionControl::AdmissionControl(int max_connections, int max_per_ip, int ban_seconds)
    : max_connections_(max_connections),
      max_per_ip_(max_per_ip),
      ban_ms_(static_cast<int64_t>(ban_seconds) * 1000) {}

AdmissionControl::Verdict AdmissionControl::admit(const std::string& ip, int64_t now_ms) {
    std::lock_guard lock(mutex_);
    if (auto it = banned_until_.find(ip); it != banned_until_.end()) {
        if (it->second > now_ms) return Verdict::banned;
        banned_until_.erase(it);
    }
    if (total_ >= max_connections_) return Verdict::pool_full;
    int& n = per_ip_[ip];
    if (n >= max_per_ip_) {
        if (n == 0) per_ip_.erase(ip);
        return Verdict::ip_full;
    }
    ++n;
    ++total_;
    return Verdict::admitted;
}

void AdmissionControl::release(const std::string& ip) {
    std::lock_guard lock(mutex_);
    auto it = per_ip_.find(ip);
    if (it == per_ip_.end()) return;
    --total_;
    if (--it->second <= 0) per_ip_.erase(it);
}

void AdmissionControl::ban(const std::string& ip, int64_t now_ms) {
    std::lock_guard lock(mutex_);
    banned_until_[ip] = now_ms + ban_ms_;
}

bool AdmissionControl::is_banned(const std::string& ip, int64_t now_ms) {
    std::lock_guard lock(mutex_);
    auto it = banned_until_.find(ip);
    return it != banned_until_.end() && it->second > now_ms;
}

int AdmissionControl::connections() const {
    std::lock_guard lock(mutex_);
    return total_;
}

size_t AdmissionControl::banned_count(int64_t now_ms) {
    std::lock_guard lock(mutex_);
    for (auto it = banned_until_.begin(); it != banned_until_.end();) {
        it = it->second <= now_ms ? banned_until_.erase(it) : std::next(it);
    }
    return banned_until_.size();
}

const char* to_string(AdmissionControl::Verdict v) {
    switch (v) {
        case AdmissionControl::Verdict::admitted:
            return "admitted";
        case AdmissionControl::Verdict::banned:
            return "banned";
        case AdmissionControl::Verdict::pool_full:
            return "pool full";
        case AdmissionControl::Verdict::ip_full:
            return "too many connections from this IP";
    }
    return "refused";
}

}  // namespace viddhana::stratum
