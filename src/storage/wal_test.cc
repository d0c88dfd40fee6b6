#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "common/temp_dir.h"
#include "storage/fault_injection_blob_store.h"
#include "storage/file_names.h"
#include "storage/local_blob_store.h"
#include "storage/wal_reader.h"
#include "storage/wal_writer.h"

namespace quiver::storage {
namespace {

class WalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = LocalBlobStore::OpenRoot(dir_.path()).value();
    store_ = std::make_unique<FaultInjectionBlobStore>(base_.get());
  }

  std::vector<WalOperation> ReadAll(const std::string& name, uint64_t gen, bool* torn) {
    ops_blob_ = store_->Open(name).value();
    auto reader = WalReader::Open(ops_blob_, gen);
    EXPECT_TRUE(reader.ok()) << reader.status().ToString();
    std::vector<WalOperation> ops;
    WalOperation op;
    while (reader->Next(&op)) ops.push_back(op);
    EXPECT_TRUE(reader->status().ok());
    *torn = reader->has_torn_tail();
    last_valid_end_ = reader->valid_end();
    return ops;
  }

  TempDir dir_;
  std::unique_ptr<LocalBlobStore> base_;
  std::unique_ptr<FaultInjectionBlobStore> store_;
  std::shared_ptr<const Blob> ops_blob_;
  uint64_t last_valid_end_ = 0;
};

WalOperation MakeOp(uint64_t seq, const std::string& id, const std::string& source) {
  WalOperation op;
  op.type = source.empty() ? WalOpType::kDelete : WalOpType::kIndex;
  op.seq_no = seq;
  op.version = seq + 1;
  op.id = id;
  op.source = source;
  return op;
}

TEST_F(WalTest, RoundTripsOperations) {
  auto w = WalWriter::Create(store_.get(), WalFileName(7), 7).value();
  std::vector<std::string> ids, sources;
  for (int i = 0; i < 100; ++i) {
    ids.push_back("id" + std::to_string(i));
    sources.push_back(i % 10 == 0 ? "" : "{\"n\":" + std::to_string(i) + "}");
  }
  for (int i = 0; i < 100; ++i) w->Append(MakeOp(i, ids[i], sources[i]));
  ASSERT_TRUE(w->SyncAll().ok());
  ASSERT_TRUE(w->Close().ok());
  bool torn;
  auto ops = ReadAll(WalFileName(7), 7, &torn);
  EXPECT_FALSE(torn);
  ASSERT_EQ(ops.size(), 100u);
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(ops[i].seq_no, static_cast<uint64_t>(i));
    EXPECT_EQ(ops[i].id, ids[i]);
    EXPECT_EQ(ops[i].source, sources[i]);
    EXPECT_EQ(ops[i].type, sources[i].empty() ? WalOpType::kDelete : WalOpType::kIndex);
  }
}

TEST_F(WalTest, WrongGenerationOrBadHeaderIsCorruption) {
  auto w = WalWriter::Create(store_.get(), WalFileName(1), 1).value();
  ASSERT_TRUE(w->Close().ok());
  EXPECT_EQ(WalReader::Open(store_->Open(WalFileName(1)).value(), 2).status().code(),
            StatusCode::kCorruption);
  ASSERT_TRUE(store_->WriteBlob("junk", "QWAL but not really a header").ok());
  EXPECT_EQ(WalReader::Open(store_->Open("junk").value(), 1).status().code(),
            StatusCode::kCorruption);
}

