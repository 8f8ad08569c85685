// JSON-RPC 1.0 over HTTP to a coin node (bitcoind/litecoind): basic auth from a user and password
// or from the node's cookie file (re-read on 401, as the node rewrites it at every start),
// a timeout per call, and keep-alive connections.
#pragma once
#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/asio.h"
#include "base/expected.h"

namespace viddhana::node {

struct RpcEndpoint {
    std::string url;  // http://host:port[/wallet/name]
    std::string user;
    std::string password;
    std::string cookie_file;  // used when user/password are empty
    // The node's ZMQ hashblock publisher (tcp://host:port), empty when not used. Not RPC, but it
    // belongs to the same node: the template source listens to it (node/tip_listener.h).
    std::string zmq_url = {};
};

// The parts of an RPC URL. Only plain http is accepted: nodes do not speak TLS.
struct RpcUrl {
    std::string host;    // without brackets for IPv6 literals
    std::string port;    // required: nodes have no standard HTTP port
    std::string target;  // "/" or the path, e.g. "/wallet/pool"
};
Expected<RpcUrl> parse_rpc_url(std::string_view url);

// The node answered with a JSON-RPC error object.
class RpcError : public std::runtime_error {
  public:
    RpcError(int code, const std::string& message) : std::runtime_error(message), code_(code) {}
    int code() const { return code_; }

  private:
    int code_;
};

// The node could not be reached or answered with something that is not JSON-RPC (connection
// refused, timeout, HTTP 401/500 without a JSON body, ...). The message names the URL.
class RpcTransportError : public std::runtime_error {
  public:
    explicit RpcTransportError(const std::string& message, bool timed_out = false)
        : std::runtime_error(message), timed_out_(timed_out) {}
    // The call's deadline passed (as opposed to a refused or broken connection).
    bool timed_out() const { return timed_out_; }

  private:
    bool timed_out_;
};

// Calls may run concurrently from several coroutines: each call takes an idle keep-alive
// connection or opens a new one. Use one client from one thread (or strand) at a time, and keep
// it alive until its calls have finished.
class RpcClient {
  public:
    // Throws std::invalid_argument when the URL does not parse.
    RpcClient(asio::any_io_executor executor, RpcEndpoint endpoint);
    ~RpcClient();
    RpcClient(const RpcClient&) = delete;
    RpcClient& operator=(const RpcClient&) = delete;

    // Returns the "result" member; throws RpcError or RpcTransportError.
    awaitable<nlohmann::json> call(std::string method, nlohmann::json params,
                                   std::chrono::milliseconds timeout = std::chrono::seconds(30));
    // Aborts the calls in flight (they throw RpcTransportError) and closes idle connections.
    void cancel();
    const RpcEndpoint& endpoint() const { return endpoint_; }

  private:
    struct Connection;
    struct State;
    RpcEndpoint endpoint_;
    asio::any_io_executor executor_;
    std::unique_ptr<State> state_;
};

// Blocking call on a private io_context, for command-line tools and tests.
nlohmann::json rpc_call_sync(const RpcEndpoint& endpoint, const std::string& method,
                             nlohmann::json params = nlohmann::json::array(),
                             std::chrono::milliseconds timeout = std::chrono::seconds(30));

}  // namespace viddhana::node
