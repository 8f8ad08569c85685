#include "base/ip_range.h"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

#include <fmt/format.h>

namespace viddhana {

namespace {

struct ParsedAddress {
    bool v4 = true;
    std::array<uint8_t, 16> bytes{};
};

bool parse_address(std::string_view text, ParsedAddress& out) {
    char buf[INET6_ADDRSTRLEN + 1];
    if (text.empty() || text.size() >= sizeof buf) return false;
    std::memcpy(buf, text.data(), text.size());
    buf[text.size()] = '\0';
    out.bytes.fill(0);
    if (inet_pton(AF_INET, buf, out.bytes.data()) == 1) {
        out.v4 = true;
        return true;
    }
    if (inet_pton(AF_INET6, buf, out.bytes.data()) != 1) return false;
    static constexpr uint8_t kMappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::memcmp(out.bytes.data(), kMappedPrefix, 12) == 0) {
        std::memmove(out.bytes.data(), out.bytes.data() + 12, 4);
        std::memset(out.bytes.data() + 4, 0, 12);
        out.v4 = true;
    } else {
        out.v4 = false;
    }
    return true;
}

bool prefix_matches(const std::array<uint8_t, 16>& a, const std::array<uint8_t, 16>& b,
                    int prefix) {
    int full = prefix / 8;
    if (std::memcmp(a.data(), b.data(), static_cast<size_t>(full)) != 0) return false;
    int rest = prefix % 8;
    if (rest == 0) return true;
    auto mask = static_cast<uint8_t>(0xff << (8 - rest));
    return (a[full] & mask) == (b[full] & mask);
}

}  // namespace

Expected<IpRange> IpRange::parse(std::string_view cidr) {
    auto slash = cidr.find('/');
    std::string_view address = cidr.substr(0, slash);
    ParsedAddress parsed;
    if (!parse_address(address, parsed)) {
        return make_error(fmt::format("'{}' is not an IPv4 or IPv6 address", address));
    }
    const int max_prefix = parsed.v4 ? 32 : 128;
    int prefix = max_prefix;
    if (slash != std::string_view::npos) {
        std::string_view p = cidr.substr(slash + 1);
        auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), prefix);
        if (p.empty() || ec != std::errc() || end != p.data() + p.size() || prefix < 0 ||
            prefix > max_prefix) {
            return make_error(
                fmt::format("'{}': the prefix length must be 0 to {}", cidr, max_prefix));
        }
    }
    IpRange r;
    r.v4_ = parsed.v4;
    r.bytes_ = parsed.bytes;
    r.prefix_ = prefix;
    std::array<uint8_t, 16> masked{};
    for (int i = 0; i < prefix; ++i)
        masked[i / 8] |= static_cast<uint8_t>(r.bytes_[i / 8] & (0x80 >> (i % 8)));
    if (masked != r.bytes_) {
        return make_error(
            fmt::format("'{}' has bits set after its prefix (did you mean {}?)", cidr, [&] {
                IpRange fixed = r;
                fixed.bytes_ = masked;
                return fixed.to_string();
            }()));
    }
    return r;
}

bool IpRange::contains(std::string_view address) const {
    ParsedAddress parsed;
    if (!parse_address(address, parsed) || parsed.v4 != v4_) return false;
    return prefix_matches(parsed.bytes, bytes_, prefix_);
}

std::string IpRange::to_string() const {
    char buf[INET6_ADDRSTRLEN];
    inet_ntop(v4_ ? AF_INET : AF_INET6, bytes_.data(), buf, sizeof buf);
    return fmt::format("{}/{}", buf, prefix_);
}

}  // namespace viddhana
