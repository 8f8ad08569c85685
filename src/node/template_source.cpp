// TemplateSource: two coroutines on one strand. The poll loop asks the node set every
// poll_interval (backing off while it fails) and logs each change of state once; the long-poll
// loop waits on the node that gave the last template, using the template's longpollid, on a
// connection of its own so that a waiting long poll never delays a regular poll. A TipListener
// per node with a ZMQ URL posts new tips to the strand; while a node's ZMQ is connected its long
// poll rests: the node answers a long poll by building a template under its main lock, which
// would hold up the header request of the coinbase-only template by just as long.
#include "node/template_source.h"

#include <atomic>
#include <mutex>
#include <thread>

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <boost/asio/redirect_error.hpp>

#include "node/coinbase_only_template.h"
#include "node/node_set.h"
#include "node/tip_listener.h"

namespace viddhana::node {

using nlohmann::json;

namespace {

enum class HealthState { starting, ok, unreachable, node_error, bad_template };

// bitcoind's RPC_CLIENT_NOT_CONNECTED and RPC_CLIENT_IN_INITIAL_DOWNLOAD.
constexpr int kNotConnected = -9;
constexpr int kInInitialDownload = -10;

}  // namespace

struct TemplateSource::Impl : std::enable_shared_from_this<Impl> {
    Impl(asio::any_io_executor executor, std::vector<RpcEndpoint> nodes_in,
         TemplateSourceOptions options_in, Callback on_template_in, const Clock& clock_in)
        : strand(asio::make_strand(executor)),
          options(std::move(options_in)),
          on_template(std::move(on_template_in)),
          clock(clock_in),
          nodes(strand, std::move(nodes_in)),
          poll_timer(strand),
          longpoll_timer(strand) {
        status.endpoint = nodes.current().url;
    }

    asio::strand<asio::any_io_executor> strand;
    const TemplateSourceOptions options;
    const Callback on_template;
    const Clock& clock;
    NodeSet nodes;
    asio::steady_timer poll_timer;
    asio::steady_timer longpoll_timer;

    // Strand-only state.
    std::unique_ptr<RpcClient> longpoll_client;
    size_t longpoll_client_node = 0;
    std::string longpoll_id;
    size_t longpoll_node = 0;
    bool longpoll_idle = false;
    bool refresh_requested = false;
    // Orders requests and answers: a template whose request left before the current template
    // arrived may describe an older state of the node.
    uint64_t sequence = 0;
    uint64_t current_received_at = 0;
    HealthState health = HealthState::starting;
    std::string health_message;
    std::vector<bool> zmq_up;                                // by node index
    std::vector<std::unique_ptr<RpcClient>> header_clients;  // by node index, made on first use

    // Made in start(), released in stop() (any thread): listener_mutex guards the vector.
    std::mutex listener_mutex;
    std::vector<std::unique_ptr<TipListener>> listeners;

    // Shared with other threads.
    std::atomic<bool> stopped{false};
    std::atomic<bool> started{false};
    mutable std::mutex status_mutex;
    TemplateSourceStatus status;
    std::shared_ptr<const BlockTemplate> current;
    std::mutex callback_mutex;  // held while the callback runs; stop() takes it to wait for it
    std::atomic<std::thread::id> callback_thread{};

    json request(const std::string& id) const {
        json req = {{"rules", options.rules}};
        if (!id.empty()) req["longpollid"] = id;
        return json::array({req});
    }

    void set_health(HealthState state, const std::string& message) {
        const bool changed =
            state != health ||
            ((state == HealthState::node_error || state == HealthState::bad_template) &&
             message != health_message);
        health = state;
        health_message = message;
        if (!changed) return;
        switch (state) {
            case HealthState::ok:
                spdlog::info("template source: receiving templates from {}", message);
                break;
            case HealthState::unreachable:
                spdlog::error("template source: no node reachable, retrying: {}", message);
                break;
            case HealthState::node_error:
                spdlog::error("template source: node answered with an error, retrying: {}",
                              message);
                break;
            case HealthState::bad_template:
                spdlog::error("template source: unusable template, retrying: {}", message);
                break;
            case HealthState::starting:
                break;
        }
    }

    void note_failure(HealthState state, const std::string& message, bool reachable) {
        {
            std::lock_guard lock(status_mutex);
            status.node_reachable = reachable;
            status.last_error = message;
            status.endpoint = nodes.current().url;
        }
        set_health(state, message);
    }

