// TemplateSource keeps the freshest block template from the coin node(s): ZMQ hashblock notices
// when a node publishes them (RpcEndpoint::zmq_url), long polling when the node offers it (on a
// connection of its own) while its ZMQ is not connected, plain polling every poll_interval as a
// fallback, failover across nodes, and retries with capped backoff while no node answers.
//
// On a ZMQ notice of a new tip the source asks the node for its template at once and, for the
// coin given in the options, makes a coinbase-only template from the tip's header
// (node/coinbase_only_template.h) so that miners switch before the node has rebuilt its own
// template; the node's template follows as an update on the same block.
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/asio.h"
#include "base/clock.h"
#include "chain/coin.h"
#include "node/block_template.h"
#include "node/rpc_client.h"

namespace viddhana::node {

struct TemplateSourceOptions {
    std::vector<std::string> rules{"segwit"};  // getblocktemplate rules: the coin's gbt_rules
    std::chrono::milliseconds poll_interval{1000};
    std::chrono::milliseconds rpc_timeout{10'000};
    // A long poll returns when the tip changes (and, on bitcoind, when the mempool changed for a
    // minute); past this the request is simply issued again.
    std::chrono::milliseconds longpoll_timeout{300'000};
    bool use_longpoll = true;
    std::chrono::milliseconds retry_min{1000};  // backoff while the node fails: doubles up to max
    std::chrono::milliseconds retry_max{5000};
    // The coin mined: enables coinbase-only templates on ZMQ notices. nullptr: the notices only
    // make the source ask the node at once.
    const chain::CoinParams* coin = nullptr;
};

struct TemplateSourceStatus {
    bool node_reachable = false;           // the last request got an answer (even an RPC error)
    bool has_template = false;             // a template arrived since start
    std::string last_error;                // empty when the last request gave a template
    int64_t last_template_time_ms = 0;     // when the last template (changed or not) arrived
    int64_t height = 0;                    // of the current template
    std::string endpoint;                  // URL of the node in use
    uint64_t templates_received = 0;       // answers that parsed, changed or not
    uint64_t templates_changed = 0;        // callbacks made
    uint64_t zmq_notifications = 0;        // new-tip notices heard over ZMQ
    uint64_t coinbase_only_templates = 0;  // made on those notices
    bool zmq_connected = false;            // the node in use has its ZMQ publisher connected
};

class TemplateSource {
  public:
    // new_block: the parent block changed (miners must drop their work); false: same parent,
    // other transactions or fees. Called only when the work changed (see same_work), on the
    // source's strand; never after stop() has returned.
    using Callback = std::function<void(std::shared_ptr<const BlockTemplate> tmpl, bool new_block)>;

    TemplateSource(asio::any_io_executor executor, std::vector<RpcEndpoint> nodes,
                   TemplateSourceOptions options, Callback on_template,
                   const Clock& clock = SystemClock::instance());
    // Stops. Destroy it before its io_context: pending work is released when the context runs
    // or is destroyed.
    ~TemplateSource();
    TemplateSource(const TemplateSource&) = delete;
    TemplateSource& operator=(const TemplateSource&) = delete;

    void start();
    // Idempotent; safe from any thread, including from inside the callback.
    void stop();
    // Asks the node now instead of at the next poll (e.g. after the pool found a block).
    void refresh();

    TemplateSourceStatus status() const;  // thread-safe
    std::shared_ptr<const BlockTemplate> current() const;

  private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

}  // namespace viddhana::node
