#include "storage/manifest.h"

#include <gtest/gtest.h>

#include "common/temp_dir.h"
#include "storage/file_names.h"
#include "storage/local_blob_store.h"
#include "storage/manifest_store.h"

namespace quiver::storage {
namespace {

Manifest Sample(uint64_t gen) {
  Manifest m;
  m.generation = gen;
  m.index_uuid = "uuid-1";
  m.shard = 2;
  m.checkpoint = 41;
  m.max_seq_no = 41;
  m.next_segment_id = 5;
  m.wal_generation = 3;
  m.segments.push_back({1, 100, 2, 3, 4096});
  m.segments.push_back({4, 7, 0, 0, 512});
  m.user_data["kafka"] = "topic:0:17";
  return m;
}

TEST(ManifestTest, EncodeDecodeRoundTrip) {
  Manifest m = Sample(9);
  auto back = DecodeManifest(EncodeManifest(m)).value();
  EXPECT_EQ(back.generation, 9u);
  EXPECT_EQ(back.index_uuid, "uuid-1");
  EXPECT_EQ(back.shard, 2u);
  EXPECT_EQ(back.checkpoint, 41);
  ASSERT_EQ(back.segments.size(), 2u);
  EXPECT_EQ(back.segments[0].del_gen, 2u);
  EXPECT_EQ(back.segments[1].size_bytes, 512u);
  EXPECT_EQ(back.user_data.at("kafka"), "topic:0:17");
}

TEST(ManifestTest, EveryFlippedByteIsDetected) {
  std::string bytes = EncodeManifest(Sample(1));
  for (size_t i = 0; i < bytes.size(); ++i) {
    std::string bad = bytes;
    bad[i] ^= 0x20;
    EXPECT_FALSE(DecodeManifest(bad).ok()) << "byte " << i;
  }
  EXPECT_FALSE(DecodeManifest(bytes.substr(0, bytes.size() - 1)).ok());
}

TEST(ManifestStoreTest, LoadsNewestValidAndSkipsTornOne) {
  TempDir dir;
  auto store = LocalBlobStore::OpenRoot(dir.path()).value();
  ManifestStore ms(store.get(), "s/");
  EXPECT_EQ(ms.LoadLatest().status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(ms.Write(Sample(1)).ok());
  ASSERT_TRUE(ms.Write(Sample(2)).ok());
  std::string torn = EncodeManifest(Sample(3));
  ASSERT_TRUE(store->WriteBlob("s/" + ManifestFileName(3), torn.substr(0, torn.size() / 2)).ok());
  std::vector<std::string> skipped;
  auto m = ms.LoadLatest(&skipped).value();
  EXPECT_EQ(m.generation, 2u);
  EXPECT_EQ(skipped.size(), 1u);
  ASSERT_TRUE(ms.DeleteOlderThan(2).ok());
  EXPECT_EQ(store->List("s/manifest-").value().size(), 2u);
}

TEST(ManifestStoreTest, AllCorruptIsCorruption) {
  TempDir dir;
  auto store = LocalBlobStore::OpenRoot(dir.path()).value();
  ASSERT_TRUE(store->WriteBlob("s/" + ManifestFileName(1), "garbage").ok());
  ManifestStore ms(store.get(), "s/");
  EXPECT_EQ(ms.LoadLatest().status().code(), StatusCode::kCorruption);
}

}  // namespace
}  // namespace quiver::storage