    // Returns false when the answer is not a usable template.
    bool handle_answer(const json& answer, size_t node_index, uint64_t requested_at) {
        const std::string url = nodes.endpoint(node_index).url;
        auto parsed = parse_block_template(answer);
        if (!parsed) {
            note_failure(HealthState::bad_template,
                         fmt::format("getblocktemplate from {}: {}", url, parsed.error().message),
                         true);
            return false;
        }
        auto tmpl = std::make_shared<const BlockTemplate>(std::move(parsed.value()));
        bool changed = false;
        bool new_block = false;
        {
            std::lock_guard lock(status_mutex);
            // A regular poll sent before a block arrived can answer after the long poll reported
            // that block: a lower height from a request older than the current template is
            // stale, not news. (A request sent later that sees a lower height is a real reorg.)
            if (current && tmpl->height < current->height && requested_at < current_received_at) {
                return true;
            }
            current_received_at = ++sequence;
            new_block = !current || current->previous_block != tmpl->previous_block;
            changed = !current || !same_work(*current, *tmpl);
            current = tmpl;
            status.node_reachable = true;
            status.has_template = true;
            status.last_error.clear();
            status.last_template_time_ms = clock.now_ms();
            status.height = tmpl->height;
            status.endpoint = url;
            ++status.templates_received;
            if (changed) ++status.templates_changed;
        }
        set_health(HealthState::ok, url);
        if (tmpl->longpoll_id != longpoll_id || node_index != longpoll_node) {
            // A long poll waiting on another node would miss this node's blocks: abort it.
            if (node_index != longpoll_node && longpoll_client) longpoll_client->cancel();
            longpoll_id = tmpl->longpoll_id;
            longpoll_node = node_index;
            if (longpoll_idle) longpoll_timer.cancel();
        }
        if (changed) {
            spdlog::debug("template source: height {} {} ({} transactions, fees {})", tmpl->height,
                          new_block ? "new block" : "updated", tmpl->transactions.size(),
                          tmpl->total_fees());
            invoke_callback(tmpl, new_block);
        }
        return true;
    }

    void invoke_callback(const std::shared_ptr<const BlockTemplate>& tmpl, bool new_block) {
        std::lock_guard lock(callback_mutex);
        if (stopped.load()) return;
        callback_thread.store(std::this_thread::get_id());
        try {
            on_template(tmpl, new_block);
        } catch (const std::exception& e) {
            spdlog::error("template source: template callback threw: {}", e.what());
        }
        callback_thread.store(std::thread::id{});
    }

    awaitable<void> poll_loop(std::shared_ptr<Impl> self) {
        std::chrono::milliseconds backoff = options.retry_min;
        while (!stopped.load()) {
            refresh_requested = false;
            bool ok = false;
            const uint64_t requested_at = ++sequence;
            try {
                json answer =
                    co_await nodes.call("getblocktemplate", request(""), options.rpc_timeout);
                if (stopped.load()) break;
                ok = handle_answer(answer, nodes.current_index(), requested_at);
            } catch (const RpcTransportError& e) {
                if (stopped.load()) break;
                note_failure(HealthState::unreachable, e.what(), false);
            } catch (const RpcError& e) {
                if (stopped.load()) break;
                note_failure(HealthState::node_error,
                             fmt::format("getblocktemplate on {}: error {}: {}",
                                         nodes.current().url, e.code(), e.what()),
                             true);
                // -9 "not connected", -10 "in initial sync": another node may serve.
                if (e.code() == kNotConnected || e.code() == kInInitialDownload) {
                    nodes.skip_current();
                }
            }
            std::chrono::milliseconds wait = options.poll_interval;
            if (ok) {
                backoff = options.retry_min;
            } else {
                wait = backoff;
                backoff = std::min(backoff * 2, options.retry_max);
            }
            if (refresh_requested || stopped.load()) continue;
            boost::system::error_code ec;
            poll_timer.expires_after(wait);
            co_await poll_timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        }
        (void)self;
    }

    bool zmq_serves(size_t node) const { return node < zmq_up.size() && zmq_up[node]; }

    void on_zmq_connection(size_t node, bool up) {
        if (stopped.load()) return;
        if (zmq_up.size() <= node) zmq_up.resize(node + 1, false);
        zmq_up[node] = up;
        {
            std::lock_guard lock(status_mutex);
            status.zmq_connected = zmq_serves(nodes.current_index());
        }
        if (node != longpoll_node) return;
        if (!up && longpoll_idle) longpoll_timer.cancel();  // long poll again at once
        if (up && !longpoll_idle && longpoll_client) longpoll_client->cancel();
    }

