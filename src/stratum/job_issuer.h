// Decides when templates become jobs (pure: time comes in as an argument). A template on a new
// previous block becomes a clean job at once. A template for the same block (new transactions,
// higher fees) becomes a non-clean job at most every `refresh_seconds`, so miners are not flooded
// with notifies for every mempool change. A coinbase-only template (made by the pool on a new tip
// before the node's template was ready) becomes the clean job, and the node's template for that
// block follows it at once as a non-clean job.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>

#include "base/expected.h"
#include "stratum/job_builder.h"

namespace viddhana::stratum {

class JobIssuer {
  public:
    JobIssuer(JobBuilder builder, CoinbasePayout pool_payout, int refresh_seconds);

    // A new template from the node. Returns the job to send now, if any; an error when the
    // template cannot make a job (the message says why).
    Expected<std::optional<JobPtr>> on_template(std::shared_ptr<const node::BlockTemplate> tmpl,
                                                int64_t now_ms);
    // Called periodically: issues the held-back template once the refresh interval has passed.
    Expected<std::optional<JobPtr>> on_tick(int64_t now_ms);

    JobPtr current() const { return current_; }
    uint64_t jobs_issued() const { return next_id_ - 1; }
    const JobBuilder& builder() const { return builder_; }

  private:
    Expected<std::optional<JobPtr>> issue(std::shared_ptr<const node::BlockTemplate> tmpl,
                                          bool clean, int64_t now_ms);

    JobBuilder builder_;
    CoinbasePayout payout_;
    int64_t refresh_ms_;
    JobPtr current_;
    std::shared_ptr<const node::BlockTemplate> held_;  // newer than current_, same block
    uint64_t next_id_ = 1;
};

}  // namespace viddhana::stratum
