// The share path of a Connection: mining.submit, the proof-of-work hash of a deferred scrypt
// share, and what follows a judged share (block, answer, event, vardiff, the invalid ratio).
#include <charconv>

#include <fmt/format.h>

#include "chain/pow.h"
#include "chain/sha256.h"
#include "stratum/connection.h"
#include "stratum/job_builder.h"

namespace viddhana::stratum {

namespace {

// A job id as this pool writes it: up to 16 hex digits (see DifficultyHistory).
bool parse_wire_id(std::string_view text, uint64_t& out) {
    if (text.empty() || text.size() > 16) return false;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), out, 16);
    return ec == std::errc() && p == text.data() + text.size();
}

ShareCheck stale_share() {
    ShareCheck stale;
    stale.result = bus::ShareResult::stale;
    stale.error = ErrorCode::job_not_found;
    stale.reason = "Job not found (stale)";
    return stale;
}

}  // namespace

void Connection::on_submit(const Request& r, int64_t now_ms) {
    auto started = std::chrono::steady_clock::now();
    if (!subscribed_) {
        reply_error(r, ErrorCode::not_subscribed, "Not subscribed");
        return;
    }
    // Only a worker authorized on this connection may submit: a share is never credited to a
    // name the pool did not check.
    const Worker* worker = find_worker(r.submit.worker);
    if (!worker) {
        reply_error(r, ErrorCode::unauthorized, "Unauthorized worker");
        return;
    }
    const size_t worker_index = static_cast<size_t>(worker - workers_.data());
    uint64_t wire_id = 0;
    std::optional<DifficultyHistory::Sent> sent;
    if (parse_wire_id(r.submit.job_id, wire_id)) sent = history_.resolve(wire_id);
    JobPtr job = sent ? own(host_.find_job(sent->job_id)) : nullptr;
    if (!job) {
        finish_share(r.id, nullptr, stale_share(), r.submit, ShareContext{}, worker_index, started,
                     now_ms);
        return;
    }
    ShareContext sc;
    sc.extranonce1 = extranonce1_;
    sc.extranonce2_size = tools().config.coinbase.extranonce2_size;
    sc.version_mask = version_mask_;
    sc.difficulty = sent->difficulty;
    sc.share_target =
        sent->difficulty == history_.current()
            ? target_
            : chain::target_from_difficulty(sent->difficulty, tools().coin.share_multiplier);
    sc.now_s = now_ms / 1000;

    auto& validator = tools().validator;
    ShareCheck check = validator.prepare(*job, r.submit, sc);
    if (check.result == bus::ShareResult::accepted &&
        tools().coin.algorithm != chain::PowAlgorithm::sha256d) {
        // Scrypt: hashed together with other connections' shares; later input waits.
        if (!pending_) pending_ = std::make_unique<PendingShare>();
        PendingShare& p = *pending_;
        p.request_id = r.id;
        p.submit = r.submit;
        p.job = std::move(job);
        p.extranonce1 = extranonce1_;
        p.context = sc;
        p.context.extranonce1 = p.extranonce1;
        p.check = check;
        p.worker_index = worker_index;
        p.started = started;
        awaiting_pow_ = true;
        host_.hash_later();
        return;
    }
    if (check.result == bus::ShareResult::accepted) {
        check = validator.judge(*job, check, check.block_hash, sc, duplicates_);
    }
    finish_share(r.id, job.get(), check, r.submit, sc, worker_index, started, now_ms);
}

void Connection::on_pow(const chain::Uint256& pow_hash, int64_t now_ms) {
    if (!pending_ || !awaiting_pow_) return;
    PendingShare& p = *pending_;
    ShareCheck check = tools().validator.judge(*p.job, p.check, pow_hash, p.context, duplicates_);
    awaiting_pow_ = false;
    if (clear_duplicates_after_pow_) {
        clear_duplicates_after_pow_ = false;
        duplicates_.clear();
    }
    finish_share(p.request_id, p.job.get(), check, p.submit, p.context, p.worker_index, p.started,
                 now_ms);
    p.job.reset();  // an old job (and its template) is not kept alive by an idle connection
    if (closed_ || held_input_.empty()) return;
    // Input that arrived meanwhile, in order; it may defer another share.
    replay_.swap(held_input_);
    consume(replay_, now_ms);
    replay_.clear();
}

void Connection::finish_share(std::string_view request_id, const Job* job, const ShareCheck& check,
                              const SubmitParams& submit, const ShareContext& sc,
                              size_t worker_index, std::chrono::steady_clock::time_point started,
                              int64_t now_ms) {
    auto& t = tools();
    auto& m = t.metrics;
    const Worker& worker = workers_[worker_index];
    bus::ShareEvent event;
    event.time_ms = now_ms;
    event.login = worker.address;
    event.worker = worker.worker;
    event.ip = address_;
    event.node_id = t.config.node_id;
    event.difficulty = job ? sc.difficulty : history_.current();
    if (job) {
        event.height = job->height;
        event.network_difficulty = job->network_difficulty;
    }
    if (job && check.is_block) {
        // The block goes to the node before anything else happens for this share.
        auto& validator = t.validator;
        validator.rebuild_coinbase(*job, submit, sc);
        bus::FoundBlock block;
        Bytes raw = assemble_block(*job, check.header, validator.last_coinbase());
        block.found_ms = now_ms;
        block.height = job->height;
        block.hash = check.block_hash.display_hex();
        block.finder_login = worker.address;
        block.finder_worker = worker.worker;
        block.reward = job->coinbase_value;
        block.network_difficulty = job->network_difficulty;
        block.share_difficulty = check.actual_difficulty;
        block.coinbase_txid = chain::sha256d(validator.last_coinbase()).display_hex();
        block.node_id = t.config.node_id;
        event.block_hash = block.hash;
        host_.block_found(to_hex(raw), std::move(block));
        m.blocks_found.inc();
    }

    event.result = check.result;
    event.actual_difficulty = check.actual_difficulty;
    ++shares_;
    m.last_share_time.set(static_cast<double>(now_ms) / 1000.0);
    switch (check.result) {
        case bus::ShareResult::accepted:
            event.difficulty = check.credited_difficulty;
            m.shares_accepted.inc();
            m.accepted_difficulty.inc(check.credited_difficulty);
            if (request_id != "null") write_result_true(out_.own, request_id);
            break;
        case bus::ShareResult::stale:
            m.shares_stale.inc();
            break;
        case bus::ShareResult::duplicate:
            m.shares_duplicate.inc();
            break;
        case bus::ShareResult::low_difficulty:
            m.shares_low_difficulty.inc();
            break;
        case bus::ShareResult::invalid:
            m.shares_invalid.inc();
            ++invalid_shares_;
            break;
    }
    if (check.result != bus::ShareResult::accepted && request_id != "null") {
        write_error(out_.own, request_id, check.error, check.reason);
    }
    host_.share_judged(std::move(event));

    if (check.result == bus::ShareResult::accepted && !closed_) {
        if (auto next = vardiff_.on_share(now_ms)) change_difficulty(*next);
    }
    m.share_processing_seconds.observe(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());

    // Only malformed shares count here: duplicates (firmware resending after a change), stale
    // and low-difficulty shares are answered with their error and nothing more.
    const auto& cfg = t.config;
    if (shares_ >= static_cast<uint32_t>(cfg.ban_min_shares) &&
        invalid_shares_ >= cfg.ban_invalid_ratio * shares_) {
        drop(fmt::format("{} of its {} shares were invalid", invalid_shares_, shares_),
             m.dropped_invalid_shares, now_ms);
    }
}

}  // namespace viddhana::stratum