    void on_tip(size_t node, const chain::Uint256& hash) {
        if (stopped.load()) return;
        std::shared_ptr<const BlockTemplate> base;
        {
            std::lock_guard lock(status_mutex);
            ++status.zmq_notifications;
            base = current;
        }
        if (base && base->previous_block == hash) return;  // the template is already on it
        spdlog::debug("template source: new tip {} announced over ZMQ", hash.display_hex());
        if (options.coin && base && !base->coinbase_only && !base->mweb) {
            asio::co_spawn(strand,
                           coinbase_only(shared_from_this(), node, hash.display_hex(), base),
                           asio::detached);
        } else {
            ask_now();
        }
    }

    // The poll loop asks the node at once instead of at its next turn.
    void ask_now() {
        refresh_requested = true;
        poll_timer.cancel();
    }

    // The coinbase-only template on `hash`, unless the node's own template arrives first; then
    // the node's template. The header is asked for first: the node builds a template under its
    // main lock, and a getblocktemplate sent at the same moment would hold the header up.
    awaitable<void> coinbase_only(std::shared_ptr<Impl> self, size_t node, std::string hash,
                                  std::shared_ptr<const BlockTemplate> base) {
        if (header_clients.size() <= node) header_clients.resize(node + 1);
        if (!header_clients[node]) {
            header_clients[node] = std::make_unique<RpcClient>(strand, nodes.endpoint(node));
        }
        // Built outside the co_await expression: GCC 12 cannot keep an initializer list alive
        // across a suspension.
        json params = json::array();
        params.push_back(hash);
        params.push_back(true);
        json header;
        try {
            header = co_await header_clients[node]->call("getblockheader", std::move(params),
                                                         options.rpc_timeout);
        } catch (const std::exception& e) {
            spdlog::debug("template source: getblockheader {}: {}", hash, e.what());
            if (!stopped.load()) ask_now();
            co_return;
        }
        if (stopped.load()) co_return;
        ask_now();
        if (!header.is_null()) on_tip_header(header, *base);
        (void)self;
    }

    void on_tip_header(const json& header, const BlockTemplate& base) {
        auto tip = parse_tip_header(header);
        if (!tip) {
            spdlog::warn("template source: {}", tip.error().message);
            return;
        }
        auto made = coinbase_only_template(base, *tip, *options.coin, clock.now_ms() / 1000);
        if (!made) {
            // Expected at retargets, signalling boundaries and with MWEB: the node's template
            // is on its way.
            spdlog::debug("template source: no coinbase-only template: {}", made.error().message);
            return;
        }
        auto tmpl = std::make_shared<const BlockTemplate>(std::move(made.value()));
        if (deliver_coinbase_only(tmpl, base)) invoke_callback(tmpl, true);
    }

    // False when the node's template on the new tip (or on any other) came first.
    bool deliver_coinbase_only(const std::shared_ptr<const BlockTemplate>& tmpl,
                               const BlockTemplate& base) {
        std::lock_guard lock(status_mutex);
        if (!current || current->previous_block != base.previous_block) return false;
        {
            current_received_at = ++sequence;
            current = tmpl;
            status.last_template_time_ms = clock.now_ms();
            status.height = tmpl->height;
            ++status.templates_changed;
            ++status.coinbase_only_templates;
        }
        return true;
    }

    void start_listeners(const std::shared_ptr<Impl>& self) {
        std::lock_guard lock(listener_mutex);
        for (size_t i = 0; i < nodes.size(); ++i) {
            const std::string& url = nodes.endpoint(i).zmq_url;
            if (url.empty()) continue;
            std::weak_ptr<Impl> weak = self;
            try {
                listeners.push_back(std::make_unique<TipListener>(
                    strand, url,
                    [weak, i](const chain::Uint256& hash) {
                        if (auto s = weak.lock()) s->on_tip(i, hash);
                    },
                    [weak, i](bool up) {
                        if (auto s = weak.lock()) s->on_zmq_connection(i, up);
                    }));
            } catch (const std::exception& e) {
                spdlog::error("template source: {}", e.what());
            }
        }
    }

