// JSON-RPC 1.0 over HTTP to a coin node (bitcoind/litecoind): basic auth from a user and password
// or from the node's cookie file (re-read on 401, as the node rewrites it at every start),
// a timeout per call, and keep-alive connections.
#pragma once
#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "base/asio.h"

namespace viddhana::node {

struct RpcEndpoint {
    std::string url;          // http://host:port[/wallet/name]
    std::string user;
    std::string password;
    std::string cookie_file;  // used when user/password are empty
};

// The node answered with a JSON-RPC error object.
class RpcError : public std::runtime_error {
public:
    RpcError(int code, const std::string& message)
        : std::runtime_error(message), code_(code) {}
    int code() const { return code_; }

private:
    int code_;
};

// The node could not be reached or answered with something that is not JSON-RPC (connection
// refused, timeout, HTTP 401/500 without a JSON body, ...).
class RpcTransportError : public std::runtime_error {
    using std::runtime_error::runtime_error;
};

class RpcClient {
public:
    RpcClient(asio::any_io_executor executor, RpcEndpoint endpoint);
    ~RpcClient();

    // Returns the "result" member; throws RpcError or RpcTransportError.
    awaitable<nlohmann::json> call(std::string method, nlohmann::json params,
                                   std::chrono::milliseconds timeout = std::chrono::seconds(30));
    const RpcEndpoint& endpoint() const { return endpoint_; }

private:
    struct Connection;
    RpcEndpoint endpoint_;
    asio::any_io_executor executor_;
    std::unique_ptr<Connection> connection_;
};

// Blocking call on a private io_context, for command-line tools and tests.
nlohmann::json rpc_call_sync(const RpcEndpoint& endpoint, const std::string& method,
                             nlohmann::json params = nlohmann::json::array(),
                             std::chrono::milliseconds timeout = std::chrono::seconds(30));

}  // namespace viddhana::node
