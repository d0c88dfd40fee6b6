#include "text/norm_encoding.h"

#include <gtest/gtest.h>

namespace quiver::text {
namespace {

// Expected values follow Lucene's SmallFloat.intToByte4/byte4ToInt
// (lucene/core/src/java/org/apache/lucene/util/SmallFloat.java): values
// below NUM_FREE_VALUES = 24 are stored exactly, larger ones as 24 +
// longToInt4(value - 24), a float with a 3-bit mantissa.
TEST(NormEncodingTest, SmallValuesAreExact) {
  for (uint32_t i = 0; i < 24; ++i) {
    EXPECT_EQ(EncodeNorm(i), i);
    EXPECT_EQ(DecodeNorm(static_cast<uint8_t>(i)), i);
  }
}

TEST(NormEncodingTest, KnownLuceneValues) {
  // 24 + longToInt4(0) = 24; 24 + longToInt4(7) = 31 (subnormal range).
  EXPECT_EQ(EncodeNorm(24), 24);
  EXPECT_EQ(EncodeNorm(31), 31);
  // 40: 40 - 24 = 16 = 0b10000 -> shift 1, mantissa 0 -> (2 << 3) = 16 -> 40.
  EXPECT_EQ(EncodeNorm(40), 40);
  EXPECT_EQ(DecodeNorm(40), 40u);
  // 41 truncates to the same byte as 40 (4 significant bits).
  EXPECT_EQ(EncodeNorm(41), 40);
  // 1000: 976 = 0b1111010000 -> shift 6, top bits 0b1111 -> mantissa 7,
  // exponent 7 -> 7 << 3 | 7 = 63 -> byte 87, decoding to 24 + 15 * 64 = 984.
  EXPECT_EQ(EncodeNorm(1000), 87);
  EXPECT_EQ(DecodeNorm(87), 984u);
  // 1e6: 999976 has 20 bits -> shift 16, top 4 bits 0b1111 -> 17 << 3 | 7 =
  // 143 -> byte 167, decoding to 24 + 15 * 65536 = 983064.
  EXPECT_EQ(EncodeNorm(1000000), 167);
  EXPECT_EQ(DecodeNorm(167), 983064u);
  // The largest byte: 24 + int4ToLong(231) = 24 + 15 * 2^27.
  EXPECT_EQ(DecodeNorm(255), 24u + 15u * (1u << 27));
  EXPECT_EQ(EncodeNorm(0x7fffffff), 255);
}

TEST(NormEncodingTest, RoundTripIsMonotoneAndNeverGrows) {
  uint8_t prev = 0;
  for (uint64_t i = 0; i < (uint64_t{1} << 31); i = i < 100000 ? i + 1 : i * 3 / 2) {
    const uint8_t b = EncodeNorm(static_cast<uint32_t>(i));
    EXPECT_GE(b, prev);
    EXPECT_LE(DecodeNorm(b), i);
    EXPECT_EQ(EncodeNorm(DecodeNorm(b)), b);
    prev = b;
  }
  for (int b = 1; b < 256; ++b) {
    EXPECT_LT(DecodeNorm(static_cast<uint8_t>(b - 1)), DecodeNorm(static_cast<uint8_t>(b)));
  }
}

}  // namespace
}  // namespace quiver::text
