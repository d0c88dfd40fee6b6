// Test fixture for shards over a fault-injecting store in a temp dir.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "common/temp_dir.h"
#include "engine/shard.h"
#include "storage/fault_injection_blob_store.h"
#include "storage/local_blob_store.h"

namespace quiver::engine {

inline segment::IndexableDocument TestDoc(std::string_view id, std::string_view source,
                                          std::string_view routing = "") {
  segment::IndexableDocument d;
  d.parsed.id = std::string(id);
  d.parsed.source = std::string(source);
  d.parsed.routing = std::string(routing);
  return d;
}

class ShardFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = storage::LocalBlobStore::OpenRoot(dir_.path()).value();
    store_ = std::make_unique<storage::FaultInjectionBlobStore>(base_.get());
    Reopen();
  }

  ShardOptions Options() {
    ShardOptions o;
    o.index_uuid = "test-uuid";
    o.shard_id = 0;
    o.dir = "indices/test-uuid/0/";
    o.store = store_.get();
    o.durability = durability_;
    o.merge = merge_options_;
    o.num_writer_slots = num_writer_slots_;
    o.replay_parser = [](std::string_view id, std::string_view routing,
                         std::string_view source) -> Result<segment::IndexableDocument> {
      return TestDoc(id, source, routing);
    };
    return o;
  }

  void Reopen() {
    shard_.reset();
    auto s = Shard::Open(Options());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    shard_ = std::move(s).value();
  }

  // Loses everything not synced, as a power cut would, then reopens.
  void CrashAndReopen(storage::FaultInjectionBlobStore::TailMode mode, uint32_t seed) {
    ASSERT_TRUE(store_->SimulateCrash(mode, seed).ok());
    // The dying process may not write anything more.
    store_->FailCreatesAfter(0);
    store_->FailAppendsAfter(0);
    store_->FailSyncsAfter(0);
    shard_.reset();
    store_->ClearFaults();
    ASSERT_TRUE(store_->SimulateCrash(mode, seed + 1).ok());
    Reopen();
  }

  WriteOutcome IndexDoc(std::string_view id, std::string_view source,
                        const WriteConditions& c = {}) {
    auto r = shard_->Index(TestDoc(id, source), source, c);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (!r.ok()) return {};
    EXPECT_TRUE(shard_->Sync(r->mark).ok());
    return *r;
  }

  std::string GetSource(std::string_view id, bool realtime = true) {
    auto r = shard_->Get(id, realtime);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() && r->found ? r->source : std::string("<missing>");
  }

  TempDir dir_;
  std::unique_ptr<storage::LocalBlobStore> base_;
  std::unique_ptr<storage::FaultInjectionBlobStore> store_;
  std::unique_ptr<Shard> shard_;
  Durability durability_ = Durability::kRequest;
  MergePolicyOptions merge_options_;
  size_t num_writer_slots_ = 0;  // 0: the shard's default (one per core)
};

}  // namespace quiver::engine
