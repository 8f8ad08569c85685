#include "metrics/metrics_endpoint.h"

#include <spdlog/spdlog.h>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace viddhana::metrics {

namespace beast = boost::beast;
namespace http = beast::http;

struct MetricsEndpoint::State : std::enable_shared_from_this<MetricsEndpoint::State> {
    State(asio::any_io_executor ex, const Registry& r, HealthFn h)
        : executor(ex), acceptor(ex), registry(r), health(std::move(h)) {}

    asio::any_io_executor executor;
    tcp::acceptor acceptor;
    const Registry& registry;
    HealthFn health;

    http::response<http::string_body> respond(const http::request<http::string_body>& req) {
        http::response<http::string_body> res;
        res.version(req.version());
        res.keep_alive(req.keep_alive());
        std::string_view target(req.target().data(), req.target().size());
        target = target.substr(0, target.find('?'));
        if (req.method() != http::verb::get && req.method() != http::verb::head) {
            res.result(http::status::method_not_allowed);
            res.set(http::field::content_type, "application/json");
            res.body() = R"({"error":"only GET is supported"})";
        } else if (target == "/metrics") {
            res.result(http::status::ok);
            res.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
            res.body() = registry.render();
        } else if (target == "/health") {
            HealthReport report = health ? health() : HealthReport{true, R"({"status":"ok"})"};
            res.result(report.healthy ? http::status::ok : http::status::service_unavailable);
            res.set(http::field::content_type, "application/json");
            res.body() = std::move(report.json);
        } else {
            res.result(http::status::not_found);
            res.set(http::field::content_type, "application/json");
            res.body() = R"({"error":"not found: try /metrics or /health"})";
        }
        res.prepare_payload();
        return res;
    }

    awaitable<void> serve(tcp::socket socket) {
        beast::tcp_stream stream(std::move(socket));
        beast::flat_buffer buffer;
        try {
            for (;;) {
                stream.expires_after(std::chrono::seconds(30));
                http::request_parser<http::string_body> parser;
                parser.body_limit(4096);
                co_await http::async_read(stream, buffer, parser, asio::use_awaitable);
                auto res = respond(parser.get());
                bool keep = res.keep_alive();
                co_await http::async_write(stream, res, asio::use_awaitable);
                if (!keep) break;
            }
        } catch (const std::exception&) {
            // Client went away, timed out or sent garbage: nothing to report.
        }
        beast::error_code ec;
        stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    }

    awaitable<void> accept_loop() {
        auto self = shared_from_this();
        for (;;) {
            boost::system::error_code ec;
            tcp::socket socket =
                co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
            if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
            if (ec) continue;
            asio::co_spawn(executor, serve(std::move(socket)), asio::detached);
        }
    }
};

MetricsEndpoint::MetricsEndpoint(asio::any_io_executor executor, const Registry& registry,
                                 HealthFn health)
    : state_(std::make_shared<State>(executor, registry, std::move(health))) {}

MetricsEndpoint::~MetricsEndpoint() {
    stop();
}

void MetricsEndpoint::start(const std::string& host, uint16_t port) {
    tcp::endpoint ep(asio::ip::make_address(host), port);
    try {
        state_->acceptor.open(ep.protocol());
        state_->acceptor.set_option(asio::socket_base::reuse_address(true));
        state_->acceptor.bind(ep);
        state_->acceptor.listen();
    } catch (const boost::system::system_error& e) {
        throw std::runtime_error(fmt::format("metrics endpoint cannot listen on {}:{}: {}", host,
                                             port, e.code().message()));
    }
    asio::co_spawn(state_->executor, state_->accept_loop(), asio::detached);
}

uint16_t MetricsEndpoint::port() const {
    return state_->acceptor.local_endpoint().port();
}

void MetricsEndpoint::stop() {
    if (!state_) return;
    asio::post(state_->executor, [s = state_] {
        boost::system::error_code ec;
        s->acceptor.close(ec);
    });
}

}  // namespace viddhana::metrics
