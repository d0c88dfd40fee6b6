#include "engine/version_map.h"

#include <gtest/gtest.h>

namespace quiver::engine {
namespace {

VersionEntry Live(uint64_t version, uint64_t seg) {
  VersionEntry e;
  e.version = version;
  e.segment_id = seg;
  return e;
}

TEST(VersionMapTest, OldMapStaysReadableDuringRefresh) {
  VersionMap m;
  m.Put("a", Live(1, 5));
  m.BeginRefresh();
  ASSERT_NE(m.Find("a"), nullptr);
  EXPECT_EQ(m.Find("a")->segment_id, 5u);
  m.Put("a", Live(2, 6));  // written during the refresh: current wins
  EXPECT_EQ(m.Find("a")->version, 2u);
  m.EndRefresh(1000);
  EXPECT_EQ(m.Find("a")->version, 2u);
  m.BeginRefresh();
  m.EndRefresh(1000);
  EXPECT_EQ(m.Find("a"), nullptr);
}

TEST(VersionMapTest, TombstonesOutliveRefreshUntilPruned) {
  VersionMap m;
  VersionEntry t;
  t.deleted = true;
  t.version = 4;
  t.deleted_at_ms = 1000;
  m.Put("gone", t);
  m.BeginRefresh();
  m.EndRefresh(1000);
  ASSERT_NE(m.Find("gone"), nullptr);
  EXPECT_TRUE(m.Find("gone")->deleted);
  m.PruneTombstones(30000, 60000);
  EXPECT_NE(m.Find("gone"), nullptr);
  m.PruneTombstones(70000, 60000);
  EXPECT_EQ(m.Find("gone"), nullptr);
}

TEST(VersionMapTest, ReindexRemovesTombstone) {
  VersionMap m;
  VersionEntry t;
  t.deleted = true;
  m.Put("x", t);
  m.BeginRefresh();
  m.EndRefresh(0);
  m.Put("x", Live(3, 1));
  m.BeginRefresh();
  m.EndRefresh(0);
  EXPECT_EQ(m.Find("x"), nullptr);
}

}  // namespace
}  // namespace quiver::engine
