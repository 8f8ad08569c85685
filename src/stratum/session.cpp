#include "stratum/session.h"

#include <algorithm>
#include <charconv>
#include <chrono>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "chain/address.h"
#include "chain/pow.h"
#include "chain/sha256.h"
#include "stratum/job_builder.h"
#include "stratum/shard.h"

namespace viddhana::stratum {

namespace {

constexpr size_t kKeptWriteBufferBytes = 1024;

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
            if (ec == std::errc() && p == part.data() + part.size() && v > 0) return v;
        }
        pos = end + 1;
    }
    return std::nullopt;
}

}  // namespace

Session::Session(Shard& shard, tcp::socket socket, std::string ip,
                 std::array<uint8_t, 4> extranonce1)
    : shard_(shard),
      socket_(std::move(socket)),
      ip_(std::move(ip)),
      extranonce1_(extranonce1),
      extranonce1_hex_(to_hex(extranonce1)),
      connected_ms_(shard.now_ms()),
      last_activity_ms_(connected_ms_),
      difficulty_(shard.config().vardiff.initial_difficulty),
      vardiff_(shard.config().vardiff, shard.config().vardiff.initial_difficulty, connected_ms_) {
    difficulty_ = vardiff_.difficulty();
    target_ = chain::target_from_difficulty(difficulty_, shard.context().coin.share_multiplier);
}

Session::~Session() {
    shard_.context().extranonces.release(extranonce1_);
    shard_.context().admission.release(ip_);
}

void Session::start() {
    boost::system::error_code ec;
    socket_.set_option(tcp::no_delay(true), ec);
    socket_.set_option(asio::socket_base::keep_alive(true), ec);
    socket_.non_blocking(true, ec);
    asio::co_spawn(socket_.get_executor(), read_loop(), asio::detached);
}

awaitable<void> Session::read_loop() {
    auto self = shared_from_this();
    auto& buffer = shard_.read_buffer();
    boost::system::error_code ec;
    while (!closed_) {
        co_await socket_.async_wait(tcp::socket::wait_read,
                                    asio::redirect_error(asio::use_awaitable, ec));
        if (ec || closed_) break;
        for (;;) {
            size_t n = socket_.read_some(asio::buffer(buffer), ec);
            if (ec == asio::error::would_block || ec == asio::error::try_again) break;
            if (ec || n == 0) {
                close(ec == asio::error::eof || n == 0 ? "client closed the connection"
                                                       : ec.message());
                break;
            }
            consume(buffer.data(), n);
            if (closed_ || n < buffer.size()) break;
        }
        if (!closed_) flush();
    }
    if (!closed_) close(ec ? ec.message() : "read ended");
    shard_.remove(this);
}

void Session::consume(const char* data, size_t n) {
    last_activity_ms_ = shard_.now_ms();
    std::string_view chunk(data, n);
    const size_t cap = shard_.config().max_line_bytes;
    while (!chunk.empty() && !closed_) {
        if (awaiting_pow_) {
            // Kept for after the share's answer; bounded like a line.
            if (held_input_.size() + chunk.size() > cap + shard_.config().max_pending_write_bytes) {
                strike("too much input while a share was being judged");
                close("too much input while a share was being judged");
                return;
            }
            held_input_.append(chunk);
            return;
        }
        size_t nl = chunk.find('\n');
        if (nl == std::string_view::npos) {
            if (partial_.size() + chunk.size() > cap) {
                strike("line longer than the limit");
                close("line longer than the limit");
                return;
            }
            partial_.append(chunk);
            return;
        }
        if (!partial_.empty()) {
            if (partial_.size() + nl > cap) {
                strike("line longer than the limit");
                close("line longer than the limit");
                return;
            }
            partial_.append(chunk.substr(0, nl));
            std::string line;
            line.swap(partial_);
            handle_line(line);
        } else {
            if (nl > cap) {
                strike("line longer than the limit");
                close("line longer than the limit");
                return;
            }
            handle_line(chunk.substr(0, nl));
        }
        chunk.remove_prefix(nl + 1);
    }
}

