#include "app/stratum_role.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "chain/address.h"

namespace viddhana::app {

// Takes solved blocks from the Stratum shards to the BlockSubmitter, and the node's verdict to
// the bus, the metrics and the log.
class StratumRole::Sink final : public stratum::BlockSink {
  public:
    Sink(StratumRole& role) : role_(role) {}

    void submit(std::string block_hex, bus::FoundBlock block) override {
        spdlog::info("block candidate {} at height {} from {}.{}: submitting", block.hash,
                     block.height, block.finder_login, block.finder_worker);
        auto shared = std::make_shared<bus::FoundBlock>(std::move(block));
        role_.submitter_->submit(
            std::move(block_hex), shared->hash,
            [this, shared](const node::SubmitResult& r) { on_result(std::move(*shared), r); });
    }

  private:
    void on_result(bus::FoundBlock e, const node::SubmitResult& r) {
        auto& m = role_.server_->metrics();
        e.accepted = r.verdict == node::SubmitVerdict::accepted;
        if (e.accepted) {
            m.blocks_accepted.inc();
            if (role_.templates_) role_.templates_->refresh();
        } else {
            m.blocks_rejected.inc();
            e.node_answer = r.answer.reject_reason    ? *r.answer.reject_reason
                            : !r.answer.error.empty() ? r.answer.error
                                                      : std::string(node::to_string(r.verdict));
            spdlog::warn("block {} at height {} not accepted ({}): {}", e.hash, e.height,
                         node::to_string(r.verdict), e.node_answer);
        }
        role_.bus_.publish(std::move(e));
    }

    StratumRole& role_;
};

StratumRole::StratumRole(const Config& config, metrics::Registry& registry, bus::EventBus& bus,
                         const Clock& clock)
    : config_(config), clock_(clock), bus_(bus), registry_(registry) {}

StratumRole::~StratumRole() {
    stop(false);
}

void StratumRole::start() {
    const auto& coin = *config_.coin_params;
    auto payout = chain::decode_address(config_.pool.address, coin);
    if (!payout) throw std::runtime_error("pool.address: " + payout.error().message);

    sink_ = std::make_unique<Sink>(*this);
    submitter_ = std::make_unique<node::BlockSubmitter>(
        config_.node.endpoints,
        std::chrono::milliseconds(static_cast<int64_t>(config_.node.rpc_timeout_seconds * 1000)));
    stratum::CoinbasePayout pool_payout{payout->script_pubkey, {}, 0};
    server_ = std::make_unique<stratum::StratumServer>(config_.stratum, coin, clock_, registry_,
                                                       bus_, *sink_, std::move(pool_payout));
    server_->start();

    node::TemplateSourceOptions options;
    options.rules = coin.gbt_rules;
    options.poll_interval =
        std::chrono::milliseconds(static_cast<int64_t>(config_.node.poll_interval_seconds * 1000));
    options.rpc_timeout =
        std::chrono::milliseconds(static_cast<int64_t>(config_.node.rpc_timeout_seconds * 1000));
    options.use_longpoll = config_.node.longpoll;
    options.coin = &coin;
    templates_ = std::make_unique<node::TemplateSource>(
        node_io_.get_executor(), config_.node.endpoints, options,
        [this](std::shared_ptr<const node::BlockTemplate> tmpl, bool) {
            server_->on_template(std::move(tmpl));
        },
        clock_);
    registry_.gauge_fn("stratum_node_up", "1 when the coin node answers, 0 when it does not", {},
                       [this] { return templates_->status().node_reachable ? 1.0 : 0.0; });
    registry_.gauge_fn("stratum_node_zmq_up",
                       "1 while the coin node's ZMQ hashblock publisher is connected", {},
                       [this] { return templates_->status().zmq_connected ? 1.0 : 0.0; });
    registry_.gauge_fn("stratum_node_zmq_notifications",
                       "new tips the coin node announced over ZMQ since start", {},
                       [this] { return double(templates_->status().zmq_notifications); });
    registry_.gauge_fn("stratum_node_coinbase_only_templates",
                       "coinbase-only templates made on new tips since start", {},
                       [this] { return double(templates_->status().coinbase_only_templates); });
    templates_->start();
    node_thread_ = std::thread([this] {
        auto work = asio::make_work_guard(node_io_);
        node_io_.run();
    });
}

void StratumRole::stop(bool graceful) {
    if (templates_) templates_->stop();
    if (server_) server_->stop(graceful);
    node_io_.stop();
    if (node_thread_.joinable()) node_thread_.join();
    templates_.reset();
    // The submitter first: its destructor lets submissions in flight finish, and their callbacks
    // still use the server's metrics.
    submitter_.reset();
    server_.reset();
}

metrics::HealthReport StratumRole::health() const {
    nlohmann::json j;
    bool healthy = true;
    if (!templates_ || !server_) {
        return {false, R"({"status":"starting"})"};
    }
    auto st = templates_->status();
    int64_t now = clock_.now_ms();
    double template_age = st.has_template ? (now - st.last_template_time_ms) / 1000.0 : -1;
    double max_age = std::max(30.0, 10 * config_.node.poll_interval_seconds);
    j["node"] = {{"reachable", st.node_reachable},
                 {"url", st.endpoint},
                 {"height", st.height},
                 {"last_template_age_seconds", template_age},
                 {"last_error", st.last_error}};
    auto job = server_->current_job();
    j["stratum"] = {{"connections", server_->connections()},
                    {"port", server_->port()},
                    {"job_age_seconds", job ? (now - job->created_ms) / 1000.0 : -1},
                    {"height", job ? job->height : 0}};
    // Address bans (floods only): the operator's first question when a site cannot connect.
    nlohmann::json bans = nlohmann::json::array();
    for (const auto& b : server_->admission().bans(now)) {
        bans.push_back({{"address", b.address},
                        {"reason", stratum::to_string(b.reason)},
                        {"seconds_left", (b.until_ms - now + 999) / 1000}});
    }
    j["stratum"]["banned_addresses"] = std::move(bans);
    std::vector<std::string> problems;
    if (!st.node_reachable) {
        problems.push_back("coin node unreachable: " + st.last_error);
    } else if (!st.last_error.empty()) {
        // Reachable but not serving templates (e.g. "not connected", still syncing).
        problems.push_back("coin node error: " + st.last_error);
    }
    if (!job) problems.push_back("no job yet: waiting for a block template from the node");
    if (st.has_template && template_age > max_age) {
        problems.push_back(fmt::format("last block template is {:.0f}s old", template_age));
    }
    healthy = problems.empty();
    j["status"] = healthy ? "ok" : "degraded";
    j["problems"] = problems;
    return {healthy, j.dump()};
}

}  // namespace viddhana::app