    awaitable<void> longpoll_loop(std::shared_ptr<Impl> self) {
        std::chrono::milliseconds backoff = options.retry_min;
        while (!stopped.load()) {
            if (longpoll_id.empty() || zmq_serves(longpoll_node)) {
                // Wait for a template that offers long polling, or for the node's ZMQ to go
                // (handle_answer and on_zmq_connection wake us).
                longpoll_idle = true;
                boost::system::error_code ec;
                longpoll_timer.expires_after(std::chrono::hours(24));
                co_await longpoll_timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
                longpoll_idle = false;
                continue;
            }
            const std::string id = longpoll_id;
            const size_t node = longpoll_node;
            if (!longpoll_client || longpoll_client_node != node) {
                longpoll_client = std::make_unique<RpcClient>(strand, nodes.endpoint(node));
                longpoll_client_node = node;
            }
            std::chrono::milliseconds wait{0};
            const uint64_t requested_at = ++sequence;
            try {
                json answer = co_await longpoll_client->call("getblocktemplate", request(id),
                                                             options.longpoll_timeout);
                if (stopped.load()) break;
                if (handle_answer(answer, node, requested_at)) {
                    backoff = options.retry_min;
                    // A node that answers at once with the same id would make this loop spin.
                    if (longpoll_id == id) wait = options.poll_interval;
                } else {
                    wait = backoff;
                }
            } catch (const RpcTransportError& e) {
                if (stopped.load()) break;
                // The poll loop reports the node's state; here we only try again later. A long
                // poll that simply ran out of time is re-issued at once.
                spdlog::debug("template source: long poll on {}: {}", nodes.endpoint(node).url,
                              e.what());
                if (!e.timed_out()) {
                    wait = backoff;
                    backoff = std::min(backoff * 2, options.retry_max);
                }
            } catch (const RpcError& e) {
                if (stopped.load()) break;
                spdlog::debug("template source: long poll on {}: error {}: {}",
                              nodes.endpoint(node).url, e.code(), e.what());
                wait = backoff;
                backoff = std::min(backoff * 2, options.retry_max);
            }
            // A new id or node arrived meanwhile: poll with it at once.
            if (longpoll_id != id || longpoll_node != node) wait = std::chrono::milliseconds(0);
            if (wait.count() > 0 && !stopped.load()) {
                longpoll_idle = true;
                boost::system::error_code ec;
                longpoll_timer.expires_after(wait);
                co_await longpoll_timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
                longpoll_idle = false;
            }
        }
        (void)self;
    }
};

TemplateSource::TemplateSource(asio::any_io_executor executor, std::vector<RpcEndpoint> nodes,
                               TemplateSourceOptions options, Callback on_template,
                               const Clock& clock)
    : impl_(std::make_shared<Impl>(std::move(executor), std::move(nodes), std::move(options),
                                   std::move(on_template), clock)) {}

TemplateSource::~TemplateSource() {
    stop();
}

void TemplateSource::start() {
    if (impl_->started.exchange(true)) return;
    auto self = impl_;
    impl_->start_listeners(self);
    asio::co_spawn(impl_->strand, impl_->poll_loop(self), asio::detached);
    if (impl_->options.use_longpoll) {
        asio::co_spawn(impl_->strand, impl_->longpoll_loop(self), asio::detached);
    }
}

void TemplateSource::stop() {
    if (impl_->stopped.exchange(true)) return;
    if (impl_->callback_thread.load() != std::this_thread::get_id()) {
        // Wait for a callback in progress on another thread: none starts after this.
        std::lock_guard lock(impl_->callback_mutex);
    }
    {
        std::lock_guard lock(impl_->listener_mutex);
        impl_->listeners.clear();
    }
    asio::post(impl_->strand, [self = impl_] {
        self->poll_timer.cancel();
        self->longpoll_timer.cancel();
        self->nodes.cancel();
        if (self->longpoll_client) self->longpoll_client->cancel();
        for (auto& client : self->header_clients) {
            if (client) client->cancel();
        }
    });
}

void TemplateSource::refresh() {
    asio::post(impl_->strand, [self = impl_] {
        self->refresh_requested = true;
        self->poll_timer.cancel();
    });
}

TemplateSourceStatus TemplateSource::status() const {
    std::lock_guard lock(impl_->status_mutex);
    return impl_->status;
}

std::shared_ptr<const BlockTemplate> TemplateSource::current() const {
    std::lock_guard lock(impl_->status_mutex);
    return impl_->current;
}

}  // namespace viddhana::node
