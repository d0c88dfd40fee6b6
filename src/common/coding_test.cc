#include "common/coding.h"

#include <gtest/gtest.h>

namespace quiver {
namespace {

TEST(CodingTest, VarintRoundTripAtBoundaries) {
  std::string buf;
  const uint64_t values[] = {0, 1, 127, 128, 16383, 16384, (1ull << 32) - 1, ~0ull};
  for (uint64_t v : values) PutVarint64(&buf, v);
  ByteReader r(buf);
  for (uint64_t v : values) {
    uint64_t got;
    ASSERT_TRUE(r.GetVarint64(&got));
    EXPECT_EQ(got, v);
  }
  EXPECT_TRUE(r.empty());
}

TEST(CodingTest, ReaderFailsInsteadOfOverreading) {
  std::string buf;
  PutFixed32(&buf, 5);
  buf.append("abc");  // length prefix claims more than present
  ByteReader r(buf);
  uint32_t n;
  ASSERT_TRUE(r.GetFixed32(&n));
  std::string_view out;
  EXPECT_FALSE(r.GetBytes(n, &out));
  EXPECT_FALSE(r.ok());
  uint8_t b;
  EXPECT_FALSE(r.GetByte(&b));
  ByteReader bad(std::string_view("\xff\xff\xff", 3));  // unterminated varint
  uint64_t v;
  EXPECT_FALSE(bad.GetVarint64(&v));
}

TEST(CodingTest, ZigZag) {
  for (int64_t v : std::initializer_list<int64_t>{0, -1, 1, -64, 63, INT64_MIN, INT64_MAX}) {
    EXPECT_EQ(ZigZagDecode(ZigZagEncode(v)), v);
  }
  EXPECT_EQ(ZigZagEncode(-1), 1u);
}

}  // namespace
}  // namespace quiver
