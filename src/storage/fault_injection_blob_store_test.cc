#include "storage/fault_injection_blob_store.h"

#include <gtest/gtest.h>

#include "common/temp_dir.h"
#include "storage/local_blob_store.h"

namespace quiver::storage {
namespace {

class FaultInjectionBlobStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = LocalBlobStore::OpenRoot(dir_.path()).value();
    store_ = std::make_unique<FaultInjectionBlobStore>(base_.get());
  }
  TempDir dir_;
  std::unique_ptr<LocalBlobStore> base_;
  std::unique_ptr<FaultInjectionBlobStore> store_;
};

TEST_F(FaultInjectionBlobStoreTest, CrashDropsUnsyncedBytesAndNeverSyncedBlobs) {
  auto synced = store_->Create("synced").value();
  ASSERT_TRUE(synced->Append("durable").ok());
  ASSERT_TRUE(synced->Sync().ok());
  ASSERT_TRUE(synced->Append("-lost").ok());
  auto never = store_->Create("never").value();
  ASSERT_TRUE(never->Append("gone").ok());

  ASSERT_TRUE(store_->SimulateCrash(FaultInjectionBlobStore::TailMode::kDropUnsynced, 1).ok());
  EXPECT_EQ(store_->Open("synced").value()->data(), "durable");
  EXPECT_EQ(store_->Open("never").status().code(), StatusCode::kNotFound);
}

TEST_F(FaultInjectionBlobStoreTest, SyncBlobMakesAnUnsyncedBlobSurvive) {
  ASSERT_TRUE(store_->WriteBlobUnsynced("a", "kept").ok());
  ASSERT_TRUE(store_->WriteBlobUnsynced("b", "lost").ok());
  ASSERT_TRUE(store_->SyncBlob("a").ok());
  ASSERT_TRUE(store_->SimulateCrash(FaultInjectionBlobStore::TailMode::kDropUnsynced, 1).ok());
  EXPECT_EQ(store_->Open("a").value()->data(), "kept");
  EXPECT_EQ(store_->Open("b").status().code(), StatusCode::kNotFound);
}

TEST_F(FaultInjectionBlobStoreTest, TornWriteKeepsAPrefixOfTheTail) {
  auto w = store_->Create("f").value();
  ASSERT_TRUE(w->Append("0123456789").ok());
  ASSERT_TRUE(w->Sync().ok());
  ASSERT_TRUE(w->Append(std::string(100, 'x')).ok());
  ASSERT_TRUE(store_->SimulateCrash(FaultInjectionBlobStore::TailMode::kTornWrite, 3).ok());
  auto blob = store_->Open("f").value();
  auto data = blob->data();
  EXPECT_GE(data.size(), 10u);
  EXPECT_LT(data.size(), 110u);
  EXPECT_EQ(data.substr(0, 10), "0123456789");
}

TEST_F(FaultInjectionBlobStoreTest, GarbageTailKeepsLengthButChangesBytes) {
  auto w = store_->Create("f").value();
  ASSERT_TRUE(w->Append("keep").ok());
  ASSERT_TRUE(w->Sync().ok());
  ASSERT_TRUE(w->Append(std::string(64, 'x')).ok());
  ASSERT_TRUE(store_->SimulateCrash(FaultInjectionBlobStore::TailMode::kGarbageTail, 5).ok());
  auto blob = store_->Open("f").value();
  auto data = blob->data();
  ASSERT_EQ(data.size(), 68u);
  EXPECT_EQ(data.substr(0, 4), "keep");
  EXPECT_NE(data.substr(4), std::string(64, 'x'));
}

TEST_F(FaultInjectionBlobStoreTest, CountdownsFailLaterOperations) {
  store_->FailSyncsAfter(1);
  auto w = store_->Create("f").value();
  EXPECT_TRUE(w->Sync().ok());
  EXPECT_EQ(w->Sync().code(), StatusCode::kIoError);
  EXPECT_EQ(w->Sync().code(), StatusCode::kIoError);
  store_->ClearFaults();
  EXPECT_TRUE(w->Sync().ok());
  store_->FailAppendsAfter(0);
  EXPECT_FALSE(w->Append("x").ok());
  store_->ClearFaults();
  store_->FailCreatesAfter(0);
  EXPECT_FALSE(store_->Create("g").ok());
  store_->ClearFaults();
  store_->FailOpens(true);
  EXPECT_FALSE(store_->Open("f").ok());
}

}  // namespace
}  // namespace quiver::storage
