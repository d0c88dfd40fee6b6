#include "storage/local_blob_store.h"

#include <gtest/gtest.h>

#include "common/temp_dir.h"

namespace quiver::storage {
namespace {

TEST(LocalBlobStoreTest, WriteReadListDelete) {
  TempDir dir;
  auto store = LocalBlobStore::OpenRoot(dir.path() / "root").value();
  ASSERT_TRUE(store->WriteBlob("a/b/one", "hello").ok());
  ASSERT_TRUE(store->WriteBlob("a/b/two", "").ok());
  ASSERT_TRUE(store->WriteBlob("a/c", "x").ok());
  auto blob = store->Open("a/b/one").value();
  EXPECT_EQ(blob->data(), "hello");
  EXPECT_EQ(store->Open("a/b/two").value()->size(), 0u);
  auto names = store->List("a/b/").value();
  ASSERT_EQ(names.size(), 2u);
  EXPECT_EQ(names[0], "a/b/one");
  EXPECT_EQ(store->List("a/").value().size(), 3u);
  EXPECT_EQ(store->SizeOfPrefix("a/").value(), 6u);
  ASSERT_TRUE(store->Delete("a/b/one").ok());
  ASSERT_TRUE(store->Delete("a/b/one").ok());  // deleting twice is fine
  EXPECT_EQ(store->Open("a/b/one").status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(store->DeletePrefix("a/").ok());
  EXPECT_TRUE(store->List("a").value().empty());
}

TEST(LocalBlobStoreTest, MappedBlobOutlivesDelete) {
  TempDir dir;
  auto store = LocalBlobStore::OpenRoot(dir.path()).value();
  ASSERT_TRUE(store->WriteBlob("f", std::string(10000, 'z')).ok());
  auto blob = store->Open("f").value();
  ASSERT_TRUE(store->Delete("f").ok());
  EXPECT_EQ(blob->data().size(), 10000u);
  EXPECT_EQ(blob->data()[9999], 'z');
}

TEST(LocalBlobStoreTest, AppendReopenAndTruncate) {
  TempDir dir;
  auto store = LocalBlobStore::OpenRoot(dir.path()).value();
  {
    auto w = store->Create("log").value();
    ASSERT_TRUE(w->Append("abc").ok());
    ASSERT_TRUE(w->Sync().ok());
    ASSERT_TRUE(w->Close().ok());
    EXPECT_FALSE(w->Append("more").ok());
  }
  {
    auto w = store->OpenForAppend("log").value();
    EXPECT_EQ(w->size(), 3u);
    ASSERT_TRUE(w->Append("def").ok());
    ASSERT_TRUE(w->Close().ok());
  }
  EXPECT_EQ(store->Open("log").value()->data(), "abcdef");
  ASSERT_TRUE(store->Truncate("log", 2).ok());
  EXPECT_EQ(store->Open("log").value()->data(), "ab");
}

TEST(LocalBlobStoreTest, RejectsEscapingNames) {
  TempDir dir;
  auto store = LocalBlobStore::OpenRoot(dir.path()).value();
  EXPECT_FALSE(store->WriteBlob("../evil", "x").ok());
  EXPECT_FALSE(store->WriteBlob("/abs", "x").ok());
  EXPECT_FALSE(store->WriteBlob("", "x").ok());
}

TEST(DirectoryLockTest, SecondLockFails) {
  TempDir dir;
  auto first = DirectoryLock::Acquire(dir.path() / "node.lock");
  ASSERT_TRUE(first.ok());
  auto second = DirectoryLock::Acquire(dir.path() / "node.lock");
  EXPECT_EQ(second.status().code(), StatusCode::kUnavailable);
  first->reset();
  EXPECT_TRUE(DirectoryLock::Acquire(dir.path() / "node.lock").ok());
}

}  // namespace
}  // namespace quiver::storage
