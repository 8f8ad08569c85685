#include "stratum/connection.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "chain/address.h"
#include "chain/pow.h"

namespace viddhana::stratum {

namespace {

// "ADDRESS.WORKER" or "ADDRESS"; worker names are kept to characters safe in URLs and logs.
bool split_login(std::string_view login, std::string& address, std::string& worker,
                 std::string& error) {
    auto dot = login.find('.');
    address.assign(login.substr(0, dot));
    worker.assign(dot == std::string_view::npos ? std::string_view() : login.substr(dot + 1));
    if (worker.size() > 64) {
        error = "worker name longer than 64 characters";
        return false;
    }
    for (char c : worker) {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.')) {
            error = "worker name may only hold letters, digits, '_', '-' and '.'";
            return false;
        }
    }
    return true;
}

// A start difficulty in the password field: "d=64", also among other options ("x,d=64").
std::optional<double> password_difficulty(std::string_view password) {
    size_t pos = 0;
    while (pos <= password.size()) {
        size_t end = password.find_first_of(",; ", pos);
        if (end == std::string_view::npos) end = password.size();
        std::string_view part = password.substr(pos, end - pos);
        if (part.starts_with("d=")) {
            double v;
            auto [p, ec] = std::from_chars(part.data() + 2, part.data() + part.size(), v);
            if (ec == std::errc() && p == part.data() + part.size() && v > 0 && std::isfinite(v))
                return v;
        }
        pos = end + 1;
    }
    return std::nullopt;
}

// A session id as this pool gives it out: the 8 hex digits of an extranonce1.
std::optional<Extranonce1> parse_session_id(std::string_view id) {
    Extranonce1 v;
    if (id.size() != 8 || !from_hex_into(id, std::span(v))) return std::nullopt;
    return v;
}

}  // namespace

void Outbox::consume(size_t n) {
    size_t from_shared = std::min(n, shared.size());
    shared.remove_prefix(from_shared);
    if (shared.empty()) shared_owner.reset();
    own.erase(0, n - from_shared);
}

std::string Outbox::text() const {
    std::string all(shared);
    all.append(own);
    return all;
}

Connection::Connection(ConnectionHost& host, std::string address, Extranonce1 extranonce1,
                       int64_t now_ms)
    : host_(host),
      address_(std::move(address)),
      extranonce1_(extranonce1),
      extranonce1_hex_(to_hex(extranonce1)),
      connected_ms_(now_ms),
      last_activity_ms_(now_ms),
      history_(host.tools().config.vardiff.initial_difficulty),
      vardiff_(host.tools().config.vardiff, host.tools().config.vardiff.initial_difficulty,
               now_ms) {
    history_.set_initial(vardiff_.difficulty());
    target_ = chain::target_from_difficulty(history_.current(), tools().coin.share_multiplier);
}

Connection::~Connection() = default;

uint64_t Connection::block_key() const {
    const JobPtr& job = host_.current_job();
    return job ? job->prev_block.limb(0) ^ static_cast<uint64_t>(job->height) : 0;
}

// --- Input ---

void Connection::receive(std::string_view bytes, int64_t now_ms) {
    if (closed_) return;
    last_activity_ms_ = now_ms;
    consume(bytes, now_ms);
}

void Connection::consume(std::string_view chunk, int64_t now_ms) {
    const auto& cfg = tools().config;
    const size_t cap = cfg.max_line_bytes;
    while (!chunk.empty() && !closed_) {
        if (awaiting_pow_) {
            // Kept for after the share's answer; bounded like a line.
            if (held_input_.size() + chunk.size() > cap + cfg.max_pending_write_bytes) {
                tools().admission.record_garbage(address_, held_input_.size() + chunk.size(),
                                                 now_ms);
                drop("too much input while a share was being judged",
                     tools().metrics.dropped_oversized, now_ms);
                return;
            }
            held_input_.append(chunk);
            return;
        }
        size_t nl = chunk.find('\n');
        size_t line_bytes = (nl == std::string_view::npos ? chunk.size() : nl) + partial_.size();
        if (line_bytes > cap) {
            tools().admission.record_garbage(address_, line_bytes, now_ms);
            tools().metrics.garbage_bytes.inc(static_cast<double>(line_bytes));
            drop("line longer than the limit", tools().metrics.dropped_oversized, now_ms);
            return;
        }
        if (nl == std::string_view::npos) {
            partial_.append(chunk);
            return;
        }
        if (!partial_.empty()) {
            // Nothing appends to partial_ while a line is handled, and it keeps its capacity.
            partial_.append(chunk.substr(0, nl));
            handle_line(partial_, now_ms);
            partial_.clear();
        } else {
            handle_line(chunk.substr(0, nl), now_ms);
        }
        chunk.remove_prefix(nl + 1);
    }
}

