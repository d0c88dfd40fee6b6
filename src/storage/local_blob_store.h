// LocalBlobStore: BlobStore over a local directory. Names map to paths under
// the root ('/' separates directories, created on demand). Reads use mmap;
// durability uses fdatasync on files and fsync on directories whose entries
// changed. Thread-safe.
#pragma once

#include <filesystem>
#include <string>

#include "storage/blob_store.h"

namespace quiver::storage {

class LocalBlobStore : public BlobStore {
 public:
  // Creates the root directory if needed.
  static Result<std::unique_ptr<LocalBlobStore>> OpenRoot(const std::filesystem::path& root);

  Result<std::unique_ptr<BlobWriter>> Create(std::string_view name) override;
  Result<std::unique_ptr<BlobWriter>> OpenForAppend(std::string_view name) override;
  Result<std::shared_ptr<const Blob>> Open(std::string_view name) override;
  Result<std::vector<std::string>> List(std::string_view prefix) override;
  Status Delete(std::string_view name) override;
  Status DeletePrefix(std::string_view prefix) override;
  Status SyncBlob(std::string_view name) override;
  Status Truncate(std::string_view name, uint64_t size) override;
  Result<uint64_t> SizeOfPrefix(std::string_view prefix) override;

  const std::filesystem::path& root() const { return root_; }

 private:
  explicit LocalBlobStore(std::filesystem::path root) : root_(std::move(root)) {}
  Result<std::filesystem::path> PathFor(std::string_view name) const;
  Result<std::unique_ptr<BlobWriter>> OpenWriter(std::string_view name, bool truncate);

  std::filesystem::path root_;
};

// Holds an exclusive advisory lock (flock) on `path` for the lifetime of the
// object, so that two processes never share a data directory.
class DirectoryLock {
 public:
  static Result<std::unique_ptr<DirectoryLock>> Acquire(const std::filesystem::path& path);
  ~DirectoryLock();

 private:
  explicit DirectoryLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace quiver::storage
