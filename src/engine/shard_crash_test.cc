// Randomized crash cycles at the storage layer: writes, refreshes, flushes
// and merges in random order, then a simulated power cut (unsynced bytes
// dropped, torn or garbage tails), recovery, and a check that every
// acknowledged write is there with its exact source and version.
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "engine/shard_test_util.h"

namespace quiver::engine {
namespace {

class ShardCrashTest : public ShardFixture {};

struct Expected {
  std::string source;  // "" = deleted
  uint64_t version = 0;
};

TEST_F(ShardCrashTest, AcknowledgedWritesSurviveRandomCrashes) {
  merge_options_.segments_per_tier = 3;
  merge_options_.max_merge_at_once = 3;
  Reopen();
  std::mt19937 rng(20261121);
  std::map<std::string, Expected> acked;
  using Mode = storage::FaultInjectionBlobStore::TailMode;
  const Mode modes[] = {Mode::kDropUnsynced, Mode::kTornWrite, Mode::kGarbageTail};
  for (int cycle = 0; cycle < 25; ++cycle) {
    int ops = 20 + static_cast<int>(rng() % 200);
    for (int i = 0; i < ops; ++i) {
      std::string id = "doc" + std::to_string(rng() % 300);
      int dice = static_cast<int>(rng() % 100);
      if (dice < 10) {
        auto r = shard_->Delete(id, {});
        ASSERT_TRUE(r.ok()) << r.status().ToString();
        ASSERT_TRUE(shard_->Sync(r->mark).ok());
        if (r->kind == WriteOutcome::Kind::kDeleted) acked[id] = {"", r->version};
      } else if (dice < 95) {
        std::string src = "{\"cycle\":" + std::to_string(cycle) + ",\"i\":" + std::to_string(i) +
                          ",\"pad\":\"" + std::string(rng() % 300, 'p') + "\"}";
        auto r = shard_->Index(TestDoc(id, src), src, {});
        ASSERT_TRUE(r.ok()) << r.status().ToString();
        ASSERT_TRUE(shard_->Sync(r->mark).ok());
        acked[id] = {src, r->version};
      } else if (dice < 97) {
        ASSERT_TRUE(shard_->Refresh().ok());
      } else if (dice < 99) {
        ASSERT_TRUE(shard_->MaybeMerge().ok());
      } else {
        ASSERT_TRUE(shard_->Flush().ok());
      }
    }
    // Unacknowledged work in flight at the crash: appended, never synced.
    for (int i = 0; i < 5; ++i) {
      std::string src = "{\"unacked\":" + std::to_string(i) + "}";
      ASSERT_TRUE(shard_->Index(TestDoc("unacked" + std::to_string(i), src), src, {}).ok());
    }
    CrashAndReopen(modes[cycle % 3], static_cast<uint32_t>(rng()));
    for (const auto& [id, e] : acked) {
      auto got = shard_->Get(id, true);
      ASSERT_TRUE(got.ok()) << got.status().ToString();
      if (e.source.empty()) {
        EXPECT_FALSE(got->found) << "cycle " << cycle << " id " << id;
      } else {
        ASSERT_TRUE(got->found) << "cycle " << cycle << " lost " << id;
        EXPECT_EQ(got->source, e.source) << id;
        EXPECT_EQ(got->version, e.version) << id;
      }
    }
    for (int i = 0; i < 5; ++i) {
      auto got = shard_->Get("unacked" + std::to_string(i), true).value();
      if (got.found) {
        EXPECT_EQ(got.source, "{\"unacked\":" + std::to_string(i) + "}");
        ASSERT_TRUE(shard_->Delete("unacked" + std::to_string(i), {}).ok());
      }
    }
  }
}

TEST_F(ShardCrashTest, FailedSyncIsNotAcknowledgedAndFailsTheShard) {
  IndexDoc("ok", "{}");
  store_->FailSyncsAfter(0);
  auto r = shard_->Index(TestDoc("bad", "{}"), "{}", {});
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(shard_->Sync(r->mark).ok());
  store_->ClearFaults();
  auto after = shard_->Index(TestDoc("later", "{}"), "{}", {});
  EXPECT_EQ(after.status().code(), StatusCode::kUnavailable);
  CrashAndReopen(storage::FaultInjectionBlobStore::TailMode::kDropUnsynced, 1);
  EXPECT_EQ(GetSource("ok"), "{}");
  EXPECT_TRUE(shard_->Index(TestDoc("later", "{}"), "{}", {}).ok());
}

}  // namespace
}  // namespace quiver::engine
