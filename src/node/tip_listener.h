// TipListener subscribes to a node's ZMQ `hashblock` publisher (-zmqpubhashblock=tcp://...) and
// reports each new tip's hash the moment the node announces it, and whether the publisher is
// connected. ZMQ reconnects by itself: a node restarted without ZMQ leaves the listener
// disconnected (the template source then relies on long polling), and the same node restarted with
// ZMQ is heard again without a pool restart.
#pragma once
#include <atomic>
#include <functional>
#include <string>
#include <thread>

#include "base/asio.h"
#include "chain/uint256.h"

namespace viddhana::node {

class TipListener {
  public:
    // Both callbacks are posted to `executor`: on_tip with the block hash (internal byte order),
    // on_connection when the publisher connects (true) or goes away (false).
    using TipCallback = std::function<void(const chain::Uint256& hash)>;
    using ConnectionCallback = std::function<void(bool connected)>;

    // Throws std::invalid_argument when `url` is not a tcp:// ZMQ endpoint libzmq accepts.
    TipListener(asio::any_io_executor executor, std::string url, TipCallback on_tip,
                ConnectionCallback on_connection);
    ~TipListener();  // stops and joins the thread; no callback is posted after it returns
    TipListener(const TipListener&) = delete;
    TipListener& operator=(const TipListener&) = delete;

    const std::string& url() const { return url_; }
    bool connected() const { return connected_.load(); }
    uint64_t notifications() const { return notifications_.load(); }

  private:
    void run();

    asio::any_io_executor executor_;
    std::string url_;
    TipCallback on_tip_;
    ConnectionCallback on_connection_;
    std::atomic<bool> stopped_{false};
    std::atomic<bool> connected_{false};
    std::atomic<uint64_t> notifications_{0};
    void* context_ = nullptr;
    void* socket_ = nullptr;
    void* monitor_ = nullptr;
    std::thread thread_;
};

}  // namespace viddhana::node
