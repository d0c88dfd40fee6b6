#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <random>
#include <thread>

#include "engine/shard_test_util.h"
#include "storage/file_names.h"

namespace quiver::engine {
namespace {

using Kind = WriteOutcome::Kind;

class ShardTest : public ShardFixture {
 protected:
  void RunConcurrentWorkload(int num_threads, int num_readers);
};

TEST_F(ShardTest, RealtimeGetSeesWritesBeforeRefreshSearchDoesNot) {
  auto out = IndexDoc("1", R"({"a":1})");
  EXPECT_EQ(out.kind, Kind::kCreated);
  EXPECT_EQ(out.version, 1u);
  EXPECT_EQ(out.seq_no, 0);
  EXPECT_EQ(GetSource("1"), R"({"a":1})");
  EXPECT_EQ(GetSource("1", /*realtime=*/false), "<missing>");
  EXPECT_EQ(shard_->AcquireSearcher()->num_live_docs(), 0u);
  ASSERT_TRUE(shard_->Refresh().ok());
  EXPECT_EQ(shard_->AcquireSearcher()->num_live_docs(), 1u);
  EXPECT_EQ(GetSource("1", /*realtime=*/false), R"({"a":1})");
}

TEST_F(ShardTest, UpdateBumpsVersionAndHidesOldCopy) {
  IndexDoc("1", R"({"v":1})");
  ASSERT_TRUE(shard_->Refresh().ok());
  auto out = IndexDoc("1", R"({"v":2})");
  EXPECT_EQ(out.kind, Kind::kUpdated);
  EXPECT_EQ(out.version, 2u);
  EXPECT_EQ(out.seq_no, 1);
  EXPECT_EQ(GetSource("1"), R"({"v":2})");
  ASSERT_TRUE(shard_->Refresh().ok());
  auto set = shard_->AcquireSearcher();
  EXPECT_EQ(set->num_live_docs(), 1u);
  EXPECT_EQ(set->num_deleted_docs(), 1u);
  // Updated twice within one buffer.
  IndexDoc("2", "{}");
  IndexDoc("2", "{}");
  auto third = IndexDoc("2", R"({"x":3})");
  EXPECT_EQ(third.version, 3u);
  ASSERT_TRUE(shard_->Refresh().ok());
  EXPECT_EQ(shard_->AcquireSearcher()->num_live_docs(), 2u);
  EXPECT_EQ(GetSource("2", false), R"({"x":3})");
}

TEST_F(ShardTest, DeleteThenReindexContinuesVersions) {
  IndexDoc("1", "{}");
  auto del = shard_->Delete("1", {}).value();
  EXPECT_EQ(del.kind, Kind::kDeleted);
  EXPECT_EQ(del.version, 2u);
  EXPECT_EQ(GetSource("1"), "<missing>");
  auto missing = shard_->Delete("nope", {}).value();
  EXPECT_EQ(missing.kind, Kind::kNotFound);
  EXPECT_EQ(missing.version, 1u);
  ASSERT_TRUE(shard_->Refresh().ok());
  auto again = IndexDoc("1", R"({"back":true})");
  EXPECT_EQ(again.kind, Kind::kCreated);
  EXPECT_EQ(again.version, 3u);
}

TEST_F(ShardTest, ConcurrencyConditionsProduceEsConflicts) {
  auto first = IndexDoc("1", "{}");
  WriteConditions create;
  create.op_type = OpType::kCreate;
  auto dup = shard_->Index(TestDoc("1", "{}"), "{}", create);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.status().code(), StatusCode::kConflict);
  EXPECT_EQ(dup.status().message(),
            "[1]: version conflict, document already exists (current version [1])");

  WriteConditions cas;
  cas.if_seq_no = first.seq_no + 5;
  cas.if_primary_term = 1;
  auto stale = shard_->Index(TestDoc("1", "{}"), "{}", cas);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.status().message(),
            "[1]: version conflict, required seqNo [5], primary term [1]. current document has "
            "seqNo [0] and primary term [1]");
  cas.if_seq_no = first.seq_no;
  EXPECT_TRUE(shard_->Index(TestDoc("1", "{}"), "{}", cas).ok());
  auto gone = shard_->Delete("zzz", cas);
  EXPECT_NE(gone.status().message().find("but no document was found"), std::string::npos);

