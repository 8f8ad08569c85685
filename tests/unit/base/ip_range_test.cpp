// CIDR ranges as an operator writes them in an allow-list.
#include <gtest/gtest.h>

#include "base/ip_range.h"

namespace viddhana {
namespace {

TEST(IpRange, Ipv4Prefixes) {
    auto farm = IpRange::parse("203.0.113.0/24");
    ASSERT_TRUE(farm) << farm.error().message;
    EXPECT_TRUE(farm->contains("203.0.113.0"));
    EXPECT_TRUE(farm->contains("203.0.113.255"));
    EXPECT_FALSE(farm->contains("203.0.114.1"));
    EXPECT_FALSE(farm->contains("not an address"));
    EXPECT_EQ(farm->to_string(), "203.0.113.0/24");

    auto odd = IpRange::parse("10.128.0.0/9");
    ASSERT_TRUE(odd);
    EXPECT_TRUE(odd->contains("10.200.1.1"));
    EXPECT_FALSE(odd->contains("10.127.255.255"));

    auto one = IpRange::parse("192.0.2.7");
    ASSERT_TRUE(one);
    EXPECT_TRUE(one->contains("192.0.2.7"));
    EXPECT_FALSE(one->contains("192.0.2.8"));
    EXPECT_EQ(one->to_string(), "192.0.2.7/32");

    auto all = IpRange::parse("0.0.0.0/0");
    ASSERT_TRUE(all);
    EXPECT_TRUE(all->contains("8.8.8.8"));
    EXPECT_FALSE(all->contains("::1"));  // an IPv4 range holds no IPv6 address
}

TEST(IpRange, Ipv6AndMappedIpv4) {
    auto net = IpRange::parse("2001:db8::/32");
    ASSERT_TRUE(net) << net.error().message;
    EXPECT_TRUE(net->contains("2001:db8:1::5"));
    EXPECT_FALSE(net->contains("2001:db9::1"));
    auto loopback = IpRange::parse("127.0.0.0/8");
    ASSERT_TRUE(loopback);
    // What a dual-stack listener reports for an IPv4 peer.
    EXPECT_TRUE(loopback->contains("::ffff:127.0.0.9"));
}

TEST(IpRange, BadInputSaysWhy) {
    auto bad = IpRange::parse("300.1.1.1/8");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("not an IPv4 or IPv6 address"), std::string::npos);
    auto long_prefix = IpRange::parse("10.0.0.0/33");
    ASSERT_FALSE(long_prefix);
    EXPECT_NE(long_prefix.error().message.find("0 to 32"), std::string::npos);
    auto host_bits = IpRange::parse("10.1.2.3/8");
    ASSERT_FALSE(host_bits);
    EXPECT_NE(host_bits.error().message.find("did you mean 10.0.0.0/8"), std::string::npos);
    EXPECT_FALSE(IpRange::parse("10.0.0.0/"));
    EXPECT_FALSE(IpRange::parse("10.0.0.0/8x"));
}

}  // namespace
}  // namespace viddhana
