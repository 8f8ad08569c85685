#include "stratum/job_issuer.h"

namespace viddhana::stratum {

JobIssuer::JobIssuer(JobBuilder builder, CoinbasePayout pool_payout, int refresh_seconds)
    : builder_(std::move(builder)),
      payout_(std::move(pool_payout)),
      refresh_ms_(static_cast<int64_t>(refresh_seconds) * 1000) {}

Expected<std::optional<JobPtr>> JobIssuer::issue(std::shared_ptr<const node::BlockTemplate> tmpl,
                                                 bool clean, int64_t now_ms) {
    auto job = builder_.build(std::move(tmpl), payout_, next_id_, clean, now_ms);
    if (!job) return job.error();
    ++next_id_;
    held_.reset();
    current_ = std::move(job.value());
    return std::optional<JobPtr>(current_);
}

Expected<std::optional<JobPtr>> JobIssuer::on_template(
    std::shared_ptr<const node::BlockTemplate> tmpl, int64_t now_ms) {
    if (!tmpl) return make_error("no block template");
    if (!current_ || tmpl->previous_block != current_->prev_block ||
        tmpl->height != current_->height) {
        return issue(std::move(tmpl), true, now_ms);
    }
    if (now_ms - current_->created_ms >= refresh_ms_) return issue(std::move(tmpl), false, now_ms);
    held_ = std::move(tmpl);
    return std::optional<JobPtr>();
}

Expected<std::optional<JobPtr>> JobIssuer::on_tick(int64_t now_ms) {
    if (held_ && current_ && now_ms - current_->created_ms >= refresh_ms_) {
        return issue(held_, false, now_ms);
    }
    return std::optional<JobPtr>();
}

}  // namespace viddhana::stratum
