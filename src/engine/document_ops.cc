#include "engine/document_ops.h"

#include "common/ids.h"

namespace quiver::engine {
namespace {

Status ValidateId(const std::string& id) {
  if (id.size() > kMaxIdBytes) {
    return Status::InvalidArgument("Validation Failed: 1: id [" + id +
                                   "] is too long, must be no longer than 512 bytes but was: " +
                                   std::to_string(id.size()) + ";")
        .WithType("action_request_validation_exception");
  }
  return Status::Ok();
}

Status CheckRouting(Index& index, const std::string& id, const std::string& routing) {
  if (routing.empty() && index.mapping()->routing_required()) {
    return Status::InvalidArgument("routing is required for [" + index.name() + "]/[" + id + "]")
        .WithType("routing_missing_exception")
        .WithMeta("index_uuid", index.uuid())
        .WithMeta("index", index.name());
  }
  return Status::Ok();
}

Status WithShardMeta(const Status& s, Index& index, size_t shard) {
  if (s.code() == StatusCode::kConflict || s.code() == StatusCode::kNotFound) {
    return s.WithMeta("index_uuid", index.uuid())
        .WithMeta("shard", std::to_string(shard))
        .WithMeta("index", index.name());
  }
  return s;
}

}  // namespace

Result<DocWriteResult> IndexDocument(Index& index, const IndexRequest& request) {
  DocWriteResult result;
  result.id = request.id.empty() ? NewDocumentId() : request.id;
  QUIVER_RETURN_IF_ERROR(ValidateId(result.id));
  QUIVER_RETURN_IF_ERROR(CheckRouting(index, result.id, request.routing));
  QUIVER_ASSIGN_OR_RETURN(segment::IndexableDocument doc,
                          index.ParseDocument(result.id, request.routing, request.source));
  result.shard = index.ShardFor(result.id, request.routing);
  auto out = index.shard(result.shard).Index(doc, request.source, request.conditions);
  if (!out.ok()) return WithShardMeta(out.status(), index, result.shard);
  result.outcome = std::move(out).value();
  return result;
}

Result<DocWriteResult> DeleteDocument(Index& index, const std::string& id,
                                      const std::string& routing,
                                      const WriteConditions& conditions) {
  QUIVER_RETURN_IF_ERROR(ValidateId(id));
  QUIVER_RETURN_IF_ERROR(CheckRouting(index, id, routing));
  DocWriteResult result;
  result.id = id;
  result.shard = index.ShardFor(id, routing);
  auto out = index.shard(result.shard).Delete(id, conditions);
  if (!out.ok()) return WithShardMeta(out.status(), index, result.shard);
  result.outcome = std::move(out).value();
  return result;
}

bool MergePartialDocument(json::object* target, const json::object& update) {
  bool changed = false;
  for (const auto& kv : update) {
    auto* existing = target->if_contains(kv.key());
    if (existing != nullptr && existing->is_object() && kv.value().is_object()) {
      changed |= MergePartialDocument(&existing->get_object(), kv.value().get_object());
    } else if (existing == nullptr || *existing != kv.value()) {
      (*target)[kv.key()] = kv.value();
      changed = true;
    }
  }
  return changed;
}

Result<UpdateResult> UpdateDocument(Index& index, const UpdateRequest& request) {
  QUIVER_RETURN_IF_ERROR(ValidateId(request.id));
  QUIVER_RETURN_IF_ERROR(CheckRouting(index, request.id, request.routing));
  size_t shard_id = index.ShardFor(request.id, request.routing);
  Shard& shard = index.shard(shard_id);
  for (int attempt = 0;; ++attempt) {
    QUIVER_ASSIGN_OR_RETURN(GetResult current, shard.Get(request.id, /*realtime=*/true));
    UpdateResult result;
    result.write.id = request.id;
    result.write.shard = shard_id;
    WriteConditions cond;
    std::string new_source;
    if (!current.found) {
      if (request.if_seq_no || request.if_primary_term) {
        return WithShardMeta(Status::NotFound("[" + request.id + "]: document missing")
                                 .WithType("document_missing_exception"),
                             index, shard_id);
      }
      if (request.has_upsert) {
        new_source = ToJson(request.upsert);
      } else if (request.doc_as_upsert && request.has_doc) {
        new_source = ToJson(request.doc);
      } else {
        return WithShardMeta(Status::NotFound("[" + request.id + "]: document missing")
                                 .WithType("document_missing_exception"),
                             index, shard_id);
      }
      cond.op_type = OpType::kCreate;
    } else {
      if (request.if_seq_no &&
          (current.seq_no != *request.if_seq_no ||
           static_cast<int64_t>(current.primary_term) != request.if_primary_term.value_or(0))) {
        return WithShardMeta(
            Status::Conflict("[" + request.id + "]: version conflict, required seqNo [" +
                             std::to_string(*request.if_seq_no) + "], primary term [" +
                             std::to_string(request.if_primary_term.value_or(0)) +
                             "]. current document has seqNo [" + std::to_string(current.seq_no) +
                             "] and primary term [" + std::to_string(current.primary_term) + "]"),
            index, shard_id);
      }
      auto parsed = ParseJson(current.source);
      if (!parsed.ok() || !parsed->is_object()) {
        return Status::InvalidArgument("cannot update document [" + request.id +
                                       "]: its _source is not a JSON object");
      }
      json::object merged = std::move(parsed->get_object());
      bool changed = true;
      if (request.has_doc && request.doc.is_object()) {
        changed = MergePartialDocument(&merged, request.doc.get_object());
      }
      if (!changed && request.detect_noop) {
        result.noop = true;
        result.source = std::move(current.source);
        result.write.outcome.kind = WriteOutcome::Kind::kNoop;
        result.write.outcome.version = current.version;
        result.write.outcome.seq_no = current.seq_no;
        result.write.outcome.primary_term = current.primary_term;
        return result;
      }
      new_source = ToJson(merged);
      // Compare-and-set against the version we read.
      cond.if_seq_no = current.seq_no;
      cond.if_primary_term = static_cast<int64_t>(current.primary_term);
    }
    QUIVER_ASSIGN_OR_RETURN(segment::IndexableDocument doc,
                            index.ParseDocument(request.id, request.routing, new_source));
    auto out = shard.Index(doc, new_source, cond);
    if (!out.ok()) {
      if (out.status().code() == StatusCode::kConflict && attempt < request.retry_on_conflict) {
        continue;
      }
      return WithShardMeta(out.status(), index, shard_id);
    }
    result.write.outcome = std::move(out).value();
    result.source = std::move(new_source);
    return result;
  }
}

}  // namespace quiver::engine
