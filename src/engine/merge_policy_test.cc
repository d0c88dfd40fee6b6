#include "engine/merge_policy.h"

#include <gtest/gtest.h>

namespace quiver::engine {
namespace {

std::vector<MergeCandidate> Segments(int n, uint64_t size, uint32_t docs = 1000) {
  std::vector<MergeCandidate> v;
  for (int i = 0; i < n; ++i) v.push_back({static_cast<uint64_t>(i + 1), size, docs, 0});
  return v;
}

TEST(TieredMergePolicyTest, FewSegmentsNeedNoMerge) {
  TieredMergePolicy p;
  EXPECT_TRUE(p.FindMerge(Segments(5, 1 << 20)).empty());
}

TEST(TieredMergePolicyTest, ManySmallSegmentsMergeUpToMaxAtOnce) {
  TieredMergePolicy p;
  auto merge = p.FindMerge(Segments(25, 1 << 20));
  EXPECT_GE(merge.size(), 2u);
  EXPECT_LE(merge.size(), 10u);
}

TEST(TieredMergePolicyTest, HeavyDeletesTriggerAMerge) {
  TieredMergePolicy p;
  auto segs = Segments(3, 10 << 20);
  segs[1].num_deleted = 600;
  auto merge = p.FindMerge(segs);
  EXPECT_FALSE(merge.empty());
}

TEST(TieredMergePolicyTest, ForcedMergeShrinksToTarget) {
  TieredMergePolicy p;
  auto merges = p.FindForcedMerges(Segments(4, 1 << 20), 1, false);
  ASSERT_EQ(merges.size(), 1u);
  EXPECT_EQ(merges[0].size(), 4u);
  EXPECT_TRUE(p.FindForcedMerges(Segments(1, 1 << 20), 1, false).empty());
  auto segs = Segments(3, 1 << 20);
  segs[2].num_deleted = 1;
  auto expunge = p.FindForcedMerges(segs, 1, true);
  ASSERT_EQ(expunge.size(), 1u);
  EXPECT_EQ(expunge[0], std::vector<uint64_t>{3});
}

}  // namespace
}  // namespace quiver::engine
