// JSON-RPC over HTTP/1.1 with Beast: keep-alive connection pool, per-call deadline, basic or
// cookie authentication, and the mapping of the node's HTTP answers to RpcError or
// RpcTransportError.
#include "node/rpc_client.h"

#include <boost/asio/redirect_error.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fstream>
#include <optional>
#include <set>
#include <vector>

#include <fmt/format.h>

namespace viddhana::node {

namespace beast = boost::beast;
namespace http = beast::http;
using nlohmann::json;

namespace {

// Blocks are a few MB at most, but a verbose getblock on a full mainnet block can be larger.
constexpr uint64_t kMaxResponseBytes = 256ull << 20;
constexpr size_t kMaxIdleConnections = 4;

std::string base64(std::string_view in) {
    static constexpr char kAlphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((in.size() + 2) / 3 * 4);
    size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        uint32_t v = uint8_t(in[i]) << 16 | uint8_t(in[i + 1]) << 8 | uint8_t(in[i + 2]);
        out += kAlphabet[v >> 18];
        out += kAlphabet[(v >> 12) & 63];
        out += kAlphabet[(v >> 6) & 63];
        out += kAlphabet[v & 63];
    }
    if (i + 1 == in.size()) {
        uint32_t v = uint8_t(in[i]) << 16;
        out += kAlphabet[v >> 18];
        out += kAlphabet[(v >> 12) & 63];
        out += "==";
    } else if (i + 2 == in.size()) {
        uint32_t v = uint8_t(in[i]) << 16 | uint8_t(in[i + 1]) << 8;
        out += kAlphabet[v >> 18];
        out += kAlphabet[(v >> 12) & 63];
        out += kAlphabet[(v >> 6) & 63];
        out += '=';
    }
    return out;
}

std::string snippet(std::string_view body) {
    constexpr size_t kMax = 200;
    std::string s(body.substr(0, kMax));
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' '))
        s.pop_back();
    if (body.size() > kMax) s += "...";
    return s;
}

}  // namespace

Expected<RpcUrl> parse_rpc_url(std::string_view url) {
    constexpr std::string_view kScheme = "http://";
    auto fail = [&](std::string_view why) {
        return make_error(fmt::format("RPC URL '{}': {}", url, why));
    };
    if (url.substr(0, kScheme.size()) != kScheme) {
        if (url.substr(0, 8) == "https://") return fail("https is not supported by coin nodes");
        return fail("must start with http://");
    }
    std::string_view rest = url.substr(kScheme.size());
    size_t slash = rest.find('/');
    std::string_view authority = rest.substr(0, slash);
    RpcUrl out;
    out.target = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
    if (authority.find('@') != std::string_view::npos) {
        return fail("credentials belong in user/password or cookie_file, not in the URL");
    }
    std::string_view port;
    if (!authority.empty() && authority.front() == '[') {
        size_t close = authority.find(']');
        if (close == std::string_view::npos) return fail("unterminated IPv6 address");
        out.host = std::string(authority.substr(1, close - 1));
        std::string_view after = authority.substr(close + 1);
        if (after.empty() || after.front() != ':') return fail("missing :port");
        port = after.substr(1);
    } else {
        size_t colon = authority.rfind(':');
        if (colon == std::string_view::npos) return fail("missing :port");
        out.host = std::string(authority.substr(0, colon));
        port = authority.substr(colon + 1);
    }
    if (out.host.empty()) return fail("missing host");
    if (port.empty() || port.size() > 5) return fail("port must be a number from 1 to 65535");
    unsigned value = 0;
    for (char c : port) {
        if (c < '0' || c > '9') return fail("port must be a number from 1 to 65535");
        value = value * 10 + unsigned(c - '0');
    }
    if (value == 0 || value > 65535) return fail("port must be a number from 1 to 65535");
    out.port = std::string(port);
    return out;
}

struct RpcClient::Connection {
    explicit Connection(const asio::any_io_executor& ex) : stream(ex) {}
    beast::tcp_stream stream;
    beast::flat_buffer buffer;
    bool connected = false;
};

struct RpcClient::State {
    RpcUrl url;
    uint64_t next_id = 0;
    uint64_t generation = 0;  // bumped by cancel(): calls started before it give up
    std::optional<std::string> cookie;
    std::vector<std::unique_ptr<Connection>> idle;
    std::set<Connection*> busy;
};

RpcClient::RpcClient(asio::any_io_executor executor, RpcEndpoint endpoint)
    : endpoint_(std::move(endpoint)),
      executor_(std::move(executor)),
      state_(std::make_unique<State>()) {
    auto url = parse_rpc_url(endpoint_.url);
    if (!url) throw std::invalid_argument(url.error().message);
    state_->url = std::move(url.value());
}

RpcClient::~RpcClient() = default;

void RpcClient::cancel() {
    ++state_->generation;
    for (Connection* c : state_->busy) {
        beast::error_code ignored;
        c->stream.socket().cancel(ignored);
    }
    state_->idle.clear();
}

namespace {

struct Exchange {
    beast::error_code ec;
    const char* stage = "connect";
};

}  // namespace

