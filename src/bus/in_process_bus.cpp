#include "bus/in_process_bus.h"

#include <algorithm>

namespace viddhana::bus {

struct InProcessBus::Queue {
    std::mutex mutex;
    std::condition_variable ready;
    EventBatch pending;
    bool closed = false;
    bool detached = false;
};

class InProcessBus::Subscription final : public EventSubscription {
  public:
    Subscription(InProcessBus& bus, std::shared_ptr<Queue> q) : bus_(bus), queue_(std::move(q)) {}
    ~Subscription() override {
        std::lock_guard lock(bus_.mutex_);
        auto& qs = bus_.queues_;
        qs.erase(std::remove(qs.begin(), qs.end(), queue_), qs.end());
    }

    bool poll(EventBatch& out, std::chrono::milliseconds timeout) override {
        std::unique_lock lock(queue_->mutex);
        queue_->ready.wait_for(lock, timeout,
                               [&] { return !queue_->pending.empty() || queue_->closed; });
        if (queue_->pending.empty()) return !queue_->closed;
        auto& p = queue_->pending;
        if (out.empty()) {
            std::swap(out, p);
        } else {
            std::move(p.shares.begin(), p.shares.end(), std::back_inserter(out.shares));
            std::move(p.blocks.begin(), p.blocks.end(), std::back_inserter(out.blocks));
            p.shares.clear();
            p.blocks.clear();
        }
        return true;
    }

  private:
    InProcessBus& bus_;
    std::shared_ptr<Queue> queue_;
};

InProcessBus::InProcessBus() = default;
InProcessBus::~InProcessBus() {
    close();
}

void InProcessBus::publish(std::vector<ShareEvent>&& shares) {
    if (shares.empty()) return;
    std::lock_guard lock(mutex_);
    for (size_t i = 0; i < queues_.size(); ++i) {
        auto& q = queues_[i];
        std::lock_guard qlock(q->mutex);
        auto& dst = q->pending.shares;
        if (i + 1 == queues_.size() && dst.empty()) {
            dst = std::move(shares);  // the last subscriber takes the batch itself
        } else {
            dst.insert(dst.end(), shares.begin(), shares.end());
        }
        q->ready.notify_one();
    }
}

void InProcessBus::publish(FoundBlock&& block) {
    std::lock_guard lock(mutex_);
    for (auto& q : queues_) {
        std::lock_guard qlock(q->mutex);
        q->pending.blocks.push_back(block);
        q->ready.notify_one();
    }
}

std::unique_ptr<EventSubscription> InProcessBus::subscribe() {
    auto q = std::make_shared<Queue>();
    std::lock_guard lock(mutex_);
    q->closed = closed_;
    queues_.push_back(q);
    return std::make_unique<Subscription>(*this, q);
}

void InProcessBus::close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    for (auto& q : queues_) {
        std::lock_guard qlock(q->mutex);
        q->closed = true;
        q->ready.notify_all();
    }
}

size_t InProcessBus::backlog() const {
    std::lock_guard lock(mutex_);
    size_t n = 0;
    for (const auto& q : queues_) {
        std::lock_guard qlock(q->mutex);
        n += q->pending.shares.size() + q->pending.blocks.size();
    }
    return n;
}

}  // namespace viddhana::bus