void Connection::handle_line(std::string_view line, int64_t now_ms) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
        line.remove_suffix(1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t'))
        line.remove_prefix(1);
    if (line.empty()) return;
    std::string error;
    Request& request = tools().request;
    if (!tools().parser.parse_into(line, request, error)) {
        tools().metrics.malformed_messages.inc();
        tools().metrics.garbage_bytes.inc(static_cast<double>(line.size() + 1));
        tools().admission.record_garbage(address_, line.size() + 1, now_ms);
        write_error(out_.own, request.id, ErrorCode::other, error);
        strike(error, now_ms);
        return;
    }
    handle(request, now_ms);
}

void Connection::reply_true(const Request& r) {
    if (!r.is_notification()) write_result_true(out_.own, r.id);
}

void Connection::reply_raw(const Request& r, std::string_view result_json) {
    if (!r.is_notification()) write_result_raw(out_.own, r.id, result_json);
}

void Connection::reply_error(const Request& r, ErrorCode code, std::string_view message) {
    if (!r.is_notification()) write_error(out_.own, r.id, code, message);
}

void Connection::handle(const Request& r, int64_t now_ms) {
    switch (r.method) {
        case Method::submit:
            on_submit(r, now_ms);
            break;
        case Method::subscribe:
            on_subscribe(r, now_ms);
            break;
        case Method::authorize:
            on_authorize(r, now_ms);
            break;
        case Method::configure:
            on_configure(r, now_ms);
            break;
        case Method::suggest_difficulty:
            apply_suggestion(r.difficulty, now_ms);
            reply_true(r);
            break;
        case Method::suggest_target:
        case Method::capabilities: {
            if (!r.target_hex.empty()) {
                auto target = chain::Uint256::from_display_hex(r.target_hex);
                if (!target || target->is_zero()) {
                    reply_error(r, ErrorCode::other, "invalid target");
                    break;
                }
                apply_suggestion(
                    chain::difficulty_from_target(*target, tools().coin.share_multiplier), now_ms);
            }
            reply_true(r);
            break;
        }
        case Method::extranonce_subscribe:
            extranonce_subscribed_ = true;
            reply_true(r);
            break;
        case Method::ping:
            reply_raw(r, "\"pong\"");
            break;
        case Method::get_transactions:
            reply_raw(r, "[]");
            break;
        case Method::response:
            break;  // answers to our requests need no reply
        case Method::unknown:
            reply_error(r, ErrorCode::other, fmt::format("unsupported method {}", r.method_name));
            break;
    }
}

// --- Handshake ---

void Connection::on_subscribe(const Request& r, int64_t now_ms) {
    if (!subscribed_) {
        subscribed_ = true;
        user_agent_ = r.user_agent.substr(0, 128);
        if (!r.session_id.empty()) resume(r.session_id, now_ms);
    }
    if (!r.is_notification()) {
        write_subscribe_result(out_.own, r.id, extranonce1_hex_, extranonce1_hex_,
                               tools().config.coinbase.extranonce2_size);
    }
    if (!workers_.empty()) become_ready();
}

void Connection::resume(std::string_view session_id, int64_t now_ms) {
    auto wanted = parse_session_id(session_id);
    if (!wanted || *wanted == extranonce1_) return;
    if (!tools().extranonces.resume(*wanted, extranonce1_, block_key(), duplicates_, now_ms)) {
        return;  // not ours, in use, or forgotten: the miner starts a fresh session
    }
    extranonce1_ = *wanted;
    extranonce1_hex_ = to_hex(extranonce1_);
    tools().metrics.sessions_resumed.inc();
}