TEST_F(WalTest, StopsAtTornRecordAfterCrash) {
  auto w = WalWriter::Create(store_.get(), WalFileName(1), 1).value();
  uint64_t pos = 0;
  for (int i = 0; i < 10; ++i) pos = w->Append(MakeOp(i, "a", "{\"x\":1}"));
  ASSERT_TRUE(w->Sync(pos).ok());
  for (int i = 10; i < 20; ++i) w->Append(MakeOp(i, "b", std::string(500, 'y')));
  ASSERT_TRUE(w->Flush().ok());  // written, not synced
  for (auto mode : {FaultInjectionBlobStore::TailMode::kTornWrite,
                    FaultInjectionBlobStore::TailMode::kGarbageTail}) {
    ASSERT_TRUE(store_->SimulateCrash(mode, 11).ok());
    bool torn;
    auto ops = ReadAll(WalFileName(1), 1, &torn);
    // Every synced op survives; nothing after a bad record is returned.
    ASSERT_GE(ops.size(), 10u);
    for (size_t i = 0; i < ops.size(); ++i) EXPECT_EQ(ops[i].seq_no, i);
    for (size_t i = 10; i < ops.size(); ++i) EXPECT_EQ(ops[i].source, std::string(500, 'y'));
  }
}

TEST_F(WalTest, TruncatingAtValidEndRemovesTheTornTail) {
  auto w = WalWriter::Create(store_.get(), WalFileName(1), 1).value();
  ASSERT_TRUE(w->Sync(w->Append(MakeOp(0, "a", "{}"))).ok());
  w->Append(MakeOp(1, "b", std::string(300, 'q')));
  ASSERT_TRUE(w->Flush().ok());
  // The crash happens while the writer is open (a clean close would sync).
  ASSERT_TRUE(store_->SimulateCrash(FaultInjectionBlobStore::TailMode::kTornWrite, 2).ok());
  bool torn;
  auto ops = ReadAll(WalFileName(1), 1, &torn);
  ASSERT_EQ(ops.size(), 1u);
  EXPECT_TRUE(torn);
  ops_blob_.reset();
  ASSERT_TRUE(store_->Truncate(WalFileName(1), last_valid_end_).ok());
  ops = ReadAll(WalFileName(1), 1, &torn);
  EXPECT_EQ(ops.size(), 1u);
  EXPECT_FALSE(torn);
}

TEST_F(WalTest, GroupCommitMakesEveryAcknowledgedAppendDurable) {
  auto w = WalWriter::Create(store_.get(), WalFileName(1), 1).value();
  constexpr int kThreads = 4, kPerThread = 200;
  std::vector<std::thread> threads;
  std::atomic<int> acked{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        std::string id = std::to_string(t) + "-" + std::to_string(i);
        uint64_t pos = w->Append(MakeOp(t * kPerThread + i, id, "{}"));
        if (w->Sync(pos).ok()) acked.fetch_add(1);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(acked.load(), kThreads * kPerThread);
  EXPECT_EQ(w->synced_position(), w->size());
  w.reset();
  ASSERT_TRUE(store_->SimulateCrash(FaultInjectionBlobStore::TailMode::kDropUnsynced, 1).ok());
  bool torn;
  EXPECT_EQ(ReadAll(WalFileName(1), 1, &torn).size(), size_t{kThreads * kPerThread});
}

TEST_F(WalTest, SyncFailureFailsTheWriterForGood) {
  auto w = WalWriter::Create(store_.get(), WalFileName(1), 1).value();
  store_->FailSyncsAfter(0);
  EXPECT_FALSE(w->Sync(w->Append(MakeOp(0, "a", "{}"))).ok());
  store_->ClearFaults();
  EXPECT_FALSE(w->Sync(w->Append(MakeOp(1, "b", "{}"))).ok());
}

TEST(WalFileNameTest, RoundTrip) {
  uint64_t g;
  EXPECT_TRUE(ParseWalFileName(WalFileName(0xabc), &g));
  EXPECT_EQ(g, 0xabcu);
  EXPECT_FALSE(ParseWalFileName("wal-xyz.log", &g));
  uint64_t s;
  EXPECT_TRUE(ParseDeletesFileName(DeletesFileName(5, 9), &s, &g));
  EXPECT_EQ(s, 5u);
  EXPECT_EQ(g, 9u);
}

}  // namespace
}  // namespace quiver::storage
