// Document write operations on an index — index, delete, partial update —
// shared by the single-document APIs, _bulk, and later the vector and Kafka
// ingest paths. They validate the request (id length, routing required),
// parse against the mapping, route to a shard and apply with ES's
// concurrency semantics. They do not wait for durability: callers sync the
// returned WalMarks once per request (group commit).
#pragma once

#include <optional>
#include <string>

#include "common/json.h"
#include "engine/index.h"

namespace quiver::engine {

struct IndexRequest {
  std::string id;  // empty: generate one
  std::string routing;
  std::string_view source;
  WriteConditions conditions;
};

struct DocWriteResult {
  std::string id;
  size_t shard = 0;
  WriteOutcome outcome;
};

Result<DocWriteResult> IndexDocument(Index& index, const IndexRequest& request);
Result<DocWriteResult> DeleteDocument(Index& index, const std::string& id,
                                      const std::string& routing,
                                      const WriteConditions& conditions);

struct UpdateRequest {
  std::string id;
  std::string routing;
  json::value doc;  // partial document (null when absent)
  bool has_doc = false;
  json::value upsert;  // null when absent
  bool has_upsert = false;
  bool doc_as_upsert = false;
  bool detect_noop = true;
  int retry_on_conflict = 0;
  std::optional<int64_t> if_seq_no;
  std::optional<int64_t> if_primary_term;
};

struct UpdateResult {
  DocWriteResult write;
  std::string source;  // the document after the update
  bool noop = false;
};

Result<UpdateResult> UpdateDocument(Index& index, const UpdateRequest& request);

// Merges `update` into `target` as Elasticsearch's partial update does:
// objects merge recursively, everything else is replaced. Returns whether
// anything changed.
bool MergePartialDocument(json::object* target, const json::object& update);

// ES limit on _id length in bytes.
inline constexpr size_t kMaxIdBytes = 512;

}  // namespace quiver::engine