void Connection::on_authorize(const Request& r, int64_t now_ms) {
    std::string address, worker, error;
    if (!split_login(r.login, address, worker, error)) {
        reply_error(r, ErrorCode::unauthorized, error);
        return;
    }
    auto decoded = chain::decode_address(address, tools().coin);
    if (!decoded) {
        reply_error(r, ErrorCode::unauthorized,
                    fmt::format("invalid {} {} address: {}", tools().coin.coin,
                                chain::to_string(tools().coin.network), decoded.error().message));
        return;
    }
    if (int64_t wait = tools().admission.backoff_remaining(address_, r.login, now_ms); wait > 0) {
        tools().metrics.reconnects_refused.inc();
        reply_error(r, ErrorCode::unauthorized,
                    fmt::format("{} was disconnected for bad messages: wait {} s before "
                                "reconnecting",
                                r.login, (wait + 999) / 1000));
        close_after_sending("reconnected within its backoff");
        return;
    }
    if (!find_worker(r.login)) {
        if (workers_.size() >= 256) {
            reply_error(r, ErrorCode::unauthorized, "too many workers on one connection");
            return;
        }
        // SOLO: the connection's coinbase pays its first address, so one connection mines for
        // one address (workers of it may be many).
        if (tools().config.solo && !workers_.empty() && workers_.front().address != address) {
            reply_error(r, ErrorCode::unauthorized,
                        "solo mining: one connection mines for one address (open another "
                        "connection)");
            return;
        }
        workers_.push_back(
            {r.login, std::move(address), std::move(worker), std::move(decoded->script_pubkey)});
    }
    if (auto d = password_difficulty(r.password); d && !ready_) {
        history_.set_initial(vardiff_.reset(*d, now_ms));
        target_ = chain::target_from_difficulty(history_.current(), tools().coin.share_multiplier);
    }
    reply_true(r);
    if (subscribed_) become_ready();
}

void Connection::on_configure(const Request& r, int64_t now_ms) {
    const ConfigureParams& c = r.configure;
    std::string result = "{";
    auto add = [&](std::string_view kv) {
        if (result.size() > 1) result.push_back(',');
        result.append(kv);
    };
    for (const auto& ext : c.extensions) {
        if (ext == "version-rolling") {
            version_mask_ = c.version_rolling_mask & tools().config.version_rolling_mask;
            add(fmt::format("\"version-rolling\":true,\"version-rolling.mask\":\"{:08x}\"",
                            version_mask_));
        } else if (ext == "minimum-difficulty") {
            if (c.minimum_difficulty_value > 0) apply_floor(c.minimum_difficulty_value, now_ms);
            add("\"minimum-difficulty\":true");
        } else if (ext == "subscribe-extranonce") {
            extranonce_subscribed_ = true;
            add("\"subscribe-extranonce\":true");
        } else {
            std::string key;
            append_json_string(key, ext);
            add(key + ":false");
        }
    }
    result.push_back('}');
    reply_raw(r, result);
}

JobPtr Connection::own(const JobPtr& job) {
    if (!tools().config.solo || workers_.empty() || !job) return job;
    return host_.job_for(job, workers_.front().script);
}

const Connection::Worker* Connection::find_worker(std::string_view name) const {
    for (const auto& w : workers_) {
        if (w.name == name) return &w;
    }
    return nullptr;
}

void Connection::become_ready() {
    if (ready_) return;
    ready_ = true;
    write_set_difficulty(out_.own, history_.current());
    if (JobPtr job = own(host_.current_job())) {
        out_.own.append(job->notify_line_clean);
        last_job_id_ = job->id;
    }
}

// --- Difficulty ---

void Connection::apply_suggestion(double difficulty, int64_t now_ms) {
    if (!(difficulty > 0) || !std::isfinite(difficulty)) return;
    vardiff_.set_floor(difficulty);
    double next = vardiff_.reset(difficulty, now_ms);
    if (!ready_) {
        history_.set_initial(next);
        target_ = chain::target_from_difficulty(next, tools().coin.share_multiplier);
    } else {
        change_difficulty(next);
    }
}

void Connection::apply_floor(double difficulty, int64_t now_ms) {
    vardiff_.set_floor(difficulty);
    if (vardiff_.difficulty() == history_.current()) return;
    double next = vardiff_.reset(vardiff_.difficulty(), now_ms);
    if (!ready_) {
        history_.set_initial(next);
        target_ = chain::target_from_difficulty(next, tools().coin.share_multiplier);
    } else {
        change_difficulty(next);
    }
}

void Connection::change_difficulty(double difficulty) {
    if (difficulty == history_.current()) return;
    JobPtr job = own(host_.current_job());
    if (!job) {
        history_.set_initial(difficulty);
    } else {
        uint64_t wire_id = history_.change(difficulty, job->id);
        last_job_id_ = job->id;
        write_set_difficulty(out_.own, difficulty);
        // The same work under a fresh id: firmware that keys work by job id starts over, and
        // shares on it are judged at the new difficulty (DifficultyHistory).
        send_notify(*job, wire_id, false);
    }
    target_ = chain::target_from_difficulty(difficulty, tools().coin.share_multiplier);
    tools().metrics.vardiff_retargets.inc();
}

