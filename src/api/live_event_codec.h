// Live events on the wire between processes (Redis pub/sub): one message per group of events,
// {"events":[{"channels":[...],"type":"...","data":{...}}]}. Decoding refuses anything else
// whole, so a stray publisher on the channel cannot reach the WebSocket clients.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "api/live_events.h"
#include "base/expected.h"

namespace viddhana::api {

std::string encode_live_events(const std::vector<LiveEvent>& events);
Expected<std::vector<LiveEvent>> decode_live_events(std::string_view text);

}  // namespace viddhana::api
