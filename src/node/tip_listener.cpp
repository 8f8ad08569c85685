// TipListener: one thread polls the SUB socket and its monitor socket. The poll wakes at least
// every 100 ms so that the destructor can stop it; notifications themselves are read the moment
// they arrive. A malformed message (a publisher that is not a coin node) is logged and skipped.
#include "node/tip_listener.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <zmq.h>

namespace viddhana::node {

namespace {

constexpr char kTopic[] = "hashblock";

// Reads one message of up to `max` frames; returns the frames read (0 on error).
size_t read_message(void* socket, std::array<zmq_msg_t, 3>& frames) {
    size_t count = 0;
    for (;;) {
        zmq_msg_t scratch;
        zmq_msg_t& frame = count < frames.size() ? frames[count] : scratch;
        zmq_msg_init(&frame);
        if (zmq_msg_recv(&frame, socket, ZMQ_DONTWAIT) < 0) {
            zmq_msg_close(&frame);
            for (size_t i = 0; i < std::min(count, frames.size()); ++i)
                zmq_msg_close(&frames[i]);
            return 0;
        }
        ++count;
        const bool more = zmq_msg_more(&frame);
        if (&frame == &scratch) zmq_msg_close(&scratch);
        if (!more) return count;
    }
}

void close_frames(std::array<zmq_msg_t, 3>& frames, size_t count) {
    for (size_t i = 0; i < std::min(count, frames.size()); ++i)
        zmq_msg_close(&frames[i]);
}

}  // namespace

TipListener::TipListener(asio::any_io_executor executor, std::string url, TipCallback on_tip,
                         ConnectionCallback on_connection)
    : executor_(std::move(executor)),
      url_(std::move(url)),
      on_tip_(std::move(on_tip)),
      on_connection_(std::move(on_connection)) {
    if (!url_.starts_with("tcp://")) {
        throw std::invalid_argument(fmt::format("ZMQ URL '{}' must start with tcp://", url_));
    }
    context_ = zmq_ctx_new();
    socket_ = zmq_socket(context_, ZMQ_SUB);
    const int zero = 0;
    zmq_setsockopt(socket_, ZMQ_LINGER, &zero, sizeof zero);
    zmq_setsockopt(socket_, ZMQ_SUBSCRIBE, kTopic, std::strlen(kTopic));
    // Reconnect quickly after a node restart: the default 100 ms is kept, capped at 1 s.
    const int reconnect_max = 1000;
    zmq_setsockopt(socket_, ZMQ_RECONNECT_IVL_MAX, &reconnect_max, sizeof reconnect_max);
    const std::string monitor_url = fmt::format("inproc://tip-listener-{}", fmt::ptr(this));
    zmq_socket_monitor(socket_, monitor_url.c_str(), ZMQ_EVENT_CONNECTED | ZMQ_EVENT_DISCONNECTED);
    monitor_ = zmq_socket(context_, ZMQ_PAIR);
    zmq_setsockopt(monitor_, ZMQ_LINGER, &zero, sizeof zero);
    zmq_connect(monitor_, monitor_url.c_str());
    if (zmq_connect(socket_, url_.c_str()) != 0) {
        const std::string reason = zmq_strerror(zmq_errno());
        zmq_close(monitor_);
        zmq_close(socket_);
        zmq_ctx_term(context_);
        throw std::invalid_argument(fmt::format("ZMQ URL '{}': {}", url_, reason));
    }
    thread_ = std::thread([this] { run(); });
}

TipListener::~TipListener() {
    stopped_.store(true);
    if (thread_.joinable()) thread_.join();
    zmq_socket_monitor(socket_, nullptr, 0);
    zmq_close(monitor_);
    zmq_close(socket_);
    zmq_ctx_term(context_);
}

void TipListener::run() {
    while (!stopped_.load()) {
        zmq_pollitem_t items[] = {{socket_, 0, ZMQ_POLLIN, 0}, {monitor_, 0, ZMQ_POLLIN, 0}};
        if (zmq_poll(items, 2, 100) < 0) continue;
        if (items[1].revents & ZMQ_POLLIN) {
            std::array<zmq_msg_t, 3> frames;
            size_t n = read_message(monitor_, frames);
            if (n >= 1 && zmq_msg_size(&frames[0]) >= 2) {
                uint16_t event = 0;
                std::memcpy(&event, zmq_msg_data(&frames[0]), 2);
                const bool up = event == ZMQ_EVENT_CONNECTED;
                if (up != connected_.exchange(up)) {
                    spdlog::info("node ZMQ {}: {}", url_, up ? "connected" : "disconnected");
                    asio::post(executor_, [cb = on_connection_, up] { cb(up); });
                }
            }
            close_frames(frames, n);
        }
        if (items[0].revents & ZMQ_POLLIN) {
            std::array<zmq_msg_t, 3> frames;
            size_t n = read_message(socket_, frames);
            // topic, 32-byte hash (most significant byte first), 4-byte sequence number
            if (n == 3 && zmq_msg_size(&frames[0]) == std::strlen(kTopic) &&
                std::memcmp(zmq_msg_data(&frames[0]), kTopic, std::strlen(kTopic)) == 0 &&
                zmq_msg_size(&frames[1]) == 32) {
                std::array<uint8_t, 32> raw;
                std::memcpy(raw.data(), zmq_msg_data(&frames[1]), 32);
                std::reverse(raw.begin(), raw.end());
                chain::Uint256 hash{std::span<const uint8_t, 32>(raw)};
                ++notifications_;
                asio::post(executor_, [cb = on_tip_, hash] { cb(hash); });
            } else if (n > 0) {
                spdlog::warn("node ZMQ {}: ignored a message that is not a hashblock notice", url_);
            }
            close_frames(frames, n);
        }
    }
}

}  // namespace viddhana::node
