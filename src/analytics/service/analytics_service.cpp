#include "analytics/service/analytics_service.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "analytics/forecaster_file.h"
#include "analytics/service/earnings_endpoint.h"
#include "analytics/service/hashrate_samples.h"
#include "analytics/service/node_difficulty_reader.h"
#include "analytics/service/sentinel_endpoint.h"
#include "analytics/service/share_feed.h"
#include "analytics/service/worker_endpoint.h"
#include "http/api_error.h"
#include "http/http_server.h"
#include "http/router.h"
#include "store/store_error.h"

namespace viddhana::analytics::service {

namespace {

constexpr int64_t kDayMs = 86'400'000;
constexpr const char* kRateBucket = "analytics";

http::Response reply_response(const EndpointReply& r) {
    return http::json_response(r.body, r.status);
}

// The body as JSON; an empty body is an empty object (every field at its default).
std::optional<nlohmann::json> parse_body(const http::Request& req, http::Response& error) {
    if (req.body.find_first_not_of(" \t\r\n") == std::string::npos) return nlohmann::json::object();
    try {
        return nlohmann::json::parse(req.body);
    } catch (const nlohmann::json::parse_error& e) {
        error = http::error_response(
            400, "bad_json", fmt::format("the request body is not valid JSON: {}", e.what()));
        return std::nullopt;
    }
}

double hashes_per_difficulty(const chain::CoinParams& coin) {
    return kHashesPerDifficulty / coin.share_multiplier;
}

}  // namespace

AnalyticsService::AnalyticsService(AnalyticsServiceConfig config, store::Store& store,
                                   metrics::Registry* registry, const Clock& clock)
    : config_(std::move(config)),
      store_(store),
      registry_(registry),
      clock_(clock),
      sentinel_(config_.sentinel) {
    if (!config_.coin) throw std::invalid_argument("the analytics service needs a coin");
    node_reader_ = std::make_unique<NodeDifficultyReader>(
        *config_.coin, config_.nodes,
        std::chrono::milliseconds(static_cast<int64_t>(config_.rpc_timeout_seconds * 1000)));
    feed_ = std::make_unique<SentinelShareFeed>(config_.coin->share_multiplier, clock_.now_ms());

    router_ = std::make_unique<http::Router>();
    // A posted series trains a model: the endpoints share a per-client budget; /health has none.
    http::RouteOptions limited;
    limited.rate_limit_bucket = kRateBucket;
    router_->get("/health", [this](const http::Request& r) { return handle_health(r); });
    router_->post(
        "/api/v1/predict/difficulty",
        [this](const http::Request& r) { return handle_difficulty(r); }, limited);
    router_->post(
        "/api/v1/predict/earnings", [this](const http::Request& r) { return handle_earnings(r); },
        limited);
    router_->post(
        "/api/v1/sentinel/detect", [this](const http::Request& r) { return handle_sentinel(r); },
        limited);
    router_->get(
        "/api/v1/alerts", [this](const http::Request& r) { return handle_alerts(r); }, limited);
    router_->post(
        "/api/v1/optimize/worker", [this](const http::Request& r) { return handle_worker(r); },
        limited);
}

AnalyticsService::~AnalyticsService() {
    stop();
}

void AnalyticsService::start() {
    if (started_) return;
    if (!config_.model_path.empty()) {
        auto m = load_forecaster(config_.model_path);
        if (!m) {
            model_problem_ = m.error().message;
        } else if (!m->chain.empty() && m->chain != config_.coin->coin) {
            model_problem_ = fmt::format("{} holds a model trained on {}, and the pool mines {}",
                                         config_.model_path, m->chain, config_.coin->coin);
        } else {
            forecaster_ = std::move(*m);
        }
        if (forecaster_)
            spdlog::info("analytics: learned model {} loaded from {} ({} rows to height {})",
                         forecaster_->model.spec.name(), config_.model_path, forecaster_->span.rows,
                         forecaster_->span.last_height);
        else
            spdlog::warn("analytics: the learned model is not loaded: {}", model_problem_);
    } else {
        spdlog::info(
            "analytics: no analytics.model configured: difficulty forecasts use the protocol rule");
    }
    std::string table_path = config_.hardware_table_path.empty() ? default_hardware_table_path()
                                                                 : config_.hardware_table_path;
    if (auto t = load_hardware_table(table_path))
        hardware_ = std::move(*t);
    else
        spdlog::error("analytics: worker advice is unavailable: {}", t.error().message);

    http::HttpServerOptions options;
    options.host = config_.host;
    options.port = config_.port;
    options.clock = &clock_;
    options.registry = registry_;
    options.pipeline.name = "analytics";
    // On loopback (the default) only this machine's processes reach the service, chiefly the API,
    // which forwards its clients' requests: rate-limit each of them by X-Forwarded-For rather than
    // the API as one client. Listening wider, the header could be forged, so it is ignored.
    options.trust_forwarded_for =
        config_.host == "127.0.0.1" || config_.host == "::1" || config_.host == "localhost";
    options.pipeline.cors = http::CorsPolicy::from_list(config_.cors_origin);
    options.pipeline.rate_limits[kRateBucket] = {config_.rate_limit_per_minute, 60'000};
    // A posted difficulty series may be long.
    options.max_body_bytes = 8 * 1024 * 1024;
    server_ = std::make_unique<http::HttpServer>(io_.get_executor(), options, *router_);
    server_->start();
    for (int i = 0; i < 2; ++i) {
        io_threads_.emplace_back([this] {
            auto work = asio::make_work_guard(io_);
            io_.run();
        });
    }
    background_ = std::thread([this] { background_loop(); });
    started_ = true;
    spdlog::info("analytics: analytics service on http://{}:{}", config_.host, port());
}

void AnalyticsService::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (background_.joinable()) background_.join();
    if (server_) server_->stop();
    io_.stop();
    for (auto& t : io_threads_)
        if (t.joinable()) t.join();
    io_threads_.clear();
}

uint16_t AnalyticsService::port() const {
    return server_ ? server_->port() : 0;
}

LoadedModel AnalyticsService::model() const {
    return LoadedModel{forecaster_ ? &*forecaster_ : nullptr, config_.model_path, model_problem_};
}

void AnalyticsService::background_loop() {
    using namespace std::chrono;
    auto next_refresh = steady_clock::now();
    auto next_sentinel = steady_clock::now();
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        auto now = steady_clock::now();
        if (now >= next_refresh) {
            lock.unlock();
            refresh_node();
            lock.lock();
            next_refresh = steady_clock::now() + duration_cast<steady_clock::duration>(
                                                     duration<double>(config_.refresh_seconds));
            continue;
        }
        if (now >= next_sentinel) {
            lock.unlock();
            evaluate_sentinel();
            lock.lock();
            next_sentinel = steady_clock::now() + duration_cast<steady_clock::duration>(
                                                      duration<double>(config_.sentinel_seconds));
            continue;
        }
        wake_.wait_until(lock, std::min(next_refresh, next_sentinel));
    }
}

