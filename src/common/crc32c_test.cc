#include "common/crc32c.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace quiver::crc32c {
namespace {

TEST(Crc32cTest, KnownVectors) {
  // RFC 3720 B.4 test vectors.
  std::string zeros(32, '\0');
  EXPECT_EQ(Value(zeros), 0x8a9136aau);
  std::string ones(32, '\xff');
  EXPECT_EQ(Value(ones), 0x62a8ab43u);
  EXPECT_EQ(Value("123456789"), 0xe3069283u);
}

TEST(Crc32cTest, ExtendEqualsWholeAndHardwareMatchesPortable) {
  std::mt19937 rng(7);
  std::string data(1000, '\0');
  for (char& c : data) c = static_cast<char>(rng());
  for (size_t split : {0u, 1u, 7u, 8u, 500u, 999u}) {
    uint32_t a = Extend(Value(data.data(), split), data.data() + split, data.size() - split);
    EXPECT_EQ(a, Value(data));
  }
  for (size_t n = 0; n < 40; ++n) {
    EXPECT_EQ(Value(data.data(), n), ExtendPortableForTest(0, data.data(), n));
  }
}

TEST(Crc32cTest, MaskRoundTrips) {
  uint32_t crc = Value("foo");
  EXPECT_NE(Mask(crc), crc);
  EXPECT_EQ(Unmask(Mask(crc)), crc);
}

}  // namespace
}  // namespace quiver::crc32c
