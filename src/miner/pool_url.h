// The pool address on the miner's command line: stratum+tcp://host:port (also tcp://host:port or
// host:port). IPv6 hosts go in brackets: stratum+tcp://[::1]:3333.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "base/expected.h"

namespace viddhana::miner {

struct PoolUrl {
    std::string host;
    uint16_t port = 0;
};

Expected<PoolUrl> parse_pool_url(std::string_view url);

}  // namespace viddhana::miner
