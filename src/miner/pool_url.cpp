#include "miner/pool_url.h"

#include <charconv>

#include <fmt/format.h>

namespace viddhana::miner {

Expected<PoolUrl> parse_pool_url(std::string_view url) {
    std::string_view rest = url;
    if (auto scheme = rest.find("://"); scheme != std::string_view::npos) {
        std::string_view name = rest.substr(0, scheme);
        if (name != "stratum+tcp" && name != "tcp") {
            return make_error(fmt::format(
                "pool URL {}: unsupported scheme '{}' (use stratum+tcp://)", url, name));
        }
        rest.remove_prefix(scheme + 3);
    }
    while (!rest.empty() && rest.back() == '/')
        rest.remove_suffix(1);
    PoolUrl out;
    std::string_view port_text;
    if (rest.starts_with('[')) {
        auto close = rest.find(']');
        if (close == std::string_view::npos || close + 1 >= rest.size() || rest[close + 1] != ':') {
            return make_error(fmt::format("pool URL {}: expected [ipv6]:port", url));
        }
        out.host = std::string(rest.substr(1, close - 1));
        port_text = rest.substr(close + 2);
    } else {
        auto colon = rest.rfind(':');
        if (colon == std::string_view::npos) {
            return make_error(fmt::format("pool URL {}: the port is missing (host:port)", url));
        }
        out.host = std::string(rest.substr(0, colon));
        port_text = rest.substr(colon + 1);
    }
    if (out.host.empty()) return make_error(fmt::format("pool URL {}: the host is missing", url));
    unsigned port = 0;
    auto [p, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc() || p != port_text.data() + port_text.size() || port == 0 ||
        port > 65535) {
        return make_error(
            fmt::format("pool URL {}: the port must be a number from 1 to 65535", url));
    }
    out.port = static_cast<uint16_t>(port);
    return out;
}

}  // namespace viddhana::miner
