// Node: the catalog of indices on this machine and the background scheduler
// that refreshes, syncs, flushes and merges them. One per process and data
// directory (guarded by a lock file). Thread-safe.
#pragma once

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "common/json.h"
#include "common/strings.h"
#include "common/thread_pool.h"
#include "engine/index.h"
#include "storage/local_blob_store.h"

namespace quiver::engine {

struct NodeOptions {
  std::filesystem::path data_dir = "data";
  std::string node_name = "quiver-node";
  std::string cluster_name = "quiver";
  // ES 8 default: deleting indices by wildcard or _all is refused.
  bool destructive_requires_name = true;
  // action.auto_create_index
  bool auto_create_index = true;
  size_t refresh_threads = 1;
  size_t merge_threads = 1;
  size_t max_buffer_bytes = 64u << 20;
  MergePolicyOptions merge;
};

// ES IndicesOptions: how an index expression is expanded.
struct IndicesOptions {
  bool ignore_unavailable = false;
  bool allow_no_indices = true;
  bool expand_open = true;
  bool expand_closed = false;
  bool expand_hidden = false;
  bool allow_aliases = true;
};

// One alias add/remove from POST /_aliases (already expanded to concrete
// index and alias names).
struct AliasAction {
  enum class Kind { kAdd, kRemove, kRemoveIndex };
  Kind kind = Kind::kAdd;
  std::string index;
  std::string alias;
  AliasMetadata metadata;  // for kAdd
  bool must_exist = false;
};

class Node {
 public:
  static Result<std::unique_ptr<Node>> Open(NodeOptions options);
  ~Node();

  const NodeOptions& options() const { return options_; }
  const std::string& node_id() const { return node_id_; }
  const std::string& cluster_uuid() const { return cluster_uuid_; }

  // PUT /{index}: body may hold settings, mappings, aliases.
  Result<std::shared_ptr<Index>> CreateIndex(const std::string& name, const json::value& body);
  // Deletes concrete indices (already resolved).
  Status DeleteIndices(const std::vector<std::shared_ptr<Index>>& indices);
  // Index or nullptr.
  std::shared_ptr<Index> FindIndex(std::string_view name) const;
  // For writes: the index named (or the write index of the alias named),
  // created on the fly when auto-create allows.
  Result<std::shared_ptr<Index>> IndexForWrite(std::string_view name, bool allow_create);
  std::vector<std::shared_ptr<Index>> AllIndices() const;

  // Expands an index expression (comma list, wildcards, aliases, _all,
  // exclusions) to concrete indices, ES-style errors when missing.
  Result<std::vector<std::shared_ptr<Index>>> Resolve(std::string_view expression,
                                                      const IndicesOptions& options) const;
  // Aliases of an index that match `alias_expression` (for GET _alias).
  bool IsAlias(std::string_view name) const;
  std::vector<std::string> AliasesMatching(std::string_view pattern) const;
  // Applies alias actions atomically per index.
  Status UpdateAliases(const std::vector<AliasAction>& actions);

  // Stops background work and closes every index (flushing).
  Status Close();

 private:
  explicit Node(NodeOptions options);
  Status LoadIndices();
  Status DeleteIndicesLocked(const std::vector<std::shared_ptr<Index>>& indices);
  void SchedulerLoop();
  void RunMaintenance();
  IndexEnv Env() const;

  NodeOptions options_;
  std::string node_id_;
  std::string cluster_uuid_;
  std::unique_ptr<storage::DirectoryLock> lock_;
  std::unique_ptr<storage::LocalBlobStore> store_;

  mutable std::mutex mu_;
  std::map<std::string, std::shared_ptr<Index>> indices_;  // GUARDED_BY(mu_)
  std::mutex meta_mu_;                                     // serializes create/delete/alias changes

  std::unique_ptr<ThreadPool> refresh_pool_;
  std::unique_ptr<ThreadPool> merge_pool_;
  std::mutex busy_mu_;
  std::set<std::string> busy_;  // "<uuid>/<shard>/<kind>" tasks queued or running
  std::thread scheduler_;
  std::mutex scheduler_mu_;
  std::condition_variable scheduler_cv_;
  bool stopping_ = false;
  bool closed_ = false;
};

// Callers spell it engine::SimpleMatch (common/strings.h).
using quiver::SimpleMatch;

}  // namespace quiver::engine
