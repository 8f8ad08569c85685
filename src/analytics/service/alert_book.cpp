#include "analytics/service/alert_book.h"

namespace viddhana::analytics::service {

AlertBook::AlertBook(size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

void AlertBook::record_evaluation(std::vector<Alert> alerts, int64_t evaluated_ms, size_t workers,
                                  int64_t shares_seen) {
    std::lock_guard lock(mutex_);
    for (auto& a : alerts)
        alerts_.push_back(std::move(a));
    while (alerts_.size() > capacity_)
        alerts_.pop_front();
    status_.evaluations += 1;
    status_.last_evaluation_ms = evaluated_ms;
    status_.workers = workers;
    status_.shares_seen = shares_seen;
    status_.alerts_kept = alerts_.size();
    status_.last_error.clear();
}

void AlertBook::record_error(std::string message) {
    std::lock_guard lock(mutex_);
    status_.last_error = std::move(message);
}

std::vector<Alert> AlertBook::find(const AlertFilter& filter) const {
    std::lock_guard lock(mutex_);
    std::vector<Alert> out;
    for (auto it = alerts_.rbegin(); it != alerts_.rend() && out.size() < filter.limit; ++it) {
        const auto& a = *it;
        if (a.time_ms < filter.since_ms) break;  // alerts are kept in time order
        if (filter.miner && a.miner != *filter.miner) continue;
        if (filter.worker && a.worker != *filter.worker) continue;
        if (filter.kind && a.kind != *filter.kind) continue;
        out.push_back(a);
    }
    return out;
}

SentinelStatus AlertBook::status() const {
    std::lock_guard lock(mutex_);
    return status_;
}

std::optional<AlertKind> parse_alert_kind(std::string_view name) {
    for (int k = static_cast<int>(AlertKind::worker_offline);
         k <= static_cast<int>(AlertKind::node_lag); ++k) {
        auto kind = static_cast<AlertKind>(k);
        if (name == to_string(kind)) return kind;
    }
    return std::nullopt;
}

}  // namespace viddhana::analytics::service