  WriteConditions ext;
  ext.version_type = VersionType::kExternal;
  ext.version = 10;
  auto e1 = shard_->Index(TestDoc("e", "{}"), "{}", ext).value();
  EXPECT_EQ(e1.version, 10u);
  auto e2 = shard_->Index(TestDoc("e", "{}"), "{}", ext);
  EXPECT_EQ(e2.status().message(),
            "[e]: version conflict, current version [10] is higher or equal to the one provided "
            "[10]");
  ext.version_type = VersionType::kExternalGte;
  EXPECT_TRUE(shard_->Index(TestDoc("e", "{}"), "{}", ext).ok());
}

TEST_F(ShardTest, FlushAndReopenRestoresDocsVersionsAndSeqNos) {
  for (int i = 0; i < 500; ++i)
    IndexDoc("d" + std::to_string(i), "{\"i\":" + std::to_string(i) + "}");
  ASSERT_TRUE(shard_->Flush().ok());
  for (int i = 0; i < 500; i += 5) ASSERT_TRUE(shard_->Delete("d" + std::to_string(i), {}).ok());
  IndexDoc("d1", R"({"i":"one"})");
  ASSERT_TRUE(shard_->Close().ok());
  Reopen();
  EXPECT_EQ(GetSource("d1"), R"({"i":"one"})");
  EXPECT_EQ(GetSource("d5"), "<missing>");
  EXPECT_EQ(GetSource("d499"), R"({"i":499})");
  EXPECT_EQ(shard_->AcquireSearcher()->num_live_docs(), 400u);
  EXPECT_EQ(shard_->max_seq_no(), 600);
  auto d1 = shard_->Get("d1", true).value();
  EXPECT_EQ(d1.version, 2u);
  EXPECT_EQ(d1.seq_no, 600);
  EXPECT_EQ(IndexDoc("new", "{}").seq_no, 601);
}

TEST_F(ShardTest, UnflushedAcknowledgedWritesSurviveACrash) {
  IndexDoc("a", R"({"n":1})");
  ASSERT_TRUE(shard_->Flush().ok());
  IndexDoc("a", R"({"n":2})");
  IndexDoc("b", R"({"n":3})");
  ASSERT_TRUE(shard_->Delete("a", {}).ok());
  auto c = IndexDoc("c", R"({"n":4})");
  ASSERT_TRUE(shard_->Sync(c.mark).ok());
  ASSERT_TRUE(shard_->Refresh().ok());  // segment written but not synced
  CrashAndReopen(storage::FaultInjectionBlobStore::TailMode::kDropUnsynced, 7);
  EXPECT_EQ(GetSource("a"), "<missing>");
  EXPECT_EQ(GetSource("b"), R"({"n":3})");
  EXPECT_EQ(GetSource("c"), R"({"n":4})");
  EXPECT_EQ(shard_->Get("a", true)->found, false);
  EXPECT_EQ(shard_->max_seq_no(), 4);
}

TEST_F(ShardTest, TornWalTailIsTruncatedAndNeverReplayedAsData) {
  durability_ = Durability::kAsync;
  Reopen();
  for (int i = 0; i < 50; ++i) IndexDoc("s" + std::to_string(i), "{\"synced\":true}");
  ASSERT_TRUE(shard_->SyncWal().ok());
  for (int i = 0; i < 50; ++i) {
    auto r = shard_->Index(TestDoc("u" + std::to_string(i), std::string(200, 'x')),
                           "{\"unsynced\":\"" + std::string(200, 'x') + "\"}", {});
    ASSERT_TRUE(r.ok());
  }
  CrashAndReopen(storage::FaultInjectionBlobStore::TailMode::kTornWrite, 3);
  for (int i = 0; i < 50; ++i) EXPECT_EQ(GetSource("s" + std::to_string(i)), "{\"synced\":true}");
  // Unsynced docs may be present only whole.
  int present = 0;
  for (int i = 0; i < 50; ++i) {
    std::string s = GetSource("u" + std::to_string(i));
    if (s != "<missing>") {
      ++present;
      EXPECT_EQ(s, "{\"unsynced\":\"" + std::string(200, 'x') + "\"}");
    }
  }
  EXPECT_LT(present, 50);
}

