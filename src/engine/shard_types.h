// Value types of the shard write/read API.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "storage/wal_writer.h"

namespace quiver::engine {

enum class Durability { kRequest, kAsync };

enum class OpType { kIndex, kCreate };
enum class VersionType { kInternal, kExternal, kExternalGte };

// Optimistic concurrency conditions of a write (ES semantics).
struct WriteConditions {
  OpType op_type = OpType::kIndex;
  std::optional<int64_t> if_seq_no;
  std::optional<int64_t> if_primary_term;
  std::optional<int64_t> version;  // with version_type external / external_gte
  VersionType version_type = VersionType::kInternal;
};

// Where a write was logged: a request with durability `request` syncs the
// WAL up to here before acknowledging.
struct WalMark {
  std::shared_ptr<storage::WalWriter> wal;
  uint64_t position = 0;
};

struct WriteOutcome {
  enum class Kind { kCreated, kUpdated, kDeleted, kNotFound, kNoop };
  Kind kind = Kind::kCreated;
  uint64_t version = 1;
  int64_t seq_no = 0;
  uint64_t primary_term = 1;
  WalMark mark;
};

const char* WriteKindName(WriteOutcome::Kind kind);

struct GetResult {
  bool found = false;
  std::string id;
  std::string routing;
  std::string source;
  uint64_t version = 0;
  int64_t seq_no = -1;
  uint64_t primary_term = 1;
};

struct ShardStats {
  uint64_t docs_count = 0;
  uint64_t docs_deleted = 0;
  uint64_t store_size_bytes = 0;
  uint64_t segments_count = 0;
  uint64_t index_total = 0;
  uint64_t index_time_ms = 0;
  uint64_t index_failed = 0;
  uint64_t delete_total = 0;
  uint64_t refresh_total = 0;
  uint64_t flush_total = 0;
  uint64_t merge_total = 0;
  uint64_t merge_docs_total = 0;
  uint64_t wal_operations = 0;
  uint64_t wal_size_bytes = 0;
  int64_t max_seq_no = -1;
  int64_t global_checkpoint = -1;
  uint64_t indexing_buffer_bytes = 0;
};

}  // namespace quiver::engine