void Session::handle_line(std::string_view line) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
        line.remove_suffix(1);
    while (!line.empty() && line.front() == ' ')
        line.remove_prefix(1);
    if (line.empty()) return;
    std::string error;
    Request& request = shard_.request();
    if (!shard_.parser().parse_into(line, request, error)) {
        shard_.context().metrics.malformed_messages.inc();
        write_error(out_, request.id, ErrorCode::other, error);
        strike(error);
        return;
    }
    handle(request);
}

void Session::handle(Request& r) {
    switch (r.method) {
        case Method::submit:
            on_submit(r);
            break;
        case Method::subscribe:
            on_subscribe(r);
            break;
        case Method::authorize:
            on_authorize(r);
            break;
        case Method::configure:
            on_configure(r);
            break;
        case Method::suggest_difficulty:
            on_suggest_difficulty(r.difficulty);
            write_result_true(out_, r.id);
            break;
        case Method::suggest_target: {
            auto target = chain::Uint256::from_display_hex(r.target_hex);
            if (!target || target->is_zero()) {
                write_error(out_, r.id, ErrorCode::other, "invalid target");
                break;
            }
            on_suggest_difficulty(
                chain::difficulty_from_target(*target, shard_.context().coin.share_multiplier));
            write_result_true(out_, r.id);
            break;
        }
        case Method::extranonce_subscribe:
            extranonce_subscribed_ = true;
            write_result_true(out_, r.id);
            break;
        case Method::ping:
            write_result_raw(out_, r.id, "\"pong\"");
            break;
        case Method::get_transactions:
            write_result_raw(out_, r.id, "[]");
            break;
        case Method::response:
            break;  // answers to our requests need no reply
        case Method::unknown:
            write_error(out_, r.id, ErrorCode::other,
                        fmt::format("unsupported method {}", r.method_name));
            break;
    }
}

void Session::on_subscribe(const Request& r) {
    if (!subscribed_) {
        subscribed_ = true;
        user_agent_ = r.user_agent.substr(0, 128);
    }
    write_subscribe_result(out_, r.id, extranonce1_hex_, extranonce1_hex_,
                           shard_.config().coinbase.extranonce2_size);
    if (!workers_.empty()) become_ready();
}

void Session::on_authorize(const Request& r) {
    std::string address, worker, error;
    if (!split_login(r.login, address, worker, error)) {
        write_error(out_, r.id, ErrorCode::unauthorized, error);
        return;
    }
    auto decoded = chain::decode_address(address, shard_.context().coin);
    if (!decoded) {
        write_error(
            out_, r.id, ErrorCode::unauthorized,
            fmt::format("invalid {} {} address: {}", shard_.context().coin.coin,
                        chain::to_string(shard_.context().coin.network), decoded.error().message));
        return;
    }
    if (!find_worker(r.login)) {
        if (workers_.size() >= 256) {
            write_error(out_, r.id, ErrorCode::unauthorized, "too many workers on one connection");
            return;
        }
        // SOLO: the connection's coinbase pays its first address, so one connection mines for
        // one address (workers of it may be many).
        if (shard_.config().solo && !workers_.empty() && workers_.front().address != address) {
            write_error(
                out_, r.id, ErrorCode::unauthorized,
                "solo mining: one connection mines for one address (open another connection)");
            return;
        }
        workers_.push_back(
            {r.login, std::move(address), std::move(worker), std::move(decoded->script_pubkey)});
    }
    if (auto d = password_difficulty(r.password); d && !ready_) {
        difficulty_ = vardiff_.reset(*d, shard_.now_ms());
        target_ =
            chain::target_from_difficulty(difficulty_, shard_.context().coin.share_multiplier);
    }
    write_result_true(out_, r.id);
    if (subscribed_) become_ready();
}

JobPtr Session::own(const JobPtr& job) {
    if (!shard_.config().solo || workers_.empty()) return job;
    return shard_.job_for(job, workers_.front().script);
}

void Session::become_ready() {
    if (ready_) return;
    ready_ = true;
    write_set_difficulty(out_, difficulty_);
    if (JobPtr job = own(shard_.current_job())) {
        out_.append(job->notify_line_clean);
        last_job_id_ = job->id;
    }
}

