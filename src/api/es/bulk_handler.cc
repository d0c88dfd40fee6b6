#include "api/es/bulk_handler.h"

#include <map>

#include "api/es/document_handlers.h"
#include "api/es/es_errors.h"
#include "api/es/index_handlers.h"
#include "common/clock.h"
#include "common/strings.h"
#include "engine/document_ops.h"

namespace quiver::api {
namespace {

enum class BulkOp { kIndex, kCreate, kUpdate, kDelete };

const char* OpName(BulkOp op) {
  switch (op) {
    case BulkOp::kIndex: return "index";
    case BulkOp::kCreate: return "create";
    case BulkOp::kUpdate: return "update";
    case BulkOp::kDelete: return "delete";
  }
  return "index";
}

struct BulkItem {
  BulkOp op = BulkOp::kIndex;
  std::string index;
  std::string id;
  std::string routing;
  std::string pipeline;
  bool require_alias = false;
  engine::WriteConditions cond;
  int retry_on_conflict = 0;
  std::string_view source;  // index/create: document; update: update body
  SourceFetch fetch;
  bool has_fetch = false;
  Status error;  // set when the item is invalid on its own
};

Status Malformed(size_t line, const std::string& what) {
  return Status::InvalidArgument("Malformed action/metadata line [" + std::to_string(line) +
                                 "], " + what);
}

// Parses the action line of item starting at `line_no`.
Result<BulkItem> ParseAction(std::string_view line, size_t line_no, const RestRequest& req) {
  auto parsed = ParseJson(line);
  if (!parsed.ok()) {
    // ES's parser fails on the token itself.
    return Status::ParseError("[" + std::to_string(line_no) + ":" +
                              std::to_string(JsonErrorOffset(line) + 1) + "] " +
                              parsed.status().message())
        .WithType("x_content_parse_exception");
  }
  if (!parsed->is_object()) {
    return Malformed(line_no, "expected START_OBJECT or END_OBJECT but found [" +
                                  std::string(JsonTokenName(*parsed)) + "]");
  }
  const auto& obj = parsed->get_object();
  if (obj.empty()) return Malformed(line_no, "expected FIELD_NAME but found [END_OBJECT]");
  if (obj.size() != 1) {
    return Malformed(line_no, "expected field [create], [delete], [index] or [update] but found [" +
                                  (obj.empty() ? std::string("END_OBJECT") : std::string(obj.begin()->key())) + "]");
  }
  BulkItem item;
  std::string action(obj.begin()->key());
  if (action == "index") {
    item.op = BulkOp::kIndex;
  } else if (action == "create") {
    item.op = BulkOp::kCreate;
  } else if (action == "update") {
    item.op = BulkOp::kUpdate;
  } else if (action == "delete") {
    item.op = BulkOp::kDelete;
  } else {
    return Malformed(line_no,
                     "expected field [create], [delete], [index] or [update] but found [" + action + "]");
  }
  const json::value& meta = obj.begin()->value();
  if (!meta.is_object()) {
    return Malformed(line_no, "expected START_OBJECT but found [" + std::string(JsonTokenName(meta)) + "]");
  }
  item.index = req.path_param("index");
  item.routing = req.param_or("routing", "");
  item.pipeline = req.param_or("pipeline", "");
  if (auto ra = req.bool_param("require_alias", false); ra.ok()) item.require_alias = *ra;
  std::string version_type = "internal";
  for (const auto& kv : meta.get_object()) {
    std::string key(kv.key());
    const json::value& v = kv.value();
    auto str = [&]() { return JsonToString(v).value_or(""); };
    if (key == "_index") {
      item.index = str();
    } else if (key == "_id") {
      if (!v.is_null()) {
        item.id = str();
        if (item.id.empty()) {
          item.error = Status::InvalidArgument("if _id is specified it must not be empty");
        }
      }
    } else if (key == "routing" || key == "_routing") {
      item.routing = str();
    } else if (key == "if_seq_no") {
      item.cond.if_seq_no = JsonToInt64(v);
    } else if (key == "if_primary_term") {
      item.cond.if_primary_term = JsonToInt64(v);
    } else if (key == "version" || key == "_version") {
      item.cond.version = JsonToInt64(v);
    } else if (key == "version_type" || key == "_version_type") {
      version_type = str();
    } else if (key == "retry_on_conflict" || key == "_retry_on_conflict") {
      item.retry_on_conflict = static_cast<int>(JsonToInt64(v).value_or(0));
    } else if (key == "pipeline") {
      item.pipeline = str();
    } else if (key == "require_alias") {
      item.require_alias = JsonToBool(v).value_or(false);
    } else if (key == "_source") {
      auto f = SourceFetchFromJson(v);
      if (!f.ok()) return f.status();
      item.fetch = *f;
      item.has_fetch = true;
    } else if (key == "op_type") {
      if (str() == "create") item.op = BulkOp::kCreate;
    } else if (key == "dynamic_templates" || key == "require_data_stream" ||
               key == "list_executed_pipelines") {
      // accepted; no effect on one node without data streams
    } else {
      return Status::InvalidArgument("Action/metadata line [" + std::to_string(line_no) +
                                     "] contains an unknown parameter [" + key + "]");
    }
  }
  if (version_type == "external") {
    item.cond.version_type = engine::VersionType::kExternal;
  } else if (version_type == "external_gte") {
    item.cond.version_type = engine::VersionType::kExternalGte;
  } else if (version_type != "internal") {
    item.error = Status::InvalidArgument("No version type match [" + version_type + "]");
  }
  if (item.op == BulkOp::kCreate) item.cond.op_type = engine::OpType::kCreate;
  if (item.cond.version && item.cond.version_type == engine::VersionType::kInternal &&
      item.error.ok()) {
    item.error = Status::InvalidArgument(
                     "Validation Failed: 1: internal versioning can not be used for optimistic "
                     "concurrency control. Please use `if_seq_no` and `if_primary_term` instead;")
                     .WithType("action_request_validation_exception");
  }
  return item;
}

struct ItemResult {
  BulkItem* item;
  std::shared_ptr<engine::Index> index;
  engine::DocWriteResult write;
  std::string updated_source;
  bool noop = false;
  Status error;
};

Status ExecuteItem(ApiContext& ctx, ItemResult* r) {
  BulkItem& item = *r->item;
  QUIVER_RETURN_IF_ERROR(item.error);
  if (!item.pipeline.empty() && item.pipeline != "_none") {
    return Status::InvalidArgument("pipeline with id [" + item.pipeline +
                                   "] does not exist (ingest pipelines are not supported by "
                                   "Quiver yet)");
  }
  if (item.require_alias && !ctx.node->IsAlias(item.index)) {
    return Status::NotFound("no such index [" + item.index +
                            "] and [require_alias] request flag is [true] and [" + item.index +
                            "] is not an alias")
        .WithType("index_not_found_exception")
        .WithMeta("index_uuid", "_na_")
        .WithMeta("index", item.index);
  }
  bool create_ok = item.op != BulkOp::kDelete;
  QUIVER_ASSIGN_OR_RETURN(r->index, ctx.node->IndexForWrite(item.index, create_ok));
  QUIVER_RETURN_IF_ERROR(CheckOpen(*r->index));
  switch (item.op) {
    case BulkOp::kIndex:
    case BulkOp::kCreate: {
      engine::IndexRequest ir;
      ir.id = item.id;
      ir.routing = item.routing;
      ir.source = item.source;
      ir.conditions = item.cond;
      QUIVER_ASSIGN_OR_RETURN(r->write, engine::IndexDocument(*r->index, ir));
      return Status::Ok();
    }
    case BulkOp::kDelete: {
      QUIVER_ASSIGN_OR_RETURN(r->write,
                              engine::DeleteDocument(*r->index, item.id, item.routing, item.cond));
      return Status::Ok();
    }
    case BulkOp::kUpdate: {
      QUIVER_ASSIGN_OR_RETURN(json::value body, ParseJson(item.source));
      if (!body.is_object()) return Status::ParseError("update body must be an object");
      engine::UpdateRequest u;
      u.id = item.id;
      u.routing = item.routing;
      u.retry_on_conflict = item.retry_on_conflict;
      u.if_seq_no = item.cond.if_seq_no;
      u.if_primary_term = item.cond.if_primary_term;
      for (const auto& kv : body.get_object()) {
        if (kv.key() == "doc") {
          u.doc = kv.value();
          u.has_doc = true;
        } else if (kv.key() == "upsert") {
          u.upsert = kv.value();
          u.has_upsert = true;
        } else if (kv.key() == "doc_as_upsert") {
          u.doc_as_upsert = JsonToBool(kv.value()).value_or(false);
        } else if (kv.key() == "detect_noop") {
          u.detect_noop = JsonToBool(kv.value()).value_or(true);
        } else if (kv.key() == "script" || kv.key() == "scripted_upsert") {
          return Status::Unsupported(
              "scripts are not supported by Quiver: use a partial [doc] update instead");
        } else if (kv.key() == "_source") {
          QUIVER_ASSIGN_OR_RETURN(item.fetch, SourceFetchFromJson(kv.value()));
          item.has_fetch = true;
        } else {
          return Status::ParseError("[UpdateRequest] unknown field [" + std::string(kv.key()) + "]")
              .WithType("x_content_parse_exception");
        }
      }
      if (!u.has_doc && !u.has_upsert) {
        return Status::InvalidArgument("Validation Failed: 1: script or doc is missing;")
            .WithType("action_request_validation_exception");
      }
      QUIVER_ASSIGN_OR_RETURN(engine::UpdateResult ur, engine::UpdateDocument(*r->index, u));
      r->write = std::move(ur.write);
      r->updated_source = std::move(ur.source);
      r->noop = ur.noop;
      return Status::Ok();
    }
  }
  return Status::Ok();
}

int StatusFor(const ItemResult& r) {
  switch (r.write.outcome.kind) {
    case engine::WriteOutcome::Kind::kCreated: return 201;
    case engine::WriteOutcome::Kind::kNotFound: return 404;
    default: return 200;
  }
}

}  // namespace

Result<RestResponse> HandleBulk(ApiContext& ctx, RestRequest& req) {
  int64_t start = MonotonicNanos();
  QUIVER_ASSIGN_OR_RETURN(RefreshPolicy refresh, RefreshPolicyFrom(req));
  std::string_view body = req.body();
  if (TrimWhitespace(body).empty()) {
    return Status::InvalidArgument("Validation Failed: 1: no requests added;")
        .WithType("action_request_validation_exception");
  }
  if (body.back() != '\n') {
    return Status::InvalidArgument("The bulk request must be terminated by a newline [\\n]");
  }
  // Split into lines and pair actions with sources.
  std::vector<BulkItem> items;
  size_t pos = 0, line_no = 0;
  auto next_line = [&](std::string_view* out) -> bool {
    while (pos < body.size()) {
      size_t nl = body.find('\n', pos);
      if (nl == std::string_view::npos) nl = body.size();
      std::string_view line = body.substr(pos, nl - pos);
      pos = nl + 1;
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (!TrimWhitespace(line).empty()) {
        *out = line;
        return true;
      }
    }
    return false;
  };
  std::string_view line;
  while (next_line(&line)) {
    QUIVER_ASSIGN_OR_RETURN(BulkItem item, ParseAction(line, line_no, req));
    if (item.op != BulkOp::kDelete) {
      std::string_view source;
      if (!next_line(&source)) {
        return Status::InvalidArgument("Validation Failed: 1: source is missing;2: content type "
                                       "is missing;")
            .WithType("action_request_validation_exception");
      }
      item.source = source;
    }
    if (item.index.empty()) {
      return Status::InvalidArgument("Validation Failed: 1: index is missing;")
          .WithType("action_request_validation_exception");
    }
    if ((item.op == BulkOp::kUpdate || item.op == BulkOp::kDelete) && item.id.empty()) {
      return Status::InvalidArgument("Validation Failed: 1: id is missing;")
          .WithType("action_request_validation_exception");
    }
    items.push_back(std::move(item));
  }

  std::vector<ItemResult> results(items.size());
  // Per (index, shard): the WAL marks to sync and the highest seq_no written.
  struct ShardTouch {
    std::shared_ptr<engine::Index> index;
    size_t shard;
    std::map<storage::WalWriter*, engine::WalMark> marks;
    int64_t max_seq_no = -1;
  };
  std::map<std::pair<engine::Index*, size_t>, ShardTouch> touched;
  for (size_t i = 0; i < items.size(); ++i) {
    ItemResult& r = results[i];
    r.item = &items[i];
    r.error = ExecuteItem(ctx, &r);
    if (!r.error.ok() || r.noop) continue;
    auto& t = touched[{r.index.get(), r.write.shard}];
    t.index = r.index;
    t.shard = r.write.shard;
    const engine::WalMark& m = r.write.outcome.mark;
    auto& best = t.marks[m.wal.get()];
    if (m.position >= best.position) best = m;
    t.max_seq_no = std::max(t.max_seq_no, r.write.outcome.seq_no);
  }
  // One sync per shard WAL for the whole request.
  std::map<std::pair<engine::Index*, size_t>, Status> sync_errors;
  bool forced = false;
  for (auto& [key, t] : touched) {
    for (auto& [wal, mark] : t.marks) {
      Status s = t.index->shard(t.shard).Sync(mark);
      if (!s.ok()) sync_errors[key] = s;
    }
    if (!sync_errors.count(key)) {
      auto f = ApplyRefreshPolicy(refresh, *t.index, t.shard, t.max_seq_no);
      if (f.ok()) forced |= *f;
    }
  }
  bool errors = false;
  JsonWriter w;
  w.BeginObject();
  w.Field("took", (MonotonicNanos() - start) / 1000000);
  size_t errors_field_pos = w.str().size();
  w.Field("errors", false);
  w.Key("items");
  w.BeginArray();
  for (ItemResult& r : results) {
    if (r.error.ok()) {
      auto it = sync_errors.find({r.index.get(), r.write.shard});
      if (it != sync_errors.end()) r.error = it->second;
    }
    w.BeginObject();
    w.Key(OpName(r.item->op));
    w.BeginObject();
    w.Field("_index", r.index ? r.index->name() : r.item->index);
    if (!r.error.ok()) {
      errors = true;
      if (!r.item->id.empty()) {
        w.Field("_id", r.item->id);
      } else {
        w.Key("_id");
        w.Null();
      }
      w.Field("status", static_cast<int64_t>(r.error.http_status()));
      w.Key("error");
      WriteErrorObject(&w, r.error);
    } else {
      w.Field("_id", r.write.id);
      w.Field("_version", r.write.outcome.version);
      w.Field("result", engine::WriteKindName(r.write.outcome.kind));
      if (forced && !r.noop) w.Field("forced_refresh", true);
      if (r.noop) {
        WriteShardsBlock(&w, 0, 0, 0);
      } else {
        WriteWriteShards(&w, *r.index);
      }
      w.Field("_seq_no", r.write.outcome.seq_no);
      w.Field("_primary_term", r.write.outcome.primary_term);
      w.Field("status", static_cast<int64_t>(StatusFor(r)));
      if (r.item->op == BulkOp::kUpdate && r.item->has_fetch && r.item->fetch.fetch) {
        auto src = ApplySourceFetch(r.item->fetch, r.updated_source);
        if (src.ok()) {
          w.Key("get");
          w.BeginObject();
          w.Field("_seq_no", r.write.outcome.seq_no);
          w.Field("_primary_term", r.write.outcome.primary_term);
          w.Field("found", true);
          w.Key("_source");
          w.Raw(*src);
          w.EndObject();
        }
      }
    }
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  std::string out = w.Take();
  if (errors) {
    size_t at = out.find("\"errors\":false", errors_field_pos);
    out.replace(at, 14, "\"errors\":true");
  }
  return RestResponse::Json(std::move(out));
}

}  // namespace quiver::api