awaitable<json> RpcClient::call(std::string method, json params,
                                std::chrono::milliseconds timeout) {
    State& st = *state_;
    const uint64_t generation = st.generation;
    json request_body = {{"jsonrpc", "1.0"},
                         {"id", ++st.next_id},
                         {"method", method},
                         {"params", std::move(params)}};
    http::request<http::string_body> req{http::verb::post, st.url.target, 11};
    req.set(http::field::host, st.url.host + ":" + st.url.port);
    req.set(http::field::content_type, "application/json");
    req.set(http::field::user_agent, "viddhana-pool");
    req.keep_alive(true);
    req.body() = request_body.dump();
    req.prepare_payload();

    const std::string where = fmt::format("RPC {} to {}", method, endpoint_.url);
    bool reread_cookie = false;
    bool retried_stale = false;
    for (;;) {
        // Authorization: fixed credentials, or the cookie file's "__cookie__:<hex>" line.
        if (!endpoint_.user.empty()) {
            req.set(http::field::authorization,
                    "Basic " + base64(endpoint_.user + ":" + endpoint_.password));
        } else if (!endpoint_.cookie_file.empty()) {
            if (!st.cookie) {
                std::ifstream in(endpoint_.cookie_file);
                std::string line;
                if (!in || !std::getline(in, line) || line.empty()) {
                    throw RpcTransportError(
                        fmt::format("{}: cannot read cookie file {} (is the node running?)", where,
                                    endpoint_.cookie_file));
                }
                while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) {
                    line.pop_back();
                }
                st.cookie = line;
            }
            req.set(http::field::authorization, "Basic " + base64(*st.cookie));
        }

        std::unique_ptr<Connection> conn;
        if (!st.idle.empty()) {
            conn = std::move(st.idle.back());
            st.idle.pop_back();
        } else {
            conn = std::make_unique<Connection>(executor_);
        }
        const bool reused = conn->connected;
        st.busy.insert(conn.get());
        Exchange ex;
        http::response_parser<http::string_body> parser;
        parser.body_limit(kMaxResponseBytes);
        {
            auto token = asio::redirect_error(asio::use_awaitable, ex.ec);
            conn->stream.expires_after(timeout);
            if (!conn->connected) {
                ex.stage = "resolve";
                tcp::resolver resolver(executor_);
                auto results = co_await resolver.async_resolve(st.url.host, st.url.port, token);
                if (!ex.ec) {
                    ex.stage = "connect";
                    co_await conn->stream.async_connect(results, token);
                    if (!ex.ec) conn->connected = true;
                }
            }
            if (!ex.ec) {
                ex.stage = "send";
                co_await http::async_write(conn->stream, req, token);
            }
            if (!ex.ec) {
                ex.stage = "receive";
                co_await http::async_read(conn->stream, conn->buffer, parser, token);
            }
        }
        st.busy.erase(conn.get());
        if (generation != st.generation) {
            throw RpcTransportError(where + ": cancelled");
        }
        if (ex.ec) {
            // A kept-alive connection the node has closed in the meantime fails on first use:
            // try once more on a fresh one. Timeouts are not retried: they already used the
            // call's time.
            if (reused && !retried_stale && ex.ec != beast::error::timeout) {
                retried_stale = true;
                // The other idle connections are as old as this one: drop them all.
                st.idle.clear();
                continue;
            }
            if (ex.ec == beast::error::timeout) {
                throw RpcTransportError(
                    fmt::format("{}: timed out after {} ms ({})", where, timeout.count(), ex.stage),
                    /*timed_out=*/true);
            }
            throw RpcTransportError(
                fmt::format("{}: {} failed: {}", where, ex.stage, ex.ec.message()));
        }
        conn->stream.expires_never();
        http::response<http::string_body> res = parser.release();
        if (res.keep_alive() && st.idle.size() < kMaxIdleConnections) {
            conn->buffer.clear();
            st.idle.push_back(std::move(conn));
        }

        const unsigned status = res.result_int();
        if (status == 401) {
            if (endpoint_.user.empty() && !endpoint_.cookie_file.empty() && !reread_cookie) {
                // The node writes a new cookie at every start: read it again once.
                reread_cookie = true;
                st.cookie.reset();
                continue;
            }
            throw RpcTransportError(fmt::format(
                "{}: HTTP 401 Unauthorized: the node rejected the credentials ({})", where,
                endpoint_.user.empty()
                    ? (endpoint_.cookie_file.empty() ? std::string("no credentials configured")
                                                     : "cookie file " + endpoint_.cookie_file)
                    : "user '" + endpoint_.user + "'"));
        }
        // bitcoind answers RPC errors with HTTP 500 (404 for an unknown method) and a JSON body.
        json body = json::parse(res.body(), nullptr, /*allow_exceptions=*/false);
        if (body.is_discarded() || !body.is_object()) {
            throw RpcTransportError(fmt::format("{}: HTTP {} with a body that is not JSON-RPC: {}",
                                                where, status, snippet(res.body())));
        }
        auto error = body.find("error");
        if (error != body.end() && !error->is_null()) {
            int code = 0;
            std::string message;
            if (error->is_object()) {
                auto c = error->find("code");
                if (c != error->end() && c->is_number_integer()) code = c->get<int>();
                auto m = error->find("message");
                message =
                    m != error->end() && m->is_string() ? m->get<std::string>() : error->dump();
            } else {
                message = error->dump();
            }
            throw RpcError(code, message);
        }
        auto result = body.find("result");
        if (status != 200 || result == body.end()) {
            throw RpcTransportError(fmt::format("{}: HTTP {} without a result: {}", where, status,
                                                snippet(res.body())));
        }
        co_return std::move(*result);
    }
}

json rpc_call_sync(const RpcEndpoint& endpoint, const std::string& method, json params,
                   std::chrono::milliseconds timeout) {
    asio::io_context ioc;
    RpcClient client(ioc.get_executor(), endpoint);
    std::exception_ptr error;
    json result;
    asio::co_spawn(ioc, client.call(method, std::move(params), timeout),
                   [&](std::exception_ptr e, json r) {
                       error = e;
                       result = std::move(r);
                   });
    ioc.run();
    if (error) std::rethrow_exception(error);
    return result;
}

}  // namespace viddhana::node
