#include "text/pfor.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "text/bit_packing.h"

namespace quiver::text {
namespace {

std::vector<uint32_t> RandomValues(std::mt19937& rng, int bits) {
  std::vector<uint32_t> v(128);
  const uint32_t mask = bits == 0 ? 0 : (bits >= 31 ? 0x7fffffffu : (1u << bits) - 1);
  for (auto& x : v) x = rng() & mask;
  return v;
}

TEST(BitPackingTest, KernelsAgreeForEveryWidth) {
  std::mt19937 rng(7);
  for (int bits = 0; bits <= 32; ++bits) {
    std::vector<uint32_t> in(128);
    for (auto& x : in) x = bits == 32 ? rng() : (bits == 0 ? 0 : rng() & ((1u << bits) - 1));
    std::vector<uint8_t> packed(PackedBytes128(bits) + 1, 0xee);
    Pack128(in.data(), bits, packed.data());
    EXPECT_EQ(packed.back(), 0xee) << "wrote past 16*bits bytes";
    uint32_t scalar[128], dispatched[128];
    bit_packing_internal::Unpack128Scalar(packed.data(), bits, scalar);
    Unpack128(packed.data(), bits, dispatched);
    for (int i = 0; i < 128; ++i) {
      ASSERT_EQ(scalar[i], in[i]) << "bits=" << bits << " i=" << i;
      ASSERT_EQ(dispatched[i], in[i]) << "bits=" << bits << " i=" << i;
    }
  }
}

TEST(BitPackingTest, GapsToDocsKernelsAgree) {
  std::mt19937 rng(3);
  uint32_t a[128], b[128];
  for (int i = 0; i < 128; ++i) a[i] = b[i] = rng() % 1000;
  bit_packing_internal::GapsToDocs128Scalar(a, 0xffffffffu);
  GapsToDocs128(b, 0xffffffffu);
  for (int i = 0; i < 128; ++i) ASSERT_EQ(a[i], b[i]);
  EXPECT_EQ(a[0], b[0]);
}

TEST(PforTest, RoundTripsAllShapes) {
  std::mt19937 rng(11);
  for (int iter = 0; iter < 2000; ++iter) {
    std::vector<uint32_t> v = RandomValues(rng, static_cast<int>(rng() % 32));
    switch (iter % 4) {
      case 0:  // a few outliers
        for (int k = 0; k < static_cast<int>(rng() % 9); ++k) v[rng() % 128] = rng() & 0x7fffffff;
        break;
      case 1:  // constant
        std::fill(v.begin(), v.end(), v[0]);
        break;
      case 2:  // mostly zero
        for (auto& x : v) x = (rng() % 20 == 0) ? rng() % 300 : 0;
        break;
      default:
        break;
    }
    std::string enc;
    EncodePfor128(v.data(), &enc);
    enc += "trailing";
    uint32_t out[128];
    const auto* p = reinterpret_cast<const uint8_t*>(enc.data());
    const uint8_t* end = p + enc.size();
    const uint8_t* after = DecodePfor128(p, end, out);
    ASSERT_NE(after, nullptr);
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(after), end - after), "trailing");
    EXPECT_EQ(SkipPfor128(p, end), after);
    for (int i = 0; i < 128; ++i) ASSERT_EQ(out[i], v[i]) << "iter " << iter << " i " << i;
    // Every truncation fails cleanly.
    const size_t size = static_cast<size_t>(after - p);
    for (size_t cut = 0; cut < size; ++cut) {
      EXPECT_EQ(DecodePfor128(p, p + cut, out), nullptr);
      EXPECT_EQ(SkipPfor128(p, p + cut), nullptr);
    }
  }
}

TEST(PforTest, PatchesKeepBlocksSmall) {
  std::vector<uint32_t> v(128, 1);
  v[5] = 1000;
  v[77] = 5000;
  std::string enc;
  EncodePfor128(v.data(), &enc);
  // b = 5 (5000 >> 5 < 256) with 2 exceptions: 1 + 80 + 4 bytes, versus
  // 1 + 16 * 13 without patching.
  EXPECT_LE(enc.size(), 1u + 16 * 5 + 4);
}

}  // namespace
}  // namespace quiver::text