void Connection::send_notify(const Job& job, uint64_t wire_id, bool clean) {
    // The prepared line is {"id":null,"method":"mining.notify","params":["ID",...: it is sent
    // again with another id in place of ID.
    const std::string& line = clean ? job.notify_line_clean : job.notify_line_continue;
    static constexpr std::string_view kHead = R"({"id":null,"method":"mining.notify","params":[")";
    size_t id_end = kHead.size() + job.id_hex.size();
    out_.own.append(kHead);
    fmt::format_to(std::back_inserter(out_.own), "{:x}", wire_id);
    out_.own.append(std::string_view(line).substr(id_end));
}

// --- Jobs, time, shutdown ---

void Connection::on_job(const JobPtr& base, int64_t) {
    if (!ready_ || closed_) return;
    JobPtr job = own(base);
    if (!job) return;
    if (job->clean) {
        // A share received before this job and still being hashed is judged against the shares
        // received before it, duplicates included.
        if (awaiting_pow_) {
            clear_duplicates_after_pow_ = true;
        } else {
            duplicates_.clear();
        }
    }
    last_job_id_ = job->id;
    if (out_.empty()) {
        out_.shared = job->notify_line();
        out_.shared_owner = std::move(job);
    } else {
        out_.own.append(job->notify_line());
    }
}

void Connection::tick(int64_t now_ms) {
    if (closed_) return;
    const auto& cfg = tools().config;
    if (!ready_ && now_ms - connected_ms_ > int64_t{cfg.login_timeout_seconds} * 1000) {
        tools().metrics.handshake_timeouts.inc();
        tools().admission.record_handshake_timeout(address_, now_ms);
        close("did not subscribe and authorize in time");
        return;
    }
    if (now_ms - last_activity_ms_ > int64_t{cfg.idle_timeout_seconds} * 1000) {
        close("idle");
        return;
    }
    if (ready_) {
        if (auto next = vardiff_.on_tick(now_ms)) change_difficulty(*next);
    }
}

void Connection::reconnect(std::string_view host, int port, int wait_seconds) {
    if (closed_) return;
    write_reconnect(out_.own, host, port, wait_seconds);
    close_after_sending("reconnect sent");
}

bool Connection::change_extranonce1(const Extranonce1& extranonce1, int64_t) {
    if (closed_ || (subscribed_ && !extranonce_subscribed_)) return false;
    extranonce1_ = extranonce1;
    extranonce1_hex_ = to_hex(extranonce1_);
    if (!subscribed_) return true;  // the subscribe answer will carry it
    write_set_extranonce(out_.own, extranonce1_hex_, tools().config.coinbase.extranonce2_size);
    if (awaiting_pow_) {
        clear_duplicates_after_pow_ = true;
    } else {
        duplicates_.clear();
    }
    if (ready_) {
        if (JobPtr job = own(host_.current_job())) {
            // Work must restart with the new extranonce1, even on the same job (the NiceHash
            // specification): a fresh id, clean, and every id sent before is void.
            uint64_t wire_id = history_.restart(job->id);
            last_job_id_ = job->id;
            send_notify(*job, wire_id, true);
        }
    }
    return true;
}

void Connection::close(std::string_view reason) {
    if (closed_) return;
    closed_ = true;
    close_reason_.assign(reason);
    spdlog::debug("closing {} ({}): {}", address_, extranonce1_hex_, reason);
}

void Connection::close_after_sending(std::string_view reason) {
    if (close_when_sent_ || closed_) return;
    close_when_sent_ = true;
    close_reason_.assign(reason);
}

// --- Misbehaviour ---

void Connection::strike(std::string_view why, int64_t now_ms) {
    if (++strikes_ < tools().config.strikes_to_ban) return;
    drop(fmt::format("{} malformed messages (last: {})", strikes_, why),
         tools().metrics.dropped_malformed, now_ms);
}

void Connection::drop(std::string_view reason, metrics::Counter& counter, int64_t now_ms) {
    if (closed_) return;
    counter.inc();
    // The worker's reconnects from this address back off; its neighbours are not touched.
    int64_t backoff = 0;
    for (const auto& w : workers_)
        backoff = tools().admission.penalize(address_, w.name, now_ms);
    spdlog::info("dropping {} ({}{}): {}; its reconnects wait {} s", address_,
                 workers_.empty() ? "not logged in" : workers_.front().name,
                 workers_.size() > 1 ? " and others" : "", reason, backoff / 1000);
    close(reason);
}

}  // namespace viddhana::stratum
