// WalWriter: appends operations to one WAL generation with group commit.
//
// Append() only encodes into an in-memory batch (cheap, under a short lock)
// and returns the log position after the record. Sync(pos) makes the log
// durable up to `pos`: the first caller to arrive writes and fsyncs the whole
// batch accumulated so far, while concurrent callers wait for it, so N
// concurrent requests share one fsync. Flush() hands the batch to the OS
// without fsync (durability `async`: survives a process crash, not a power
// loss, until the next Sync).
//
// After any I/O error the writer is failed for good and every later call
// returns that error (an fsync failure leaves the file's state unknown).
// Thread-safe.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>

#include "storage/blob_store.h"
#include "storage/wal_format.h"

namespace quiver::storage {

class WalWriter {
 public:
  // Creates generation `generation` as blob `name` and makes its header durable.
  static Result<std::unique_ptr<WalWriter>> Create(BlobStore* store, std::string name,
                                                   uint64_t generation);
  ~WalWriter();

  // Encodes `op` into the pending batch; returns the log position after it.
  uint64_t Append(const WalOperation& op);
  // Makes the log durable at least up to `position`.
  Status Sync(uint64_t position);
  // Durable up to everything appended so far.
  Status SyncAll();
  // Writes the pending batch to the OS without fsync.
  Status Flush();
  // SyncAll and close the file.
  Status Close();

  uint64_t generation() const { return generation_; }
  const std::string& name() const { return name_; }
  // Bytes appended (including not yet written).
  uint64_t size() const;
  uint64_t synced_position() const;

 private:
  WalWriter(std::unique_ptr<BlobWriter> file, std::string name, uint64_t generation,
            uint64_t start);
  // Writes the pending batch (and fsyncs if `sync`) unless another thread is
  // already doing I/O; waits for it otherwise. Returns when `position` is
  // written (and synced if asked).
  Status WriteOut(uint64_t position, bool sync);

  std::unique_ptr<BlobWriter> file_;
  const std::string name_;
  const uint64_t generation_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::string pending_;        // GUARDED_BY(mu_)
  uint64_t appended_ = 0;      // GUARDED_BY(mu_)
  uint64_t written_ = 0;       // GUARDED_BY(mu_)
  uint64_t synced_ = 0;        // GUARDED_BY(mu_)
  bool io_in_progress_ = false;  // GUARDED_BY(mu_)
  Status error_;               // GUARDED_BY(mu_)
  bool closed_ = false;        // GUARDED_BY(mu_)
};

}  // namespace quiver::storage
