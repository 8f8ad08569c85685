#include "api/api_server.h"

#include <array>

#include <spdlog/spdlog.h>

#include "api/api_routes.h"
#include "api/openapi_document.h"
#include "api/pool_stats.h"
#include "base/hex.h"
#include "chain/address.h"
#include "http/api_error.h"

namespace viddhana::api {

http::PipelineOptions api_pipeline_options(const ApiConfig& config) {
    http::PipelineOptions p;
    p.name = "api";
    p.cors = http::CorsPolicy::from_list(config.cors_origin);
    p.rate_limits = {{"api", {config.rate_limit_per_minute, 60'000}},
                     {"auth", {config.auth_rate_limit, 15 * 60'000}}};
    p.default_bucket = "api";
    p.access_log = config.access_log;
    return p;
}

ApiServer::ApiServer(ApiConfig config, PoolInfo info, ApiServerDeps deps) : deps_(std::move(deps)) {
    ctx_.config = std::move(config);
    ctx_.info = std::move(info);
    ctx_.store = deps_.store;
    ctx_.clock = deps_.clock;
    ctx_.probes = deps_.probes;
    ctx_.openapi_yaml = openapi_document();
    network_source_ =
        std::make_unique<NodeNetworkSource>(deps_.node_endpoints, std::chrono::seconds(3));
    network_ = std::make_unique<NetworkStatus>(*network_source_, *ctx_.clock,
                                               std::max<int64_t>(ctx_.config.cache_ttl_ms, 1000));
    ctx_.network = network_.get();
    stats_ = std::make_unique<PoolStatsCache>(ctx_, ctx_.config.cache_ttl_ms);
    ctx_.stats = stats_.get();
    random_ = std::make_unique<auth::OpenSslRandomSource>();
    AuthSettings auth;
    auth.jwt_secret = ctx_.config.jwt_secret;
    if (auth.jwt_secret.empty()) {
        // Regtest and tests only (the role refuses to start elsewhere): sessions end with the
        // process.
        std::array<uint8_t, 32> key;
        random_->fill(key);
        auth.jwt_secret = to_hex(key);
        spdlog::warn(
            "api.jwt_secret is not set: signing sessions with a random key; sessions end "
            "when the process stops");
    }
    auth.access_ttl_s = ctx_.config.jwt_access_expiry_ms / 1000;
    auth.refresh_ttl_s = ctx_.config.jwt_refresh_expiry_ms / 1000;
    auth.site = sign_in_site(ctx_.config.site_uri, ctx_.config.chain_id);
    auth_ = std::make_unique<AuthService>(ctx_.store->accounts(), auth, *ctx_.clock, *random_);
    ctx_.auth = auth_.get();
    router_ = build_api_router(ctx_);
    const chain::CoinParams* coin = ctx_.info.coin;
    AuthService* sessions = auth_.get();
    hub_ = std::make_unique<LiveHub>(
        LiveHubOptions{},
        [coin, sessions](const std::string& channel, const std::string& token) {
            if (channel == "pool" || channel == "blocks") return ChannelDecision::grant(channel);
            if (channel.rfind("miner:", 0) == 0) {
                auto d = chain::decode_address(channel.substr(6), *coin);
                if (!d) {
                    return ChannelDecision::refuse(
                        "bad_channel",
                        "'" + channel.substr(6) + "' is not a valid address: " + d.error().message);
                }
                return ChannelDecision::grant(channel);
            }
            if (channel == "account") {
                if (token.empty()) {
                    return ChannelDecision::refuse(
                        "unauthorized",
                        "the account channel is private: send \"token\" with your access token");
                }
                try {
                    auto grant = sessions->verify_access_token(token);
                    return ChannelDecision::grant(account_channel(grant.account_id), "account",
                                                  grant.expires_ms);
                } catch (const http::ApiError& e) {
                    return ChannelDecision::refuse("unauthorized", e.what());
                }
            }
            return ChannelDecision::refuse(
                "bad_channel",
                "unknown channel '" + channel + "' (pool, blocks, miner:<address>, account)");
        },
        *ctx_.clock);
    feed_ = std::make_unique<LiveFeed>(ctx_, *hub_, deps_.bus, deps_.live);
    hub_->set_subscribed_listener([feed = feed_.get()](const std::string& name) {
        constexpr std::string_view prefix = "account:";
        if (name.rfind(prefix, 0) == 0)
            feed->account_subscribed(std::stoll(name.substr(prefix.size())));
    });
}

ApiServer::~ApiServer() {
    stop();
}

void ApiServer::start() {
    http::HttpServerOptions o;
    o.host = ctx_.config.host;
    o.port = ctx_.config.port;
    o.max_body_bytes = static_cast<size_t>(ctx_.config.max_body_bytes);
    o.trust_forwarded_for = ctx_.config.trust_proxy;
    o.pipeline = api_pipeline_options(ctx_.config);
    o.clock = ctx_.clock;
    o.registry = deps_.registry;
    server_ = std::make_unique<http::HttpServer>(io_.get_executor(), o, router_);
    server_->on_upgrade(
        "/ws",
        [this](boost::beast::tcp_stream stream,
               boost::beast::http::request<boost::beast::http::string_body> req,
               const http::Request&) { hub_->accept(std::move(stream), std::move(req)); },
        "api");
    server_->start();
    feed_->start();
    int threads = std::max(1, ctx_.config.threads);
    for (int i = 0; i < threads; ++i) {
        threads_.emplace_back([this] {
            auto work = asio::make_work_guard(io_);
            io_.run();
        });
    }
    spdlog::info("api on http://{}:{} ({} threads, CORS {})", ctx_.config.host, port(), threads,
                 ctx_.config.cors_origin);
}

void ApiServer::stop() {
    if (stopped_) return;
    stopped_ = true;
    if (feed_) feed_->stop();
    if (server_) server_->stop();
    if (hub_) hub_->close_all();
    io_.stop();
    for (auto& t : threads_) {
        if (t.joinable()) t.join();
    }
    threads_.clear();
}

uint16_t ApiServer::port() const {
    return server_ ? server_->port() : 0;
}

}  // namespace viddhana::api
