#include "http/http_client.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "base/asio.h"

namespace viddhana::http {

namespace beast = boost::beast;
namespace bhttp = beast::http;

std::optional<std::string> ClientResponse::header(const std::string& name) const {
    for (const auto& [n, v] : headers) {
        if (n.size() == name.size() &&
            std::equal(n.begin(), n.end(), name.begin(), [](char a, char b) {
                return std::tolower(static_cast<unsigned char>(a)) ==
                       std::tolower(static_cast<unsigned char>(b));
            })) {
            return v;
        }
    }
    return std::nullopt;
}

Expected<BaseUrl> parse_base_url(std::string_view url) {
    constexpr std::string_view kScheme = "http://";
    if (!url.starts_with(kScheme)) {
        return make_error(fmt::format("'{}' must start with http://", url));
    }
    std::string_view rest = url.substr(kScheme.size());
    auto slash = rest.find('/');
    std::string_view authority = rest.substr(0, slash);
    BaseUrl b;
    b.path = slash == std::string_view::npos ? "" : std::string(rest.substr(slash));
    while (!b.path.empty() && b.path.back() == '/')
        b.path.pop_back();
    auto colon = authority.rfind(':');
    if (colon == std::string_view::npos || colon + 1 == authority.size()) {
        return make_error(fmt::format("'{}' needs a port (http://host:port)", url));
    }
    b.host = std::string(authority.substr(0, colon));
    b.port = std::string(authority.substr(colon + 1));
    if (b.host.size() > 2 && b.host.front() == '[' && b.host.back() == ']') {
        b.host = b.host.substr(1, b.host.size() - 2);
    }
    if (b.host.empty()) return make_error(fmt::format("'{}' has no host", url));
    for (char c : b.port) {
        if (c < '0' || c > '9') return make_error(fmt::format("'{}' has a bad port", url));
    }
    return b;
}

Expected<ClientResponse> call_http(const BaseUrl& base, const std::string& method,
                                   const std::string& target, const std::string& body,
                                   const std::vector<std::pair<std::string, std::string>>& headers,
                                   std::chrono::milliseconds timeout, size_t max_body_bytes) {
    asio::io_context io;
    beast::tcp_stream stream(io);
    std::optional<Expected<ClientResponse>> result;
    std::string where = fmt::format("http://{}:{}{}{}", base.host, base.port, base.path, target);
    auto run = [&]() -> awaitable<void> {
        boost::system::error_code ec;
        tcp::resolver resolver(io);
        auto endpoints = co_await resolver.async_resolve(
            base.host, base.port, asio::redirect_error(asio::use_awaitable, ec));
        if (ec) {
            result = make_error(fmt::format("{}: cannot resolve: {}", where, ec.message()));
            co_return;
        }
        stream.expires_after(timeout);
        co_await stream.async_connect(endpoints, asio::redirect_error(asio::use_awaitable, ec));
        if (ec) {
            result = make_error(fmt::format("{}: cannot connect: {}", where, ec.message()));
            co_return;
        }
        bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), base.path + target,
                                               11};
        req.set(bhttp::field::host, base.host + ":" + base.port);
        for (const auto& [k, v] : headers)
            req.set(k, v);
        req.body() = body;
        req.keep_alive(false);
        req.prepare_payload();
        co_await bhttp::async_write(stream, req, asio::redirect_error(asio::use_awaitable, ec));
        if (ec) {
            result = make_error(fmt::format("{}: cannot send: {}", where, ec.message()));
            co_return;
        }
        beast::flat_buffer buffer;
        bhttp::response_parser<bhttp::string_body> parser;
        parser.body_limit(max_body_bytes);
        co_await bhttp::async_read(stream, buffer, parser,
                                   asio::redirect_error(asio::use_awaitable, ec));
        if (ec) {
            result = make_error(fmt::format("{}: no answer: {}", where, ec.message()));
            co_return;
        }
        auto& res = parser.get();
        ClientResponse out;
        out.status = static_cast<int>(res.result_int());
        auto ct = res[bhttp::field::content_type];
        out.content_type = std::string(ct.data(), ct.size());
        out.body = std::move(res.body());
        for (const auto& f : res) {
            out.headers.emplace_back(std::string(f.name_string().data(), f.name_string().size()),
                                     std::string(f.value().data(), f.value().size()));
        }
        result = std::move(out);
    };
    asio::co_spawn(io, run(), asio::detached);
    io.run();
    if (!result) return make_error(where + ": the call did not finish");
    return std::move(*result);
}

}  // namespace viddhana::http
