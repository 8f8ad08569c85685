#include "http/http_server.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <mutex>
#include <unordered_map>

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <boost/beast/websocket/rfc6455.hpp>

#include "http/api_error.h"
#include "http/query.h"

namespace viddhana::http {

namespace beast = boost::beast;
namespace bhttp = beast::http;

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string first_forwarded(const std::string& xff) {
    auto comma = xff.find(',');
    std::string first = xff.substr(0, comma);
    auto b = first.find_first_not_of(' ');
    auto e = first.find_last_not_of(' ');
    return b == std::string::npos ? std::string() : first.substr(b, e - b + 1);
}

}  // namespace

struct HttpServer::State : std::enable_shared_from_this<HttpServer::State> {
    State(asio::any_io_executor ex, HttpServerOptions o, const Router& r)
        : executor(ex),
          acceptor(ex),
          options(std::move(o)),
          pipeline(r, options.pipeline, options.clock ? *options.clock : SystemClock::instance(),
                   options.registry) {}

    struct Upgrade {
        UpgradeHandler handler;
        std::string bucket;
    };

    asio::any_io_executor executor;
    tcp::acceptor acceptor;
    HttpServerOptions options;
    RequestPipeline pipeline;
    std::map<std::string, Upgrade> upgrades;

    std::mutex mutex;
    uint64_t next_id = 0;
    bool stopped = false;
    std::unordered_map<uint64_t, std::weak_ptr<beast::tcp_stream>> open;

    // The header of a request as a pipeline Request (the body too when read).
    template <typename Body>
    Request to_request(const bhttp::request<Body>& msg, const std::string& peer) {
        Request req;
        req.method = std::string(msg.method_string());
        req.target = std::string(msg.target());
        for (const auto& f : msg) {
            req.headers[lower(std::string_view(f.name_string().data(), f.name_string().size()))] =
                std::string(f.value().data(), f.value().size());
        }
        req.client_ip = peer;
        if (options.trust_forwarded_for) {
            if (auto xff = req.header("x-forwarded-for")) {
                auto first = first_forwarded(*xff);
                if (!first.empty()) req.client_ip = first;
            }
        }
        return req;
    }

    bhttp::response<bhttp::string_body> to_message(Response&& res, unsigned version, bool keep) {
        bhttp::response<bhttp::string_body> out;
        out.version(version);
        out.result(static_cast<unsigned>(res.status));
        if (!res.content_type.empty()) out.set(bhttp::field::content_type, res.content_type);
        for (auto& [name, value] : res.headers)
            out.set(name, value);
        out.keep_alive(keep);
        // A HEAD answer states the length of the body it leaves out.
        bool stated_length = res.body.empty() && res.header("Content-Length").has_value();
        out.body() = std::move(res.body);
        if (!stated_length) out.prepare_payload();
        return out;
    }

    awaitable<void> write_and_close(beast::tcp_stream& stream, Response res, unsigned version) {
        auto out = to_message(std::move(res), version, false);
        boost::system::error_code ec;
        co_await bhttp::async_write(stream, out, asio::redirect_error(asio::use_awaitable, ec));
        if (ec) co_return;
        // Closing with unread request bytes makes the kernel send a reset, which can destroy
        // the answer before the client reads it: say we are done, then discard what the
        // client still sends, for a moment and up to a bound.
        stream.socket().shutdown(tcp::socket::shutdown_send, ec);
        stream.expires_after(std::chrono::seconds(2));
        std::array<char, 16384> sink;
        size_t drained = 0;
        while (!ec && drained < (4u << 20)) {
            drained += co_await stream.async_read_some(
                asio::buffer(sink), asio::redirect_error(asio::use_awaitable, ec));
        }
    }