void AnalyticsService::refresh_node() {
    std::lock_guard reader_lock(node_mutex_);
    try {
        ChainDifficulty chain = node_reader_->read();
        auto fees = node_reader_->median_recent_fees(chain.progress.tip_height);
        auto status = node_reader_->chain_status();
        std::vector<std::string> notes;
        auto forecast = forecast_for_request(DifficultyRequest{}, &chain, model(), notes);
        {
            std::lock_guard sentinel_lock(sentinel_mutex_);
            sentinel_.observe(
                NodeStatus{clock_.now_ms(), "node", status.blocks, status.headers, 0});
        }
        std::lock_guard lock(mutex_);
        chain_ = std::move(chain);
        recent_fees_ = fees;
        if (forecast)
            default_forecast_ = std::move(*forecast);
        else
            default_forecast_.reset();
        node_error_.clear();
        node_checked_ms_ = clock_.now_ms();
    } catch (const std::exception& e) {
        std::lock_guard lock(mutex_);
        if (node_error_ != e.what())
            spdlog::warn("analytics: cannot read the coin node: {}", e.what());
        node_error_ = e.what();
        node_checked_ms_ = clock_.now_ms();
    }
}

void AnalyticsService::evaluate_sentinel() {
    std::lock_guard lock(sentinel_mutex_);
    const int64_t now = clock_.now_ms();
    try {
        feed_->pull(store_, sentinel_, now);
        auto raised = sentinel_.evaluate(now);
        for (const auto& a : raised)
            spdlog::warn("analytics: sentinel {} {}{}: {}", to_string(a.kind), a.miner,
                         a.worker.empty() ? "" : "." + a.worker, a.reason);
        alerts_.record_evaluation(std::move(raised), now, sentinel_.workers(), feed_->shares_fed());
    } catch (const std::exception& e) {
        alerts_.record_error(fmt::format("cannot read shares from the store: {}", e.what()));
    }
}

HealthAnswer AnalyticsService::health() const {
    ServiceHealth h;
    h.environment = config_.environment;
    h.coin = config_.coin->coin;
    h.network = std::string(chain::to_string(config_.coin->network));
    h.model = model();
    {
        std::lock_guard lock(mutex_);
        h.node_ok = node_checked_ms_ > 0 && node_error_.empty() && chain_.has_value();
        h.node_error = node_checked_ms_ == 0 ? "not read yet" : node_error_;
        h.node_checked_ms = node_checked_ms_;
        if (chain_) h.tip_height = chain_->progress.tip_height;
    }
    h.store_backend = std::string(store_.backend_name());
    try {
        store_.schema_version();
        h.store_ok = true;
    } catch (const std::exception& e) {
        h.store_error = e.what();
    }
    h.sentinel = alerts_.status();
    h.now_ms = clock_.now_ms();
    return health_answer(h);
}

http::Response AnalyticsService::handle_health(const http::Request&) {
    auto h = health();
    return http::json_response(h.body, h.healthy ? 200 : 503);
}

