// An IP address range in CIDR notation ("10.0.0.0/8", "2001:db8::/32", or one address), and the
// test whether an address lies in it. IPv4 addresses written as IPv6 (::ffff:10.0.0.1, what a
// dual-stack socket reports) are compared as IPv4.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/expected.h"

namespace viddhana {

class IpRange {
  public:
    // "ADDRESS/PREFIX" or "ADDRESS"; errors say what is wrong (bad address, prefix too long,
    // host bits set).
    static Expected<IpRange> parse(std::string_view cidr);

    // False for text that is not an address.
    bool contains(std::string_view address) const;
    std::string to_string() const;

  private:
    bool v4_ = true;
    std::array<uint8_t, 16> bytes_{};  // IPv4 in the first four
    int prefix_ = 0;
};

}  // namespace viddhana
