#include "schema/ip_address.h"

#include <gtest/gtest.h>

namespace quiver::schema {
namespace {

std::string RoundTrip(std::string_view text) {
  auto r = ParseIp(text);
  EXPECT_TRUE(r.ok()) << text;
  return r.ok() ? FormatIp(*r) : "";
}

TEST(IpAddressTest, Ipv4MapsIntoIpv6) {
  auto r = ParseIp("192.168.0.1");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)[10], 0xff);
  EXPECT_EQ((*r)[15], 1);
  EXPECT_EQ(FormatIp(*r), "192.168.0.1");
  EXPECT_EQ(RoundTrip("::ffff:1.2.3.4"), "1.2.3.4");
}

TEST(IpAddressTest, Ipv6CanonicalForm) {
  EXPECT_EQ(RoundTrip("::1"), "::1");
  EXPECT_EQ(RoundTrip("::"), "::");
  EXPECT_EQ(RoundTrip("2001:DB8:0:0:0:0:0:1"), "2001:db8::1");
  EXPECT_EQ(RoundTrip("2001:db8:0:1:0:0:0:1"), "2001:db8:0:1::1");
  EXPECT_EQ(RoundTrip("fe80::1:0:0:1"), "fe80::1:0:0:1");
  EXPECT_EQ(RoundTrip("1:2:3:4:5:6:7:8"), "1:2:3:4:5:6:7:8");
  EXPECT_EQ(RoundTrip("64:ff9b::1.2.3.4"), "64:ff9b::102:304");
}

TEST(IpAddressTest, RejectsMalformed) {
  for (std::string_view bad : {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.4 ", "abc",
                               ":::", "1::2::3", "12345::1", "1:2:3:4:5:6:7:8:9", "g::1"}) {
    auto r = ParseIp(bad);
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_EQ(r.status().message(), "'" + std::string(bad) + "' is not an IP string literal.");
    }
  }
}

TEST(IpAddressTest, ByteOrderSortsAddresses) {
  EXPECT_LT(*ParseIp("10.0.0.2"), *ParseIp("10.0.0.10"));
  EXPECT_LT(*ParseIp("9.255.255.255"), *ParseIp("10.0.0.0"));
}

TEST(IpAddressTest, CidrRanges) {
  auto r = ParseCidr("10.1.0.0/16");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(FormatIp(r->first), "10.1.0.0");
  EXPECT_EQ(FormatIp(r->second), "10.1.255.255");
  auto v6 = ParseCidr("2001:db8::/32");
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(FormatIp(v6->second), "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff");
  EXPECT_FALSE(ParseCidr("10.0.0.0/33").ok());
}

}  // namespace
}  // namespace quiver::schema
