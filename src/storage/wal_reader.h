// WalReader: iterates the operations of one WAL generation held in memory
// (an mmap'd blob). Stops at the first incomplete or checksum-failing record:
// everything from there on is a torn tail that was never acknowledged (see
// docs/formats/wal.md). A bad file header or a record that passes its
// checksum but does not decode is corruption. Not thread-safe.
#pragma once

#include <memory>

#include "storage/blob_store.h"
#include "storage/wal_format.h"

namespace quiver::storage {

class WalReader {
 public:
  // Validates the header; kCorruption if it is not a WAL file of `generation`.
  static Result<WalReader> Open(std::shared_ptr<const Blob> blob, uint64_t generation);

  // Next operation (views into the blob, valid while the reader lives), or
  // false at the end of the valid log.
  bool Next(WalOperation* op);

  // Non-OK if a checksummed record failed to decode (real corruption).
  const Status& status() const { return status_; }
  // Byte offset just after the last good record.
  uint64_t valid_end() const { return pos_; }
  // True if bytes after valid_end() were ignored (a torn or garbage tail).
  bool has_torn_tail() const { return done_ && pos_ < data_.size() && status_.ok(); }

 private:
  WalReader(std::shared_ptr<const Blob> blob) : blob_(std::move(blob)), data_(blob_->data()) {}
  std::shared_ptr<const Blob> blob_;
  std::string_view data_;
  uint64_t pos_ = kWalHeaderSize;
  bool done_ = false;
  Status status_;
};

}  // namespace quiver::storage