TEST_F(ShardTest, CorruptSegmentIsReportedNotServed) {
  for (int i = 0; i < 100; ++i) IndexDoc(std::to_string(i), "{\"k\":\"v\"}");
  ASSERT_TRUE(shard_->Flush().ok());
  shard_.reset();
  auto names = base_->List("indices/test-uuid/0/seg-").value();
  ASSERT_FALSE(names.empty());
  std::string bytes(base_->Open(names[0]).value()->data());
  bytes[bytes.size() / 2] ^= 0x40;
  ASSERT_TRUE(base_->WriteBlob(names[0], bytes).ok());
  auto reopened = Shard::Open(Options());
  ASSERT_FALSE(reopened.ok());
  EXPECT_EQ(reopened.status().code(), StatusCode::kCorruption);
}

TEST_F(ShardTest, MergesPurgeDeletesAndKeepDocs) {
  for (int round = 0; round < 12; ++round) {
    for (int i = 0; i < 20; ++i) {
      IndexDoc("r" + std::to_string(round) + "-" + std::to_string(i),
               "{\"round\":" + std::to_string(round) + "}");
    }
    ASSERT_TRUE(shard_->Delete("r" + std::to_string(round) + "-0", {}).ok());
    ASSERT_TRUE(shard_->Refresh().ok());
  }
  EXPECT_EQ(shard_->AcquireSearcher()->segments.size(), 12u);
  ASSERT_TRUE(shard_->ForceMerge(1, false).ok());
  auto set = shard_->AcquireSearcher();
  ASSERT_EQ(set->segments.size(), 1u);
  EXPECT_EQ(set->num_live_docs(), 12u * 19u);
  EXPECT_EQ(set->num_deleted_docs(), 0u);
  EXPECT_EQ(GetSource("r7-3"), "{\"round\":7}");
  EXPECT_EQ(GetSource("r7-0"), "<missing>");
  // Old segment files are gone after the flush that follows a force merge.
  EXPECT_EQ(base_->List("indices/test-uuid/0/seg-").value().size(), 1u);
  Reopen();
  EXPECT_EQ(shard_->AcquireSearcher()->num_live_docs(), 12u * 19u);
}

TEST_F(ShardTest, DeletesDuringAMergeCarryOver) {
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 10; ++i) IndexDoc("k" + std::to_string(round * 10 + i), "{}");
    ASSERT_TRUE(shard_->Refresh().ok());
  }
  // Deletes pending (not yet refreshed) when the merge commits.
  ASSERT_TRUE(shard_->Delete("k3", {}).ok());
  ASSERT_TRUE(shard_->Delete("k25", {}).ok());
  ASSERT_TRUE(shard_->ForceMerge(1, false).ok());
  auto set = shard_->AcquireSearcher();
  EXPECT_EQ(set->num_live_docs(), 28u);
  EXPECT_EQ(GetSource("k3", false), "<missing>");
  EXPECT_EQ(GetSource("k24", false), "{}");
}

TEST_F(ShardTest, WaitForRefreshReturnsOnceVisible) {
  auto out = IndexDoc("w", "{}");
  std::thread refresher([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_TRUE(shard_->Refresh().ok());
  });
  ASSERT_TRUE(shard_->WaitForRefresh(out.seq_no, false).ok());
  EXPECT_EQ(shard_->AcquireSearcher()->num_live_docs(), 1u);
  refresher.join();
}

