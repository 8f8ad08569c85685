#include "bus/share_event.h"

namespace viddhana::bus {

const char* to_string(ShareResult r) {
    switch (r) {
        case ShareResult::accepted:
            return "accepted";
        case ShareResult::stale:
            return "stale";
        case ShareResult::duplicate:
            return "duplicate";
        case ShareResult::low_difficulty:
            return "low_difficulty";
        case ShareResult::invalid:
            return "invalid";
    }
    return "invalid";
}

}  // namespace viddhana::bus
