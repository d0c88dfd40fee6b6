// FaultInjectionBlobStore: a BlobStore wrapper for crash and error tests
// (after leveldb's FaultInjectionTestEnv). It remembers, per blob written
// through it, how many bytes were made durable by Sync()/Close(), and can
//   - SimulateCrash(): drop what a power failure would lose — blobs never
//     synced disappear, others are cut back to their synced length, optionally
//     keeping a random torn fragment of the unsynced tail or garbage bytes;
//   - fail operations on demand (appends, syncs, creates, opens) with an
//     I/O error, immediately or after a countdown.
// Thread-safe.
#pragma once

#include <atomic>
#include <map>
#include <mutex>
#include <random>

#include "storage/blob_store.h"

namespace quiver::storage {

class FaultInjectionBlobStore : public BlobStore {
 public:
  explicit FaultInjectionBlobStore(BlobStore* base) : base_(base) {}

  Result<std::unique_ptr<BlobWriter>> Create(std::string_view name) override;
  Result<std::unique_ptr<BlobWriter>> OpenForAppend(std::string_view name) override;
  Result<std::shared_ptr<const Blob>> Open(std::string_view name) override;
  Result<std::vector<std::string>> List(std::string_view prefix) override;
  Status Delete(std::string_view name) override;
  Status DeletePrefix(std::string_view prefix) override;
  Status SyncBlob(std::string_view name) override;
  Status Truncate(std::string_view name, uint64_t size) override;
  Result<uint64_t> SizeOfPrefix(std::string_view prefix) override;

  enum class TailMode {
    kDropUnsynced,  // cut every blob back to its synced length
    kTornWrite,     // keep a random prefix of the unsynced bytes
    kGarbageTail,   // keep the unsynced length but overwrite it with random bytes
  };
  // Applies what a crash loses to the underlying store. Writers still open
  // must not be used afterwards.
  Status SimulateCrash(TailMode mode, uint32_t seed);

  // Error injection. A countdown of N lets N more operations of that kind
  // succeed, then every later one fails; -1 disables.
  void FailAppendsAfter(int n) { append_countdown_ = n; }
  void FailSyncsAfter(int n) { sync_countdown_ = n; }
  void FailCreatesAfter(int n) { create_countdown_ = n; }
  void FailOpens(bool fail) { fail_opens_ = fail; }
  void ClearFaults();

  // Durable length of a blob written through this store (testing aid).
  uint64_t SyncedSize(const std::string& name) const;

 private:
  friend class FaultInjectionWriter;
  struct FileState {
    uint64_t size = 0;
    uint64_t synced = 0;
    bool ever_synced = false;
  };
  static bool Take(std::atomic<int>& countdown);
  void OnAppend(const std::string& name, uint64_t new_size);
  void OnSync(const std::string& name);

  BlobStore* base_;
  mutable std::mutex mu_;
  std::map<std::string, FileState> files_;  // GUARDED_BY(mu_)
  std::atomic<int> append_countdown_{-1};
  std::atomic<int> sync_countdown_{-1};
  std::atomic<int> create_countdown_{-1};
  std::atomic<bool> fail_opens_{false};
};

}  // namespace quiver::storage