// Writers overwrite and delete a small set of ids while a background thread
// refreshes and merges and readers do realtime GETs; afterwards every id
// holds its last acknowledged write, exactly one live copy, also after a
// reopen.
void ShardTest::RunConcurrentWorkload(int num_threads, int num_readers) {
  Shard* shard = shard_.get();
  constexpr int kOps = 1500, kIds = 200;
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  std::mutex mu;
  std::map<std::string, std::pair<uint64_t, std::string>> last;  // id -> (seq, source)
  for (int t = 0; t < num_threads; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937 rng(t);
      for (int i = 0; i < kOps; ++i) {
        std::string id = "id" + std::to_string(rng() % kIds);
        if (rng() % 5 == 0) {
          auto r = shard->Delete(id, {});
          ASSERT_TRUE(r.ok());
          std::lock_guard<std::mutex> lock(mu);
          auto& e = last[id];
          if (static_cast<uint64_t>(r->seq_no) >= e.first) e = {r->seq_no, "<missing>"};
        } else {
          std::string src = "{\"t\":" + std::to_string(t) + ",\"i\":" + std::to_string(i) + "}";
          auto r = shard->Index(TestDoc(id, src), src, {});
          ASSERT_TRUE(r.ok());
          std::lock_guard<std::mutex> lock(mu);
          auto& e = last[id];
          if (static_cast<uint64_t>(r->seq_no) >= e.first) e = {r->seq_no, src};
        }
      }
    });
  }
  std::vector<std::thread> readers;
  std::atomic<uint64_t> reads_found{0};
  for (int r = 0; r < num_readers; ++r) {
    readers.emplace_back([&, r] {
      std::mt19937 rng(1000 + r);
      while (!stop) {
        std::string id = "id" + std::to_string(rng() % kIds);
        auto got = shard->Get(id, /*realtime=*/true);
        ASSERT_TRUE(got.ok()) << got.status().ToString();
        if (!got->found) continue;
        ASSERT_EQ(got->id, id);
        ASSERT_EQ(got->source.rfind("{\"t\":", 0), 0u) << got->source;
        ++reads_found;
      }
    });
  }
  std::thread background([&] {
    while (!stop) {
      EXPECT_TRUE(shard->Refresh().ok());
      EXPECT_TRUE(shard->MaybeMerge().ok());
    }
  });
  for (auto& t : threads) t.join();
  stop = true;
  background.join();
  for (auto& t : readers) t.join();
  if (num_readers > 0) {
    EXPECT_GT(reads_found.load(), 0u);
  }
  for (const auto& [id, e] : last) EXPECT_EQ(GetSource(id), e.second) << id;
  ASSERT_TRUE(shard->Refresh().ok());
  uint64_t live = 0;
  for (const auto& [id, e] : last) live += e.second != "<missing>";
  EXPECT_EQ(shard->AcquireSearcher()->num_live_docs(), live);
  for (const auto& [id, e] : last) EXPECT_EQ(GetSource(id, /*realtime=*/false), e.second) << id;
  ASSERT_TRUE(shard->Close().ok());
  Reopen();
  for (const auto& [id, e] : last) EXPECT_EQ(GetSource(id), e.second) << id;
}

TEST_F(ShardTest, ConcurrentWritersRefreshAndMergeStayConsistent) {
  num_writer_slots_ = 1;
  Reopen();
  RunConcurrentWorkload(3, 0);
}

TEST_F(ShardTest, ParallelWriterSlotsKeepOneLiveCopyPerIdAndServeRealtimeGet) {
  num_writer_slots_ = 3;
  Reopen();
  RunConcurrentWorkload(4, 2);
}

TEST_F(ShardTest, WritesThatDoNotOverlapFillOneSegmentPerRefresh) {
  num_writer_slots_ = 4;
  Reopen();
  // Writes that do not overlap all go to the first slot, in order.
  IndexDoc("solo-1", "{}");
  IndexDoc("solo-2", "{}");
  ASSERT_TRUE(shard_->Refresh().ok());
  EXPECT_EQ(shard_->AcquireSearcher()->segments.size(), 1u);
  std::thread other([&] { IndexDoc("other", "{}"); });
  other.join();
  ASSERT_TRUE(shard_->Refresh().ok());
  auto set = shard_->AcquireSearcher();
  EXPECT_EQ(set->num_live_docs(), 3u);
  EXPECT_EQ(set->segments.size(), 2u);
  EXPECT_EQ(GetSource("other", /*realtime=*/false), "{}");
}

}  // namespace
}  // namespace quiver::engine