void Session::on_configure(const Request& r) {
    const ConfigureParams& c = r.configure;
    std::string result = "{";
    auto add = [&](std::string_view kv) {
        if (result.size() > 1) result.push_back(',');
        result.append(kv);
    };
    for (const auto& ext : c.extensions) {
        if (ext == "version-rolling") {
            version_mask_ = c.version_rolling_mask & shard_.config().version_rolling_mask;
            add(fmt::format("\"version-rolling\":true,\"version-rolling.mask\":\"{:08x}\"",
                            version_mask_));
        } else if (ext == "minimum-difficulty") {
            if (c.minimum_difficulty_value > 0) on_suggest_difficulty(c.minimum_difficulty_value);
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
    write_result_raw(out_, r.id, result);
}

void Session::on_suggest_difficulty(double difficulty) {
    vardiff_.set_floor(difficulty);
    if (!ready_) {
        difficulty_ = vardiff_.reset(std::max(difficulty, difficulty_), shard_.now_ms());
        target_ =
            chain::target_from_difficulty(difficulty_, shard_.context().coin.share_multiplier);
    } else if (vardiff_.difficulty() != difficulty_) {
        set_difficulty(vardiff_.difficulty(), true);
    }
}

void Session::set_difficulty(double difficulty, bool resend_job) {
    if (difficulty == difficulty_) return;
    previous_difficulty_ = difficulty_;
    previous_target_ = target_;
    difficulty_changed_after_job_ = last_job_id_;
    difficulty_ = difficulty;
    target_ = chain::target_from_difficulty(difficulty_, shard_.context().coin.share_multiplier);
    shard_.context().metrics.vardiff_retargets.inc();
    write_set_difficulty(out_, difficulty_);
    // Miners apply a new difficulty from the next notify: send the current job again.
    if (resend_job && ready_) {
        if (JobPtr job = own(shard_.current_job())) out_.append(job->notify_line_continue);
    }
}

const Session::Worker* Session::find_worker(std::string_view name) const {
    for (const auto& w : workers_) {
        if (w.name == name) return &w;
    }
    return nullptr;
}

ShareContext Session::share_context(const Job& job, int64_t now_ms) const {
    ShareContext sc;
    sc.extranonce1 = extranonce1_;
    sc.extranonce2_size = shard_.config().coinbase.extranonce2_size;
    sc.version_mask = version_mask_;
    sc.difficulty = difficulty_;
    sc.share_target = target_;
    if (job.id <= difficulty_changed_after_job_) {
        sc.previous_difficulty = previous_difficulty_;
        sc.previous_target = previous_target_;
    }
    sc.now_s = now_ms / 1000;
    return sc;
}

void Session::on_submit(const Request& r) {
    auto started = std::chrono::steady_clock::now();
    if (!subscribed_) {
        write_error(out_, r.id, ErrorCode::not_subscribed, "Not subscribed");
        return;
    }
    const Worker* worker = find_worker(r.submit.worker);
    // Some firmware submits under a name other than the one it authorized; with a single worker
    // on the connection there is no doubt whose share it is.
    if (!worker && workers_.size() == 1) worker = &workers_.front();
    if (!worker) {
        write_error(out_, r.id, ErrorCode::unauthorized, "Unauthorized worker");
        return;
    }
    const size_t worker_index = static_cast<size_t>(worker - workers_.data());
    const int64_t now = shard_.now_ms();
    JobPtr job = own(shard_.find_job(r.submit.job_id));
    if (!job) {
        ShareCheck stale;
        stale.result = bus::ShareResult::stale;
        stale.error = ErrorCode::job_not_found;
        stale.reason = "Job not found (stale)";
        finish_share(r.id, nullptr, stale, r.submit, ShareContext{}, worker_index, started);
        return;
    }
    ShareContext sc = share_context(*job, now);
    auto& validator = shard_.validator();
    ShareCheck check = validator.prepare(*job, r.submit, sc);
    if (check.result == bus::ShareResult::accepted) {
        if (shard_.context().coin.algorithm != chain::PowAlgorithm::sha256d) {
            // Scrypt: hashed with the shard's other waiting shares, several at once.
            awaiting_pow_ = true;
            shard_.defer_share(
                {shared_from_this(), r.id, job, r.submit, sc, check, worker_index, started});
            return;
        }
        check = validator.judge(*job, check, check.block_hash, sc, duplicates_);
    }
    finish_share(r.id, job.get(), check, r.submit, sc, worker_index, started);
}

void Session::complete_deferred_share(DeferredShare& d, const chain::Uint256& pow_hash) {
    ShareCheck check =
        shard_.validator().judge(*d.job, d.prepared, pow_hash, d.context, duplicates_);
    awaiting_pow_ = false;
    if (clear_duplicates_after_pow_) {
        clear_duplicates_after_pow_ = false;
        duplicates_.clear();
    }
    finish_share(d.request_id, d.job.get(), check, d.submit, d.context, d.worker_index, d.started);
    if (closed_) return;
    // Input that arrived meanwhile, in order; it may defer another share.
    if (!held_input_.empty()) {
        std::string input;
        input.swap(held_input_);
        consume(input.data(), input.size());
    }
    flush();
}

void Session::finish_share(const std::string& request_id, const Job* job, const ShareCheck& check,
                           const SubmitParams& submit, const ShareContext& sc, size_t worker_index,
                           std::chrono::steady_clock::time_point started) {
    auto& ctx = shard_.context();
    auto& m = ctx.metrics;
    const Worker& worker = workers_[worker_index];
    const int64_t now = shard_.now_ms();
    bus::ShareEvent event;
    event.time_ms = now;
    event.login = worker.address;
    event.worker = worker.worker;
    event.ip = ip_;
    event.node_id = ctx.config.node_id;
    event.difficulty = difficulty_;
    if (job) {
        event.height = job->height;
        event.network_difficulty = job->network_difficulty;
    }
    if (job && check.is_block) {
        // The block goes to the node before anything else happens for this share.
        auto& validator = shard_.validator();
        validator.rebuild_coinbase(*job, submit, sc);
        bus::FoundBlock block;
        Bytes raw = assemble_block(*job, check.header, validator.last_coinbase());
        block.found_ms = now;
        block.height = job->height;
        block.hash = check.block_hash.display_hex();
        block.finder_login = worker.address;
        block.finder_worker = worker.worker;
        block.reward = job->coinbase_value;
        block.network_difficulty = job->network_difficulty;
        block.share_difficulty = check.actual_difficulty;
        block.coinbase_txid = chain::sha256d(validator.last_coinbase()).display_hex();
        block.node_id = ctx.config.node_id;
        event.block_hash = block.hash;
        shard_.submit_block(to_hex(raw), std::move(block));
        m.blocks_found.inc();
    }

    event.result = check.result;
    event.actual_difficulty = check.actual_difficulty;
    ++shares_;
    m.last_share_time.set(static_cast<double>(now) / 1000.0);
    switch (check.result) {
        case bus::ShareResult::accepted:
            event.difficulty = check.credited_difficulty;
            m.shares_accepted.inc();
            m.accepted_difficulty.inc(check.credited_difficulty);
            write_result_true(out_, request_id);
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
            break;
    }
    if (check.result != bus::ShareResult::accepted) {
        write_error(out_, request_id, check.error, check.reason);
        if (check.result != bus::ShareResult::stale) ++bad_shares_;
    }
    shard_.emit(std::move(event));

    if (check.result == bus::ShareResult::accepted && !closed_) {
        if (auto next = vardiff_.on_share(now)) set_difficulty(*next, true);
    }
    m.share_processing_seconds.observe(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());

    const auto& cfg = ctx.config;
    if (shares_ >= static_cast<uint32_t>(cfg.ban_min_shares) &&
        bad_shares_ >= cfg.ban_invalid_ratio * shares_ && !closed_) {
        spdlog::warn("banning {}: {} of its {} shares were invalid", ip_, bad_shares_, shares_);
        ctx.admission.ban(ip_, now);
        m.bans.inc();
        close("banned: mostly invalid shares");
    }
}

void Session::strike(std::string_view why) {
    if (++strikes_ < shard_.config().strikes_to_ban) return;
    auto& ctx = shard_.context();
    if (!ctx.admission.is_banned(ip_, shard_.now_ms())) {
        spdlog::warn("banning {}: {} ({} strikes)", ip_, why, strikes_);
        ctx.admission.ban(ip_, shard_.now_ms());
        ctx.metrics.bans.inc();
    }
    close("banned: garbage");
}

void Session::send_job(const JobPtr& base) {
    if (!ready_ || closed_) return;
    JobPtr job = own(base);
    if (job->clean) {
        // A share received before this job and still being hashed is judged against the
        // shares received before it, duplicates included.
        if (awaiting_pow_) {
            clear_duplicates_after_pow_ = true;
        } else {
            duplicates_.clear();
        }
    }
    last_job_id_ = job->id;
    if (out_.empty() && !write_in_flight_) {
        send(job->notify_line());
    } else {
        out_.append(job->notify_line());
        flush();
    }
}

void Session::tick(int64_t now_ms) {
    const auto& cfg = shard_.config();
    if (!ready_ && now_ms - connected_ms_ > int64_t{cfg.login_timeout_seconds} * 1000) {
        close("did not subscribe and authorize in time");
        return;
    }
    if (now_ms - last_activity_ms_ > int64_t{cfg.idle_timeout_seconds} * 1000) {
        close("idle");
        return;
    }
    if (ready_) {
        if (auto next = vardiff_.on_tick(now_ms)) {
            set_difficulty(*next, true);
            flush();
        }
    }
}

void Session::reconnect_and_close(const std::string& host, int port, int wait_seconds) {
    if (closed_) return;
    write_reconnect(out_, host, port, wait_seconds);
    close_after_flush_ = true;
    flush();
}

void Session::close(std::string_view reason) {
    if (closed_) return;
    closed_ = true;
    spdlog::debug("closing {} ({}): {}", ip_, extranonce1_hex_, reason);
    boost::system::error_code ec;
    socket_.shutdown(tcp::socket::shutdown_both, ec);
    socket_.close(ec);
}

void Session::send(std::string_view data) {
    if (closed_) return;
    if (!out_.empty() || write_in_flight_) {
        out_.append(data);
        flush();
        return;
    }
    boost::system::error_code ec;
    size_t n = socket_.write_some(asio::buffer(data.data(), data.size()), ec);
    if (ec && ec != asio::error::would_block && ec != asio::error::try_again) {
        close(ec.message());
        return;
    }
    if (n < data.size()) {
        out_.append(data.substr(n));
        flush();
    }
}

void Session::flush() {
    if (closed_ || write_in_flight_) return;
    if (out_.empty()) {
        if (close_after_flush_) close("reconnect sent");
        return;
    }
    boost::system::error_code ec;
    size_t n = socket_.write_some(asio::buffer(out_), ec);
    if (ec && ec != asio::error::would_block && ec != asio::error::try_again) {
        close(ec.message());
        return;
    }
    out_.erase(0, n);
    if (out_.empty()) {
        // An idle session keeps no write buffer worth mentioning (its first notify alone is over
        // a kilobyte); a busy one reallocates at most once per read.
        if (out_.capacity() > kKeptWriteBufferBytes) std::string().swap(out_);
        if (close_after_flush_) close("reconnect sent");
        return;
    }
    if (out_.size() > shard_.config().max_pending_write_bytes) {
        shard_.context().metrics.slow_consumers_dropped.inc();
        close("slow consumer: too much unread data");
        return;
    }
    writing_.swap(out_);
    out_.clear();
    write_in_flight_ = true;
    asio::async_write(socket_, asio::buffer(writing_),
                      [self = shared_from_this()](const boost::system::error_code& e, size_t) {
                          self->on_write_done(e);
                      });
}

void Session::on_write_done(const boost::system::error_code& ec) {
    write_in_flight_ = false;
    std::string().swap(writing_);
    if (ec) {
        close(ec.message());
        return;
    }
    flush();
}

}  // namespace viddhana::stratum
