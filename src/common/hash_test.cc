#include "common/hash.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace quiver {
namespace {

TEST(HashTest, Murmur3KnownVectors) {
  // Reference values of MurmurHash3_x86_32.
  EXPECT_EQ(Murmur3_32("", 0, 0), 0u);
  EXPECT_EQ(Murmur3_32("", 0, 1), 0x514e28b7u);
  EXPECT_EQ(Murmur3_32("hello", 5, 0), 0x248bfa47u);
  EXPECT_EQ(Murmur3_32("The quick brown fox jumps over the lazy dog", 43, 0), 0x2e4ff723u);
}

TEST(HashTest, Hash64IsStableAndSpreads) {
  // Persisted in segments: the value for a fixed input must never change.
  EXPECT_EQ(Hash64("doc-1"), 0x4ae0cb91006fc82fULL);
  std::set<uint64_t> seen;
  for (int i = 0; i < 100000; ++i) seen.insert(Hash64("id" + std::to_string(i)));
  EXPECT_EQ(seen.size(), 100000u);
  EXPECT_NE(Hash64("a"), Hash64("a", 1));
}

TEST(HashTest, RoutingHashUsesUtf16Units) {
  // ASCII: each char becomes two bytes (c, 0).
  std::string utf16("a\0b\0", 4);
  EXPECT_EQ(EsRoutingHash("ab"), static_cast<int32_t>(Murmur3_32(utf16.data(), 4, 0)));
}

}  // namespace
}  // namespace quiver
