#include "api/live_event_codec.h"

namespace viddhana::api {

std::string encode_live_events(const std::vector<LiveEvent>& events) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& e : events)
        list.push_back({{"channels", e.channels}, {"type", e.type}, {"data", e.data}});
    return nlohmann::json{{"events", std::move(list)}}.dump();
}

Expected<std::vector<LiveEvent>> decode_live_events(std::string_view text) {
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return make_error("live events: not a JSON object");
    auto list = j.find("events");
    if (list == j.end() || !list->is_array()) return make_error("live events: no \"events\" array");
    std::vector<LiveEvent> out;
    out.reserve(list->size());
    for (const auto& e : *list) {
        if (!e.is_object()) return make_error("live events: an event is not an object");
        auto channels = e.find("channels");
        auto type = e.find("type");
        if (channels == e.end() || !channels->is_array() || channels->empty())
            return make_error("live events: an event has no \"channels\"");
        if (type == e.end() || !type->is_string() || type->get<std::string>().empty())
            return make_error("live events: an event has no \"type\"");
        LiveEvent event;
        for (const auto& c : *channels) {
            if (!c.is_string() || c.get<std::string>().empty())
                return make_error("live events: a channel is not a non-empty string");
            event.channels.push_back(c.get<std::string>());
        }
        event.type = type->get<std::string>();
        event.data = e.value("data", nlohmann::json());
        out.push_back(std::move(event));
    }
    return out;
}

}  // namespace viddhana::api