http::Response AnalyticsService::handle_difficulty(const http::Request& req) {
    http::Response error;
    auto body = parse_body(req, error);
    if (!body) return error;
    auto request = parse_difficulty_request(*body);
    if (!request) return reply_response(field_error_reply(request.error()));
    std::optional<ChainDifficulty> chain;
    std::string node_error;
    {
        std::lock_guard lock(mutex_);
        chain = chain_;
        node_error = node_checked_ms_ == 0 ? "the node has not been read yet" : node_error_;
    }
    if (!request->series && !chain)
        return http::error_response(
            503, "node_unavailable",
            fmt::format("the coin node's difficulty history is not available ({}); post a "
                        "series to forecast it instead",
                        node_error));
    return reply_response(answer_difficulty(*request, chain ? &*chain : nullptr, model()));
}

http::Response AnalyticsService::handle_earnings(const http::Request& req) {
    http::Response error;
    auto body = parse_body(req, error);
    if (!body) return error;
    auto request = parse_earnings_request(*body);
    if (!request) return reply_response(field_error_reply(request.error()));

    const auto& coin = *config_.coin;
    const int64_t now_ms = clock_.now_ms();
    EarningsContext ctx;
    ctx.coin = &coin;
    ctx.pool_scheme = config_.scheme;
    ctx.pool_fee_percent = config_.fee_percent;
    ctx.share_interval_s = config_.target_share_seconds;
    ctx.now_unix = now_ms / 1000;
    {
        std::lock_guard lock(mutex_);
        if (chain_) {
            ctx.network_difficulty = chain_->tip_difficulty;
            ctx.chain_height = chain_->progress.tip_height;
        }
        ctx.typical_fees_per_block = recent_fees_;
        if (default_forecast_) {
            ctx.difficulty_forecast = default_forecast_->steps;
            ctx.forecast_coverage = default_forecast_->coverage;
            ctx.difficulty_method = default_forecast_->method;
        }
    }
    const double hpd = hashes_per_difficulty(coin);
    try {
        auto& hashrate = store_.hashrate();
        if (request->address) {
            auto buckets = hashrate.series(*request->address, now_ms - kDayMs, now_ms);
            double scale = 1.0;
            if (request->worker) {
                // The roll-ups are per miner; a worker gets its part of the miner's day.
                double miner_total = 0, worker_total = 0;
                for (const auto& w : hashrate.worker_hashrates(*request->address, now_ms, kDayMs)) {
                    miner_total += w.window.accepted_difficulty;
                    if (w.worker == *request->worker) worker_total = w.window.accepted_difficulty;
                }
                scale = miner_total > 0 ? worker_total / miner_total : 0;
            }
            if (auto measured = samples_from_buckets(buckets, now_ms, hpd, scale)) {
                ctx.miner_samples = std::move(measured->samples);
                ctx.miner_window_s = measured->window_s;
                auto pool = hashrate.series(std::nullopt, measured->first_minute_ms, now_ms);
                ctx.pool_hashrate = std::max(
                    mean_over(pool, measured->first_minute_ms, now_ms, hpd), measured->mean);
            }
        } else {
            auto pool = hashrate.series(std::nullopt, now_ms - kDayMs, now_ms);
            if (auto measured = samples_from_buckets(pool, now_ms, hpd))
                ctx.pool_hashrate = measured->mean;
        }
    } catch (const store::StoreError& e) {
        return http::error_response(503, "store_unavailable",
                                    fmt::format("the store did not answer: {}", e.what()));
    }
    return reply_response(answer_earnings(*request, ctx));
}

http::Response AnalyticsService::handle_sentinel(const http::Request& req) {
    http::Response error;
    auto body = parse_body(req, error);
    if (!body) return error;
    auto request = parse_sentinel_request(*body);
    if (!request) return reply_response(field_error_reply(request.error()));
    const int64_t now = clock_.now_ms();
    return reply_response(answer_sentinel(*request, alerts_.find(alert_filter(*request, now)),
                                          alerts_.status(), now));
}

http::Response AnalyticsService::handle_alerts(const http::Request& req) {
    auto request = parse_alerts_query(req.query);
    if (!request) return reply_response(field_error_reply(request.error()));
    const int64_t now = clock_.now_ms();
    return reply_response(answer_sentinel(*request, alerts_.find(alert_filter(*request, now)),
                                          alerts_.status(), now));
}

http::Response AnalyticsService::handle_worker(const http::Request& req) {
    http::Response error;
    auto body = parse_body(req, error);
    if (!body) return error;
    WorkerContext ctx;
    ctx.share_multiplier = config_.coin->share_multiplier;
    ctx.block_interval_s = config_.coin->target_block_seconds;
    ctx.target_share_seconds = config_.target_share_seconds;
    ctx.hardware = hardware_ ? &*hardware_ : nullptr;
    auto inputs = parse_worker_request(*body, ctx);
    if (!inputs) return reply_response(field_error_reply(inputs.error()));
    return reply_response(answer_worker(*inputs, ctx));
}

}  // namespace viddhana::analytics::service
