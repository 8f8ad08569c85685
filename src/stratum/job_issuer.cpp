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
    // The node's template may come first; a coinbase-only one for the block miners already have
    // would only take the transactions away again.
    if (tmpl->coinbase_only && current_ && tmpl->previous_block == current_->prev_block) {
        return std::optional<JobPtr>();
    }
    if (!current_ || tmpl->previous_block != current_->prev_block ||
        tmpl->height != current_->height) {
        return issue(std::move(tmpl), true, now_ms);
    }
    // The node's template replaces a coinbase-only job at once: it carries the fees.
    if (current_->block_template->coinbase_only || now_ms - current_->created_ms >= refresh_ms_) {
        return issue(std::move(tmpl), false, now_ms);
    }
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
