// The server over loopback: keep-alive, the body limit, malformed requests, WebSocket hand-over.
#include "http/http_server.h"

#include <thread>

#include <gtest/gtest.h>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

namespace viddhana::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = beast::http;

class HttpServerTest : public ::testing::Test {
  protected:
    void SetUp() override {
        router_.get("/hello/{name}", [](const Request& r) {
            return json_response({{"hello", r.path_param("name")}, {"q", r.query}});
        });
        router_.post("/echo", [](const Request& r) { return text_response(r.body, "text/plain"); });
        HttpServerOptions o;
        o.host = "127.0.0.1";
        o.port = 0;
        o.max_body_bytes = 1024;
        o.registry = &registry_;
        o.pipeline.name = "unit";
        o.pipeline.access_log = false;
        server_ = std::make_unique<HttpServer>(io_.get_executor(), o, router_);
        server_->start();
        thread_ = std::thread([this] { io_.run(); });
    }
    void TearDown() override {
        server_->stop();
        io_.stop();
        thread_.join();
    }

    tcp::socket connect() {
        tcp::socket s(client_io_);
        s.connect({asio::ip::make_address("127.0.0.1"), server_->port()});
        return s;
    }

    static bhttp::response<bhttp::string_body> exchange(tcp::socket& s,
                                                        bhttp::request<bhttp::string_body> req) {
        req.set(bhttp::field::host, "localhost");
        req.prepare_payload();
        bhttp::write(s, req);
        beast::flat_buffer buf;
        bhttp::response<bhttp::string_body> res;
        bhttp::read(s, buf, res);
        return res;
    }

    asio::io_context io_;
    asio::io_context client_io_;
    Router router_;
    metrics::Registry registry_;
    std::unique_ptr<HttpServer> server_;
    std::thread thread_;
};

TEST_F(HttpServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
    auto s = connect();
    for (int i = 0; i < 3; ++i) {
        bhttp::request<bhttp::string_body> req{bhttp::verb::get,
                                               "/hello/w%20" + std::to_string(i) + "?a=b", 11};
        auto res = exchange(s, req);
        ASSERT_EQ(res.result_int(), 200);
        auto j = nlohmann::json::parse(res.body());
        EXPECT_EQ(j["hello"], "w " + std::to_string(i));
        EXPECT_EQ(j["q"]["a"], "b");
        EXPECT_TRUE(res.keep_alive());
        EXPECT_EQ(res[bhttp::field::content_type], "application/json");
    }
    EXPECT_NE(
        registry_.render().find(
            R"(http_requests_total{server="unit",route="/hello/{name}",method="GET",status="200"} 3)"),
        std::string::npos);
}

// HEAD states the GET's length and sends no body: the next answer on the connection follows
// the headers at once.
TEST_F(HttpServerTest, HeadStatesTheLengthAndSendsNoBody) {
    auto s = connect();
    bhttp::request<bhttp::string_body> get{bhttp::verb::get, "/hello/x", 11};
    auto full = exchange(s, get);
    ASSERT_EQ(full.result_int(), 200);
    bhttp::request<bhttp::string_body> head{bhttp::verb::head, "/hello/x", 11};
    head.set(bhttp::field::host, "localhost");
    bhttp::write(s, head);
    beast::flat_buffer buf;
    bhttp::response_parser<bhttp::empty_body> parser;
    parser.skip(true);  // a response to HEAD has no body, whatever its Content-Length says
    bhttp::read(s, buf, parser);
    EXPECT_EQ(parser.get().result_int(), 200);
    EXPECT_EQ(parser.get()[bhttp::field::content_length], std::to_string(full.body().size()));
    EXPECT_EQ(buf.size(), 0u) << "body bytes followed the HEAD answer";
    auto again = exchange(s, get);
    EXPECT_EQ(again.body(), full.body());
}

TEST_F(HttpServerTest, BodyLargerThanTheLimitIs413) {
    auto s = connect();
    bhttp::request<bhttp::string_body> small{bhttp::verb::post, "/echo", 11};
    small.body() = std::string(1024, 'x');
    EXPECT_EQ(exchange(s, small).body().size(), 1024u);
    bhttp::request<bhttp::string_body> big{bhttp::verb::post, "/echo", 11};
    big.body() = std::string(1025, 'x');
    auto res = exchange(s, big);
    EXPECT_EQ(res.result_int(), 413);
    EXPECT_EQ(nlohmann::json::parse(res.body())["error"]["code"], "body_too_large");
    EXPECT_FALSE(res.keep_alive());
}

TEST_F(HttpServerTest, MalformedRequestIs400) {
    auto s = connect();
    std::string garbage = "GET /x HTTP/1.1\r\nHost localhost\r\n\r\n";
    asio::write(s, asio::buffer(garbage));
    beast::flat_buffer buf;
    bhttp::response<bhttp::string_body> res;
    bhttp::read(s, buf, res);
    EXPECT_EQ(res.result_int(), 400);
    EXPECT_EQ(nlohmann::json::parse(res.body())["error"]["code"], "bad_request");
}

TEST_F(HttpServerTest, BadPercentEscapeIs400) {
    auto s = connect();
    bhttp::request<bhttp::string_body> req{bhttp::verb::get, "/hello/%zz", 11};
    auto res = exchange(s, req);
    EXPECT_EQ(res.result_int(), 400);
    EXPECT_EQ(nlohmann::json::parse(res.body())["error"]["code"], "bad_request");
}

}  // namespace
}  // namespace viddhana::http
