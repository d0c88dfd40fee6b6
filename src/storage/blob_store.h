// BlobStore: the one interface through which Quiver persists anything.
//
// A store is a flat namespace of named blobs ("indices/<uuid>/0/seg-…") under
// one root: a local directory today (LocalBlobStore), an object-store bucket
// prefix later. It offers only what both can do well:
//   - write-once blobs, written sequentially and made durable by Close();
//   - the same writer used as an append-only log (Append + Sync, repeatedly);
//   - whole-blob reads (mmap locally), listing by prefix, delete.
// There is no rename: commit points are new blobs with higher generations
// (see docs/formats/manifest.md).
//
// Implementations are safe for concurrent use from multiple threads; a single
// BlobWriter is used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace quiver::storage {

// The bytes of a blob, valid for the lifetime of this object (an mmap
// locally; a heap buffer for small blobs or other stores).
class Blob {
 public:
  virtual ~Blob() = default;
  virtual std::string_view data() const = 0;
  size_t size() const { return data().size(); }
};

// Sequential writer of a new blob. Data appended is visible to readers that
// open the blob later, but durable only after Sync() or Close().
class BlobWriter {
 public:
  virtual ~BlobWriter() = default;
  virtual Status Append(std::string_view data) = 0;
  // Makes everything appended so far durable (fdatasync), including the
  // blob's existence under its name.
  virtual Status Sync() = 0;
  // Sync() and release the handle. Further calls fail.
  virtual Status Close() = 0;
  // Releases the handle without making anything durable.
  virtual Status CloseUnsynced() = 0;
  virtual uint64_t size() const = 0;
};

class BlobStore {
 public:
  virtual ~BlobStore() = default;

  // Creates (or truncates) a blob for writing.
  virtual Result<std::unique_ptr<BlobWriter>> Create(std::string_view name) = 0;
  // Reopens an existing blob to append to it (a WAL after recovery).
  virtual Result<std::unique_ptr<BlobWriter>> OpenForAppend(std::string_view name) = 0;
  // Opens a blob for reading. kNotFound if it does not exist.
  virtual Result<std::shared_ptr<const Blob>> Open(std::string_view name) = 0;
  // Names (relative to the store root) starting with `prefix`, sorted.
  virtual Result<std::vector<std::string>> List(std::string_view prefix) = 0;
  // Deletes a blob; OK if it did not exist.
  virtual Status Delete(std::string_view name) = 0;
  // Deletes every blob whose name starts with `prefix`.
  virtual Status DeletePrefix(std::string_view prefix) = 0;
  // Makes a blob written earlier (and closed without sync, or still open)
  // durable, including its name. Used at flush for segments written at
  // refresh without fsync.
  virtual Status SyncBlob(std::string_view name) = 0;
  // Cuts a blob to `size` bytes and makes that durable (torn WAL tails).
  virtual Status Truncate(std::string_view name, uint64_t size) = 0;
  // Bytes stored under `prefix` (for stats).
  virtual Result<uint64_t> SizeOfPrefix(std::string_view prefix) = 0;

  // Convenience: Create + Append + Close.
  Status WriteBlob(std::string_view name, std::string_view data);
  // Convenience: Create + Append, not synced (see SyncBlob).
  Status WriteBlobUnsynced(std::string_view name, std::string_view data);
};

}  // namespace quiver::storage
