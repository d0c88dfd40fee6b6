// Shard: one shard of an index — WAL, in-memory buffer, immutable segments
// and manifest (../../docs/architecture.md, docs/formats/).
//
// Writes are serialized by a write lock that covers only the version check,
// sequence number assignment, the WAL append (into memory) and the version
// map; the document itself is added to one of several indexing buffers
// (writer slots, one per core: Lucene's DocumentsWriterPerThread), each with
// its own lock, so concurrent writers invert documents in parallel. fsync
// happens after the locks are released and is shared by concurrent requests
// (group commit). Searches use immutable point-in-time SegmentSets published
// by refresh; nothing a searcher holds ever changes. Refresh turns every
// non-empty slot into a segment. Refresh, flush and merge run on background
// threads.
//
// Lock order: flush_mu_ → refresh_mu_ → WriterSlot::mu (in slot order) →
// write_mu_ → searcher_mu_.
// Thread-safe.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/status.h"
#include "engine/merge_policy.h"
#include "engine/shard_types.h"
#include "engine/version_map.h"
#include "segment/indexable_document.h"
#include "segment/segment_builder.h"
#include "segment/segment_view.h"
#include "storage/blob_store.h"
#include "storage/manifest_store.h"
#include "storage/wal_writer.h"

namespace quiver::engine {

// Parses a logged document again during WAL replay (the index supplies it:
// mapping, dynamic updates).
using ReplayParser = std::function<Result<segment::IndexableDocument>(
    std::string_view id, std::string_view routing, std::string_view source)>;

struct ShardOptions {
  std::string index_uuid;
  uint32_t shard_id = 0;
  std::string dir;  // blob prefix ending in '/': "indices/<uuid>/<shard>/"
  storage::BlobStore* store = nullptr;
  Durability durability = Durability::kRequest;
  // Refresh when the buffer holds this much (ES: indices.memory.index_buffer_size).
  size_t max_buffer_bytes = 64u << 20;
  // Flush when the WAL grows past this (ES: index.translog.flush_threshold_size).
  uint64_t flush_threshold_bytes = 512ull << 20;
  int64_t gc_deletes_ms = 60000;
  MergePolicyOptions merge;
  ReplayParser replay_parser;
  // Indexing buffers written in parallel; 0 = one per hardware thread (at
  // most 8).
  size_t num_writer_slots = 0;
};

class Shard {
 public:
  // Opens the shard: creates it if its directory is empty, otherwise
  // recovers (newest valid manifest, segments, WAL replay, then a flush).
  static Result<std::unique_ptr<Shard>> Open(ShardOptions options);
  ~Shard();

  // Indexes `doc`; `original_source` is what the client sent (logged for
  // replay; doc.source is what is stored).
  Result<WriteOutcome> Index(const segment::IndexableDocument& doc,
                             std::string_view original_source, const WriteConditions& conditions);
  Result<WriteOutcome> Delete(std::string_view id, const WriteConditions& conditions);
  // Makes the write at `mark` durable (durability `request`), or hands it
  // to the OS (durability `async`).
  Status Sync(const WalMark& mark);
  // Background fsync for durability `async`.
  Status SyncWal();
  void set_durability(Durability d) { durability_.store(d); }
  Durability durability() const { return durability_.load(); }

  // Realtime GET sees every acknowledged write; otherwise the last refresh.
  Result<GetResult> Get(std::string_view id, bool realtime) const;

  // The current point-in-time view for searches.
  std::shared_ptr<const segment::SegmentSet> AcquireSearcher() const;

  Status Refresh();
  // Blocks until a refresh has made seq_no visible; refreshes now if
  // `refresh_now` (refresh interval disabled) or when asked to.
  Status WaitForRefresh(int64_t seq_no, bool refresh_now);
  // Commits: refresh, persist segments and deletions, write a manifest,
  // trim the WAL.
  Status Flush();
  // Runs the merges the policy asks for, one at a time. Returns whether it merged.
  Result<bool> MaybeMerge();
  Status ForceMerge(int max_num_segments, bool only_expunge_deletes);
  // Flushes and closes the WAL; further writes fail.
  Status Close();
  // Stops without committing (the index is being deleted).
  Status Abandon();

  bool NeedsRefresh() const;
  // The indexing buffer has outgrown max_buffer_bytes.
  bool BufferIsFull() const;
  bool NeedsFlush() const;
  ShardStats Stats() const;
  uint32_t shard_id() const { return options_.shard_id; }
  int64_t max_seq_no() const;

 private:
  explicit Shard(ShardOptions options);

