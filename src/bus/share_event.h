// What the Stratum role reports about every share it judged: the unit of accounting.
#pragma once
#include <cstdint>
#include <string>

namespace viddhana::bus {

enum class ShareResult : uint8_t {
    accepted = 0,
    stale = 1,           // job not found or superseded by a new block (error 21)
    duplicate = 2,       // error 22
    low_difficulty = 3,  // error 23
    invalid = 4,         // bad ntime, bad version bits, malformed fields (error 20)
};
const char* to_string(ShareResult r);

struct ShareEvent {
    int64_t time_ms = 0;           // when the pool judged it (Unix ms)
    std::string login;             // the miner's coin address
    std::string worker;            // worker name ("" when none was given)
    double difficulty = 0;         // the session's difficulty the share was judged by
    double actual_difficulty = 0;  // what the hash achieved (0 when not computed)
    ShareResult result = ShareResult::accepted;
    int64_t height = 0;  // height of the block the job was building
    double network_difficulty = 0;
    std::string block_hash;  // display hex when the share solved a block, else empty
    std::string ip;          // remote address of the session
    uint32_t node_id = 0;    // the Stratum node that judged it
    uint64_t sequence = 0;   // per-node monotonically increasing id: (node_id, sequence) is unique
};

}  // namespace viddhana::bus
