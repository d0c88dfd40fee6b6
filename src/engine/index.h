// Index: one Elasticsearch index on this node — its metadata (settings,
// mapping, aliases), its shards, and document parsing against the mapping
// with dynamic-mapping updates made durable before the document that needed
// them is acknowledged. Owned by the Node through shared_ptr; handlers keep a
// reference while they use it. Thread-safe.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "analysis/analysis_registry.h"
#include "common/status.h"
#include "engine/index_metadata.h"
#include "engine/shard.h"
#include "schema/mapping.h"
#include "segment/indexable_document.h"
#include "storage/blob_store.h"

namespace quiver::engine {

struct IndexEnv {
  storage::BlobStore* store = nullptr;
  MergePolicyOptions merge;
  size_t max_buffer_bytes = 64u << 20;
};

struct IndexStats {
  ShardStats total;
  std::vector<ShardStats> shards;
  uint64_t search_query_total = 0;
  uint64_t search_query_time_ms = 0;
  uint64_t search_fetch_total = 0;
  uint64_t get_total = 0;
};

class Index {
 public:
  // Creates a new index: shard directories, first commit, metadata.
  static Result<std::shared_ptr<Index>> Create(IndexMetadata meta, const IndexEnv& env);
  // Opens an existing index from its metadata (recovering every shard).
  static Result<std::shared_ptr<Index>> Load(IndexMetadata meta, const IndexEnv& env);
  ~Index();

  const std::string& name() const { return name_; }
  const std::string& uuid() const { return uuid_; }
  std::string dir() const { return "indices/" + uuid_ + "/"; }
  IndexMetadata metadata() const;
  schema::IndexSettings settings() const;
  // The current settings without copying them (for per-request hot paths).
  std::shared_ptr<const schema::IndexSettings> settings_snapshot() const;
  bool closed() const { return closed_.load(std::memory_order_acquire); }
  std::shared_ptr<const schema::Mapping> mapping() const;
  schema::MappingContext mapping_context(const schema::IndexSettings* settings) const;

  size_t num_shards() const { return shards_.size(); }
  Shard& shard(size_t i) { return *shards_[i]; }
  // The shard a document goes to: ES's murmur3 routing over `routing`, or
  // over the id when there is no routing.
  size_t ShardFor(std::string_view id, std::string_view routing) const;

  // Parses a document against the current mapping (publishing and
  // persisting any dynamic mapping update first) and analyzes its text.
  Result<segment::IndexableDocument> ParseDocument(std::string_view id, std::string_view routing,
                                                   std::string_view source);
  // The index's analyzers (built from its `analysis` settings).
  std::shared_ptr<const analysis::AnalysisRegistry> analysis() const;

  // PUT /{index}/_mapping (merge) and PUT /{index}/_settings.
  Status PutMapping(const json::value& body);
  Status UpdateSettings(const json::value& body, bool preserve_existing);
  // Applies `mutate` to a copy of the metadata and persists it (aliases,
  // open/close).
  Status UpdateMetadata(const std::function<Status(IndexMetadata*)>& mutate);

  Status Refresh();
  Status Flush();
  Status ForceMerge(int max_num_segments, bool only_expunge_deletes, bool flush);
  // Flushes (if asked) and closes every shard.
  Status Close(bool flush);

  // Background work, called by the node's scheduler.
  struct MaintenanceWork {
    std::vector<size_t> refresh, flush, sync, merge;
  };
  MaintenanceWork DueWork(int64_t now_ms);

  IndexStats Stats() const;
  void RecordSearch(uint64_t took_ms) {
    search_query_total_.fetch_add(1);
    search_query_time_ms_.fetch_add(took_ms);
  }
  void RecordGet() { get_total_.fetch_add(1); }

 private:
  Index(IndexMetadata meta, const IndexEnv& env);
  Status BuildAnalysisLocked();
  Status OpenShards(bool create);
  Status PersistLocked();
  void ApplyDurabilityLocked();
  // Rebuilds parse_env_ and closed_ after meta_.settings, meta_.closed or
  // analysis_ changed.
  void PublishLocked();

  // What parsing a document needs besides the mapping, shared by every
  // concurrent parse: copying settings per document cost a quarter of the
  // bulk path's CPU.
  struct ParseEnv {
    schema::IndexSettings settings;
    std::shared_ptr<const analysis::AnalysisRegistry> registry;
    schema::MappingContext context;  // context.settings points at `settings`
  };

  const std::string name_;
  const std::string uuid_;
  IndexEnv env_;
  IndexMetadataStore meta_store_;

  mutable std::mutex mu_;
  IndexMetadata meta_;                                          // GUARDED_BY(mu_)
  std::shared_ptr<const schema::Mapping> mapping_;              // GUARDED_BY(mu_)
  std::shared_ptr<const analysis::AnalysisRegistry> analysis_;  // GUARDED_BY(mu_)
  std::shared_ptr<const ParseEnv> parse_env_;                   // GUARDED_BY(mu_)
  std::atomic<bool> closed_{false};

  std::vector<std::unique_ptr<Shard>> shards_;
  uint32_t routing_num_shards_ = 1;

  // Scheduling state per shard.
  std::vector<int64_t> last_refresh_ms_, last_sync_ms_;
  std::atomic<uint64_t> search_query_total_{0}, search_query_time_ms_{0}, get_total_{0};
};

}  // namespace quiver::engine
