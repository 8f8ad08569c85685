// TipListener against a real ZMQ publisher on loopback speaking litecoind's hashblock format
// (topic, 32-byte hash most significant byte first, 4-byte little-endian sequence): hashes arrive
// in internal byte order, other topics and malformed messages are skipped, and the connection
// state follows the publisher going away and coming back on the same port.
#include <gtest/gtest.h>
#include <zmq.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <mutex>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "../../support/wait.h"
#include "node/tip_listener.h"

namespace viddhana::node {
namespace {

using namespace std::chrono_literals;

class Publisher {
  public:
    Publisher(void* context, const std::string& url) : socket_(zmq_socket(context, ZMQ_PUB)) {
        const int zero = 0;
        zmq_setsockopt(socket_, ZMQ_LINGER, &zero, sizeof zero);
        if (zmq_bind(socket_, url.c_str()) != 0)
            throw std::runtime_error(zmq_strerror(zmq_errno()));
    }
    ~Publisher() { zmq_close(socket_); }
    std::string endpoint() const {
        char buf[256];
        size_t size = sizeof buf;
        zmq_getsockopt(socket_, ZMQ_LAST_ENDPOINT, buf, &size);
        return buf;
    }
    void send(const std::string& topic, const std::vector<uint8_t>& body, uint32_t seq) {
        zmq_send(socket_, topic.data(), topic.size(), ZMQ_SNDMORE);
        zmq_send(socket_, body.data(), body.size(), ZMQ_SNDMORE);
        zmq_send(socket_, &seq, 4, 0);
    }

  private:
    void* socket_;
};

struct Heard {
    std::mutex mutex;
    std::vector<chain::Uint256> hashes;
    std::vector<bool> connections;
    size_t hash_count() {
        std::lock_guard lock(mutex);
        return hashes.size();
    }
    bool last_connection(bool want) {
        std::lock_guard lock(mutex);
        return !connections.empty() && connections.back() == want;
    }
};

class TipListenerTest : public ::testing::Test {
  protected:
    void SetUp() override {
        context = zmq_ctx_new();
        io_thread = std::thread([this] {
            auto work = asio::make_work_guard(io);
            io.run();
        });
    }
    void TearDown() override {
        io.stop();
        io_thread.join();
        zmq_ctx_term(context);
    }
    std::unique_ptr<TipListener> listen(const std::string& url) {
        return std::make_unique<TipListener>(
            io.get_executor(), url,
            [this](const chain::Uint256& h) {
                std::lock_guard lock(heard.mutex);
                heard.hashes.push_back(h);
            },
            [this](bool up) {
                std::lock_guard lock(heard.mutex);
                heard.connections.push_back(up);
            });
    }

    void* context = nullptr;
    asio::io_context io;
    std::thread io_thread;
    Heard heard;
};

std::vector<uint8_t> display_bytes(uint8_t first) {
    std::vector<uint8_t> b(32);
    for (size_t i = 0; i < 32; ++i)
        b[i] = static_cast<uint8_t>(first + i);
    return b;
}

TEST_F(TipListenerTest, ReportsHashesInInternalOrderAndSkipsOtherMessages) {
    Publisher pub(context, "tcp://127.0.0.1:*");
    auto listener = listen(pub.endpoint());
    test::wait_until([&] { return heard.last_connection(true); }, 10s, "the listener to connect");
    // A subscription reaches the publisher a moment after the connection: publish until heard.
    test::wait_until(
        [&] {
            pub.send("hashblock", display_bytes(1), 0);
            return heard.hash_count() > 0;
        },
        10s, "the first notice", 20ms);
    pub.send("hashtx", display_bytes(9), 1);             // another topic: not subscribed
    pub.send("hashblock", std::vector<uint8_t>(31), 2);  // malformed: skipped
    pub.send("hashblock", display_bytes(100), 3);
    // Repeats of the first notice may still be on their way: wait for the last one.
    auto display = display_bytes(100);
    std::reverse(display.begin(), display.end());
    auto is_last = [&](const chain::Uint256& h) {
        return std::equal(display.begin(), display.end(), h.data());
    };
    test::wait_until(
        [&] {
            std::lock_guard lock(heard.mutex);
            return !heard.hashes.empty() && is_last(heard.hashes.back());
        },
        10s, "the last notice");
    std::lock_guard lock(heard.mutex);
    EXPECT_EQ(heard.hashes.back().display_hex().substr(0, 4), "6465");
    // Only the first notice's repeats and the last one: nothing from the skipped messages.
    for (const auto& h : heard.hashes)
        EXPECT_TRUE(is_last(h) || h.data()[31] == 1);
    EXPECT_EQ(listener->notifications(), heard.hashes.size());
}

TEST_F(TipListenerTest, FollowsThePublisherGoingAwayAndComingBack) {
    auto pub = std::make_unique<Publisher>(context, "tcp://127.0.0.1:*");
    const std::string url = pub->endpoint();
    auto listener = listen(url);
    test::wait_until([&] { return listener->connected(); }, 10s, "the listener to connect");
    pub.reset();  // the node stopped
    test::wait_until([&] { return !listener->connected(); }, 10s, "the listener to see it go");
    EXPECT_TRUE(heard.last_connection(false));
    pub = std::make_unique<Publisher>(context, url);  // back on the same port
    test::wait_until([&] { return listener->connected(); }, 10s, "the listener to reconnect");
    EXPECT_TRUE(heard.last_connection(true));
    test::wait_until(
        [&] {
            pub->send("hashblock", display_bytes(7), 0);
            return heard.hash_count() > 0;
        },
        10s, "a notice after the reconnection", 20ms);
}

TEST(TipListener, RefusesAUrlThatIsNotTcp) {
    asio::io_context io;
    EXPECT_THROW(TipListener(io.get_executor(), "ipc:///tmp/x", nullptr, nullptr),
                 std::invalid_argument);
    EXPECT_THROW(TipListener(io.get_executor(), "tcp://", nullptr, nullptr), std::invalid_argument);
}

}  // namespace
}  // namespace viddhana::node