  struct Location {
    bool found = false;
    bool deleted = false;  // a tombstone was found (version still meaningful)
    uint64_t version = 0;
    int64_t seq_no = -1;
    uint64_t primary_term = 1;
    uint64_t segment_id = 0;
    uint32_t doc = 0;
  };
  // Checkpoint state captured by the refresh that starts a flush.
  struct Checkpoint {
    int64_t seq_no = -1;
    std::vector<segment::SegmentView> segments;
    std::shared_ptr<storage::WalWriter> old_wal;
    std::shared_ptr<storage::WalWriter> new_wal;
  };

  // An indexing buffer and the segment id it will become at refresh.
  struct WriterSlot {
    std::mutex mu;
    // GUARDED_BY(mu); replaced only with write_mu_ held as well.
    std::unique_ptr<segment::SegmentBuilder> builder;
    // Readable under either lock; written with both held.
    uint64_t segment_id = 0;
    std::atomic<size_t> ram_bytes{0};
  };
  // A buffer being (or failed to be) built into a segment; still serves
  // realtime GET.
  struct FrozenBuffer {
    uint64_t segment_id;
    std::unique_ptr<segment::SegmentBuilder> builder;
  };

  // Returns a slot with its mutex locked: the first free one, else waits.
  WriterSlot& LockSlot();
  // Indexes into `slot` (whose mutex the caller holds): the write-locked
  // part, then the buffer append outside write_mu_. `wal_source` is logged
  // unless `replay`.
  Result<WriteOutcome> IndexInSlot(WriterSlot& slot, const segment::IndexableDocument& doc,
                                   std::string_view wal_source, const WriteConditions& conditions,
                                   const segment::DocMeta* replay);
  size_t BufferRamBytes() const;
  Status Recover();
  Status ReplayWal(const storage::Manifest& manifest);
  Location LookupLocked(std::string_view id) const;
  Status CheckWritableLocked() const;
  Status CheckConditionsLocked(std::string_view id, const Location& cur, const WriteConditions& c,
                               bool is_delete) const;
  void MarkDeletedLocked(uint64_t segment_id, uint32_t doc);
  Status RefreshLocked(Checkpoint* checkpoint);
  Status MergeSegments(const std::vector<uint64_t>& segment_ids);
  Status CollectGarbage(const storage::Manifest& manifest);
  std::shared_ptr<const segment::SegmentSet> searcher() const;
  void Publish(std::shared_ptr<const segment::SegmentSet> set);
  std::string SegmentBlobName(uint64_t id) const;

  ShardOptions options_;
  std::atomic<Durability> durability_;
  storage::ManifestStore manifests_;
  TieredMergePolicy merge_policy_;

  std::mutex flush_mu_;
  std::mutex refresh_mu_;
  mutable std::mutex write_mu_;
  mutable std::mutex searcher_mu_;
  std::condition_variable refreshed_cv_;  // with write_mu_

  // GUARDED_BY(write_mu_)
  bool closed_ = false;
  // Set when the shard can no longer accept writes safely (an I/O error
  // during refresh or WAL sync): writes fail until the node restarts and
  // recovers the shard from its manifest and WAL.
  Status failed_;
  int64_t max_seq_no_ = -1;
  int64_t refreshed_seq_no_ = -1;
  uint64_t next_segment_id_ = 1;
  // Buffers being built into segments, or whose refresh failed (kept so
  // realtime GET still serves them).
  std::vector<FrozenBuffer> frozen_;
  std::unordered_map<uint64_t, std::vector<uint32_t>> pending_deletes_;
  VersionMap version_map_;
  std::shared_ptr<storage::WalWriter> wal_;
  uint64_t wal_generation_ = 0;
  uint64_t ops_since_refresh_ = 0;

  // Fixed at construction; each slot guards itself.
  std::vector<std::unique_ptr<WriterSlot>> slots_;
  std::atomic<size_t> next_slot_hint_{0};

  // GUARDED_BY(searcher_mu_)
  std::shared_ptr<const segment::SegmentSet> searcher_;

  // GUARDED_BY(flush_mu_)
  uint64_t manifest_generation_ = 0;
  std::set<uint64_t> synced_segments_;
  std::map<uint64_t, std::pair<uint64_t, std::shared_ptr<const segment::LiveDocs>>>
      persisted_deletes_;  // segment id -> (del gen, live docs written)

  // Segment ids whose files are being written (protected from GC).
  mutable std::mutex in_flight_mu_;
  std::set<uint64_t> in_flight_;  // GUARDED_BY(in_flight_mu_)
  std::set<uint64_t> merging_;    // GUARDED_BY(refresh_mu_)

  // Stats.
  std::atomic<uint64_t> index_total_{0}, index_time_ns_{0}, delete_total_{0};
  std::atomic<uint64_t> refresh_total_{0}, flush_total_{0}, merge_total_{0}, merge_docs_{0};
};

}  // namespace quiver::engine
