#include "app/live_event_publisher.h"

#include <spdlog/spdlog.h>

namespace viddhana::app {

LiveEventPublisher::LiveEventPublisher(store::Store& store, int maturity_confirmations)
    : store_(store), blocks_(maturity_confirmations) {}

int LiveEventPublisher::add_sink(Sink sink) {
    std::lock_guard lock(sinks_mutex_);
    sinks_.emplace_back(next_sink_, std::move(sink));
    return next_sink_++;
}

void LiveEventPublisher::remove_sink(int id) {
    std::lock_guard lock(sinks_mutex_);
    std::erase_if(sinks_, [id](const auto& s) { return s.first == id; });
}

void LiveEventPublisher::send(const std::vector<api::LiveEvent>& events) {
    if (events.empty()) return;
    std::lock_guard lock(sinks_mutex_);
    for (const auto& [id, sink] : sinks_) {
        try {
            sink(events);
        } catch (const std::exception& e) {
            spdlog::warn("live events not delivered: {}", e.what());
        }
    }
}

void LiveEventPublisher::recorded(const bus::EventBatch& batch) {
    std::vector<api::LiveEvent> events;
    {
        std::lock_guard lock(mutex_);
        for (const auto& b : batch.blocks) {
            if (b.accepted) blocks_.announced(b.hash);
        }
        events = api::batch_events(batch);
    }
    send(events);
}

void LiveEventPublisher::books_kept() {
    std::vector<api::LiveEvent> events;
    try {
        std::lock_guard lock(mutex_);
        if (auto blocks = store_.blocks().blocks({50, 0})) events = blocks_.update(*blocks);
        if (auto payments = store_.payments().payments({}, {50, 0})) {
            auto more = payments_.update(*payments);
            events.insert(events.end(), std::make_move_iterator(more.begin()),
                          std::make_move_iterator(more.end()));
        }
    } catch (const std::exception& e) {
        spdlog::debug("live events: store not readable: {}", e.what());
        return;
    }
    send(events);
}

}  // namespace viddhana::app