    awaitable<void> serve(std::shared_ptr<beast::tcp_stream> stream, uint64_t id) {
        auto self = shared_from_this();
        std::string peer;
        {
            boost::system::error_code ec;
            auto ep = stream->socket().remote_endpoint(ec);
            if (!ec) peer = ep.address().to_string();
        }
        beast::flat_buffer buffer;
        bool handed_over = false;
        for (;;) {
            stream->expires_after(std::chrono::seconds(options.idle_timeout_seconds));
            bhttp::request_parser<bhttp::string_body> parser;
            parser.header_limit(static_cast<uint32_t>(options.max_header_bytes));
            parser.body_limit(options.max_body_bytes);
            boost::system::error_code ec;
            co_await bhttp::async_read(*stream, buffer, parser,
                                       asio::redirect_error(asio::use_awaitable, ec));
            if (ec == bhttp::error::body_limit) {
                auto req = to_request(parser.get(), peer);
                req.path = req.target.substr(0, req.target.find('?'));
                auto res = pipeline.reject(
                    req, error_response(413, "body_too_large",
                                        fmt::format("request body is larger than {} bytes",
                                                    options.max_body_bytes)));
                co_await write_and_close(*stream, std::move(res), parser.get().version());
                break;
            }
            if (ec == bhttp::error::header_limit) {
                Request req;
                req.client_ip = peer;
                auto res = pipeline.reject(
                    req, error_response(431, "headers_too_large",
                                        fmt::format("request headers are larger than {} bytes",
                                                    options.max_header_bytes)));
                co_await write_and_close(*stream, std::move(res), 11);
                break;
            }
            if (ec) {
                // A parse error deserves an answer; a closed or idle connection does not.
                if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
                    ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
                    Request req;
                    req.client_ip = peer;
                    auto res = pipeline.reject(
                        req, error_response(400, "bad_request",
                                            "malformed HTTP request: " + ec.message()));
                    co_await write_and_close(*stream, std::move(res), 11);
                }
                break;
            }
            auto& msg = parser.get();
            Request req = to_request(msg, peer);
            unsigned version = msg.version();
            auto target = parse_target(req.target);
            if (!target) {
                req.path = req.target;
                auto res = pipeline.reject(
                    req, error_response(400, "bad_request",
                                        "malformed request target: " + target.error().message));
                co_await write_and_close(*stream, std::move(res), version);
                break;
            }
            req.path = std::move(target->path);
            req.query = std::move(target->query);

            if (beast::websocket::is_upgrade(msg)) {
                auto up = upgrades.find(req.path);
                if (up != upgrades.end()) {
                    if (auto refused = pipeline.admit(req, up->second.bucket)) {
                        co_await write_and_close(*stream, pipeline.reject(req, std::move(*refused)),
                                                 version);
                        break;
                    }
                    stream->expires_never();
                    handed_over = true;
                    up->second.handler(std::move(*stream), parser.release(), req);
                    break;
                }
            }

            req.body = std::move(msg.body());
            bool keep = msg.keep_alive();
            Response res = pipeline.handle(req);
            auto out = to_message(std::move(res), version, keep);
            co_await bhttp::async_write(*stream, out,
                                        asio::redirect_error(asio::use_awaitable, ec));
            if (ec || !keep) break;
        }
        if (!handed_over) {
            boost::system::error_code ec;
            stream->socket().shutdown(tcp::socket::shutdown_send, ec);
            stream->socket().close(ec);
        }
        std::lock_guard lock(mutex);
        open.erase(id);
    }

    awaitable<void> accept_loop() {
        auto self = shared_from_this();
        for (;;) {
            boost::system::error_code ec;
            tcp::socket socket = co_await acceptor.async_accept(
                asio::make_strand(executor), asio::redirect_error(asio::use_awaitable, ec));
            if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
            if (ec) continue;
            boost::system::error_code nd;
            socket.set_option(tcp::no_delay(true), nd);
            auto stream = std::make_shared<beast::tcp_stream>(std::move(socket));
            uint64_t id;
            {
                std::lock_guard lock(mutex);
                if (stopped) co_return;
                id = next_id++;
                open.emplace(id, stream);
            }
            auto ex = stream->get_executor();
            asio::co_spawn(ex, serve(std::move(stream), id), asio::detached);
        }
    }
};

HttpServer::HttpServer(asio::any_io_executor executor, HttpServerOptions options,
                       const Router& router)
    : state_(std::make_shared<State>(executor, std::move(options), router)) {}

HttpServer::~HttpServer() {
    stop();
}

void HttpServer::on_upgrade(const std::string& path, UpgradeHandler handler, std::string bucket) {
    state_->upgrades[path] = State::Upgrade{std::move(handler), std::move(bucket)};
}

void HttpServer::start() {
    const auto& o = state_->options;
    try {
        tcp::endpoint ep(asio::ip::make_address(o.host), o.port);
        state_->acceptor.open(ep.protocol());
        state_->acceptor.set_option(asio::socket_base::reuse_address(true));
        state_->acceptor.bind(ep);
        state_->acceptor.listen(asio::socket_base::max_listen_connections);
    } catch (const boost::system::system_error& e) {
        throw std::runtime_error(fmt::format("{} server cannot listen on {}:{}: {}",
                                             o.pipeline.name, o.host, o.port, e.code().message()));
    }
    asio::co_spawn(state_->executor, state_->accept_loop(), asio::detached);
}

uint16_t HttpServer::port() const {
    boost::system::error_code ec;
    auto ep = state_->acceptor.local_endpoint(ec);
    return ec ? 0 : ep.port();
}

void HttpServer::stop() {
    if (!state_) return;
    std::vector<std::shared_ptr<beast::tcp_stream>> streams;
    {
        std::lock_guard lock(state_->mutex);
        if (state_->stopped) return;
        state_->stopped = true;
        for (auto& [_, weak] : state_->open) {
            if (auto s = weak.lock()) streams.push_back(std::move(s));
        }
    }
    asio::post(state_->executor, [s = state_] {
        boost::system::error_code ec;
        s->acceptor.close(ec);
    });
    for (auto& stream : streams) {
        asio::post(stream->get_executor(), [stream] {
            boost::system::error_code ec;
            stream->socket().close(ec);
        });
    }
}

RequestPipeline& HttpServer::pipeline() {
    return state_->pipeline;
}

}  // namespace viddhana::http
