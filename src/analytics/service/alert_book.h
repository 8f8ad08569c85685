// The Sentinel's alerts as the service keeps them: the newest in memory (bounded), with when the
// Sentinel last ran, for POST /api/v1/sentinel/detect and GET /api/v1/alerts. Thread-safe: the
// Sentinel's runner adds, request handlers read.
#pragma once
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "analytics/sentinel.h"

namespace viddhana::analytics::service {

struct AlertFilter {
    std::optional<std::string> miner;
    std::optional<std::string> worker;
    std::optional<AlertKind> kind;
    int64_t since_ms = 0;  // alerts raised at or after this time
    size_t limit = 100;
};

struct SentinelStatus {
    int64_t evaluations = 0;
    int64_t last_evaluation_ms = 0;  // 0: not run yet
    size_t workers = 0;              // workers the Sentinel watches
    int64_t shares_seen = 0;
    size_t alerts_kept = 0;
    std::string last_error;  // the share feed's last problem ("" when fine)
};

class AlertBook {
  public:
    explicit AlertBook(size_t capacity = 10000);

    // One Sentinel run: the alerts it raised and what it watched.
    void record_evaluation(std::vector<Alert> alerts, int64_t evaluated_ms, size_t workers,
                           int64_t shares_seen);
    void record_error(std::string message);

    // Matching alerts, newest first.
    std::vector<Alert> find(const AlertFilter& filter) const;
    SentinelStatus status() const;

  private:
    size_t capacity_;
    mutable std::mutex mutex_;
    std::deque<Alert> alerts_;  // oldest first
    SentinelStatus status_;
};

std::optional<AlertKind> parse_alert_kind(std::string_view name);

}  // namespace viddhana::analytics::service
