#include "api/es/document_handlers.h"

#include "api/es/index_handlers.h"
#include <functional>

#include "common/strings.h"
#include "engine/node.h"
#include "schema/source_filter.h"

namespace quiver::api {

Result<SourceFetch> SourceFetchFromParams(const RestRequest& req) {
  SourceFetch f;
  if (const std::string* s = req.param("_source")) {
    if (*s == "true" || s->empty()) {
      f.fetch = true;
    } else if (*s == "false") {
      f.fetch = false;
    } else {
      f.includes = req.list_param("_source");
    }
  }
  auto inc = req.list_param("_source_includes");
  auto exc = req.list_param("_source_excludes");
  f.includes.insert(f.includes.end(), inc.begin(), inc.end());
  f.excludes.insert(f.excludes.end(), exc.begin(), exc.end());
  if (!f.includes.empty() || !f.excludes.empty()) f.fetch = true;
  return f;
}

Result<SourceFetch> SourceFetchFromJson(const json::value& v) {
  SourceFetch f;
  auto strings = [](const json::value& x, std::vector<std::string>* out) -> Status {
    if (x.is_string()) {
      out->emplace_back(x.get_string());
      return Status::Ok();
    }
    if (x.is_array()) {
      for (const auto& e : x.get_array()) {
        if (!e.is_string()) return Status::ParseError("[_source] entries must be strings");
        out->emplace_back(e.get_string());
      }
      return Status::Ok();
    }
    return Status::ParseError("Expected [VALUE_STRING] or [START_ARRAY] but found [" +
                              std::string(JsonTokenName(x)) + "]");
  };
  if (v.is_bool()) {
    f.fetch = v.get_bool();
  } else if (v.is_string() || v.is_array()) {
    QUIVER_RETURN_IF_ERROR(strings(v, &f.includes));
  } else if (v.is_object()) {
    for (const auto& kv : v.get_object()) {
      if (kv.key() == "includes" || kv.key() == "include") {
        QUIVER_RETURN_IF_ERROR(strings(kv.value(), &f.includes));
      } else if (kv.key() == "excludes" || kv.key() == "exclude") {
        QUIVER_RETURN_IF_ERROR(strings(kv.value(), &f.excludes));
      } else {
        return Status::ParseError("Unknown key for a START_ARRAY in [" + std::string(kv.key()) +
                                  "].");
      }
    }
  } else if (!v.is_null()) {
    return Status::ParseError("Expected one of [VALUE_BOOLEAN, VALUE_STRING, START_ARRAY, "
                              "START_OBJECT] but found [" + std::string(JsonTokenName(v)) + "]");
  }
  return f;
}

Result<std::string> ApplySourceFetch(const SourceFetch& fetch, std::string_view source) {
  if (!fetch.filtered()) return std::string(source);
  return schema::FilterSource(source, fetch.includes, fetch.excludes);
}

Result<engine::WriteConditions> WriteConditionsFromParams(const RestRequest& req,
                                                          bool is_delete) {
  engine::WriteConditions c;
  if (const std::string* op = req.param("op_type")) {
    if (*op == "create") {
      c.op_type = engine::OpType::kCreate;
    } else if (*op != "index") {
      return Status::InvalidArgument("opType must be 'create' or 'index', found: [" + *op + "]");
    }
  }
  if (req.has_param("if_seq_no")) {
    QUIVER_ASSIGN_OR_RETURN(int64_t s, req.int_param("if_seq_no", 0));
    c.if_seq_no = s;
  }
  if (req.has_param("if_primary_term")) {
    QUIVER_ASSIGN_OR_RETURN(int64_t t, req.int_param("if_primary_term", 0));
    c.if_primary_term = t;
  }
  std::string vt = req.param_or("version_type", "internal");
  if (vt == "external") {
    c.version_type = engine::VersionType::kExternal;
  } else if (vt == "external_gte") {
    c.version_type = engine::VersionType::kExternalGte;
  } else if (vt != "internal") {
    return Status::InvalidArgument("No version type match [" + vt + "]");
  }
  if (req.has_param("version")) {
    QUIVER_ASSIGN_OR_RETURN(int64_t v, req.int_param("version", 0));
    c.version = v;
  }
  std::string errors;
  int n = 0;
  auto add = [&](const std::string& e) { errors += std::to_string(++n) + ": " + e + ";"; };
  if (c.version && c.version_type == engine::VersionType::kInternal) {
    add("internal versioning can not be used for optimistic concurrency control. Please use "
        "`if_seq_no` and `if_primary_term` instead");
  }
  if (c.version_type != engine::VersionType::kInternal && !c.version) {
    add("version type [" + vt + "] requires a version");
  }
  if (c.version && *c.version < 0) add("illegal version value [" + std::to_string(*c.version) + "] for version type [" + vt + "]");
  if ((c.if_seq_no.has_value()) != (c.if_primary_term.has_value())) {
    add(c.if_seq_no ? "ifSeqNo is set, but primary term is [0]" : "ifSeqNo is unassigned, but primary term is [" + std::to_string(*c.if_primary_term) + "]");
  }
  if (c.if_seq_no && c.version) {
    add("compare and write operations can not use versioning");
  }
  if (!is_delete && c.op_type == engine::OpType::kCreate && c.if_seq_no) {
    add("create operations do not support compare and set. use index instead");
  }
  if (!errors.empty()) {
    return Status::InvalidArgument("Validation Failed: " + errors)
        .WithType("action_request_validation_exception");
  }
  return c;
}

Result<bool> ApplyRefreshPolicy(RefreshPolicy policy, engine::Index& index, size_t shard,
                                int64_t seq_no) {
  if (policy == RefreshPolicy::kImmediate) {
    QUIVER_RETURN_IF_ERROR(index.shard(shard).Refresh());
    return true;
  }
  if (policy == RefreshPolicy::kWaitFor) {
    bool refresh_disabled = index.settings().refresh_interval_ms() <= 0;
    QUIVER_RETURN_IF_ERROR(index.shard(shard).WaitForRefresh(seq_no, refresh_disabled));
  }
  return false;
}

namespace {

// Values of `store: true` fields requested by ?stored_fields, read back from
// the stored source (Quiver keeps no separate stored-field copies; the values
// are the ones the document was indexed with).
Result<json::value> StoredFieldsFromSource(const schema::Mapping& mapping,
                                           std::string_view source,
                                           const std::vector<std::string>& patterns) {
  QUIVER_ASSIGN_OR_RETURN(json::value doc, ParseJson(source));
  json::object out;
  std::function<void(const json::value&, const std::string&)> walk =
      [&](const json::value& v, const std::string& path) {
        if (v.is_object()) {
          for (const auto& kv : v.get_object()) {
            walk(kv.value(), path.empty() ? std::string(kv.key()) : path + "." + std::string(kv.key()));
          }
          return;
        }
        if (v.is_array()) {
          for (const auto& e : v.get_array()) walk(e, path);
          return;
        }
        const schema::FieldMapper* f = mapping.FindField(path);
        if (f == nullptr || !f->stored() || v.is_null()) return;
        for (const auto& p : patterns) {
          if (engine::SimpleMatch(p, path)) {
            auto& arr = out[path];
            if (!arr.is_array()) arr = json::array();
            arr.get_array().push_back(v);
            break;
          }
        }
      };
  walk(doc, "");
  return json::value(std::move(out));
}

Status CheckPipeline(const RestRequest& req) {
  if (const std::string* p = req.param("pipeline")) {
    if (!p->empty() && *p != "_none") {
      return Status::InvalidArgument("pipeline with id [" + *p +
                                     "] does not exist (ingest pipelines are not supported by "
                                     "Quiver yet)");
    }
  }
  return Status::Ok();
}

void WriteDocResult(JsonWriter* w, const engine::Index& index, const engine::DocWriteResult& r,
                    bool forced_refresh) {
  w->Field("_index", index.name());
  w->Field("_id", r.id);
  w->Field("_version", r.outcome.version);
  w->Field("result", engine::WriteKindName(r.outcome.kind));
  if (forced_refresh) w->Field("forced_refresh", true);
  if (r.outcome.kind == engine::WriteOutcome::Kind::kNoop) {
    WriteShardsBlock(w, 0, 0, 0);
  } else {
    WriteWriteShards(w, index);
  }
  w->Field("_seq_no", r.outcome.seq_no);
  w->Field("_primary_term", r.outcome.primary_term);
}

Result<std::shared_ptr<engine::Index>> WriteTarget(ApiContext& ctx, const RestRequest& req) {
  const std::string& name = req.path_param("index");
  QUIVER_ASSIGN_OR_RETURN(bool require_alias, req.bool_param("require_alias", false));
  if (require_alias && !ctx.node->IsAlias(name)) {
    return Status::NotFound("no such index [" + name +
                            "] and [require_alias] request flag is [true] and [" + name +
                            "] is not an alias")
        .WithType("index_not_found_exception")
        .WithMeta("index_uuid", "_na_")
        .WithMeta("index", name);
  }
  QUIVER_ASSIGN_OR_RETURN(auto index, ctx.node->IndexForWrite(name, /*allow_create=*/true));
  QUIVER_RETURN_IF_ERROR(CheckOpen(*index));
  return index;
}

Result<RestResponse> IndexDocImpl(ApiContext& ctx, RestRequest& req, bool create) {
  QUIVER_RETURN_IF_ERROR(CheckPipeline(req));
  QUIVER_ASSIGN_OR_RETURN(engine::WriteConditions cond, WriteConditionsFromParams(req, false));
  if (create) cond.op_type = engine::OpType::kCreate;
  QUIVER_ASSIGN_OR_RETURN(RefreshPolicy refresh, RefreshPolicyFrom(req));
  if (TrimWhitespace(req.body()).empty()) {
    return Status::ParseError("request body is required").WithType("parse_exception");
  }
  QUIVER_ASSIGN_OR_RETURN(auto index, WriteTarget(ctx, req));
  engine::IndexRequest ir;
  ir.id = req.path_param("id");
  ir.routing = req.param_or("routing", "");
  ir.source = req.body();
  ir.conditions = cond;
  QUIVER_ASSIGN_OR_RETURN(engine::DocWriteResult r, engine::IndexDocument(*index, ir));
  QUIVER_RETURN_IF_ERROR(index->shard(r.shard).Sync(r.outcome.mark));
  QUIVER_ASSIGN_OR_RETURN(bool forced,
                          ApplyRefreshPolicy(refresh, *index, r.shard, r.outcome.seq_no));
  JsonWriter w;
  w.BeginObject();
  WriteDocResult(&w, *index, r, forced);
  w.EndObject();
  bool created = r.outcome.kind == engine::WriteOutcome::Kind::kCreated;
  RestResponse resp = RestResponse::Json(w.Take(), created ? 201 : 200);
  if (created) {
    resp.headers.push_back({"Location", "/" + index->name() + "/_doc/" + r.id});
  }
  return resp;
}

// Looks up a document for GET-style APIs.
Result<engine::GetResult> GetDoc(ApiContext& ctx, RestRequest& req,
                                 std::shared_ptr<engine::Index>* index_out) {
  engine::IndicesOptions opts;
  QUIVER_ASSIGN_OR_RETURN(auto indices, ctx.node->Resolve(req.path_param("index"), opts));
  if (indices.size() != 1) {
    if (indices.empty()) return IndexNotFound(req.path_param("index"));
    return Status::InvalidArgument(
        "alias [" + req.path_param("index") +
        "] has more than one index associated with it [" + indices[0]->name() + ", " +
        indices[1]->name() + "], can't execute a single index op");
  }
  auto index = indices[0];
  QUIVER_RETURN_IF_ERROR(CheckOpen(*index));
  *index_out = index;
  QUIVER_ASSIGN_OR_RETURN(bool realtime, req.bool_param("realtime", true));
  QUIVER_ASSIGN_OR_RETURN(bool refresh, req.bool_param("refresh", false));
  std::string routing = req.param_or("routing", "");
  const std::string& id = req.path_param("id");
  if (routing.empty() && index->mapping()->routing_required()) {
    return Status::InvalidArgument("routing is required for [" + index->name() + "]/[" + id + "]")
        .WithType("routing_missing_exception")
        .WithMeta("index_uuid", index->uuid())
        .WithMeta("index", index->name());
  }
  size_t shard = index->ShardFor(id, routing);
  if (refresh) QUIVER_RETURN_IF_ERROR(index->shard(shard).Refresh());
  index->RecordGet();
  QUIVER_ASSIGN_OR_RETURN(engine::GetResult g, index->shard(shard).Get(id, realtime));
  if (g.found && req.has_param("version")) {
    QUIVER_ASSIGN_OR_RETURN(int64_t v, req.int_param("version", 0));
    std::string vt = req.param_or("version_type", "internal");
    bool conflict = vt == "external_gte" ? static_cast<int64_t>(g.version) > v
                                         : static_cast<int64_t>(g.version) != v;
    if (conflict) {
      return Status::Conflict("[" + id + "]: version conflict, current version [" +
                              std::to_string(g.version) + "] is different than the one provided [" +
                              std::to_string(v) + "]")
          .WithMeta("index_uuid", index->uuid())
          .WithMeta("shard", std::to_string(shard))
          .WithMeta("index", index->name());
    }
  }
  return g;
}

}  // namespace

Result<RestResponse> HandleIndexDoc(ApiContext& ctx, RestRequest& req) {
  return IndexDocImpl(ctx, req, false);
}

Result<RestResponse> HandleCreateDoc(ApiContext& ctx, RestRequest& req) {
  return IndexDocImpl(ctx, req, true);
}

Result<RestResponse> HandleGetDoc(ApiContext& ctx, RestRequest& req) {
  std::shared_ptr<engine::Index> index;
  QUIVER_ASSIGN_OR_RETURN(SourceFetch fetch, SourceFetchFromParams(req));
  QUIVER_ASSIGN_OR_RETURN(engine::GetResult g, GetDoc(ctx, req, &index));
  JsonWriter w;
  w.BeginObject();
  w.Field("_index", index->name());
  w.Field("_id", req.path_param("id"));
  if (!g.found) {
    w.Field("found", false);
    w.EndObject();
    return RestResponse::Json(w.Take(), 404);
  }
  w.Field("_version", g.version);
  w.Field("_seq_no", g.seq_no);
  w.Field("_primary_term", g.primary_term);
  if (!g.routing.empty()) w.Field("_routing", g.routing);
  w.Field("found", true);
  if (fetch.fetch && !g.source.empty()) {
    QUIVER_ASSIGN_OR_RETURN(std::string src, ApplySourceFetch(fetch, g.source));
    w.Key("_source");
    w.Raw(src);
  }
  auto stored = req.list_param("stored_fields");
  if (!stored.empty() && !g.source.empty()) {
    auto fields = StoredFieldsFromSource(*index->mapping(), g.source, stored);
    if (fields.ok() && fields->is_object() && !fields->get_object().empty()) {
      w.Key("fields");
      w.Value(*fields);
    }
  }
  w.EndObject();
  return RestResponse::Json(w.Take());
}

Result<RestResponse> HandleDocExists(ApiContext& ctx, RestRequest& req) {
  std::shared_ptr<engine::Index> index;
  auto g = GetDoc(ctx, req, &index);
  if (!g.ok()) {
    if (g.status().code() == StatusCode::kNotFound) return RestResponse::Json("", 404);
    return g.status();
  }
  return RestResponse::Json("", g->found ? 200 : 404);
}

Result<RestResponse> HandleGetSource(ApiContext& ctx, RestRequest& req) {
  std::shared_ptr<engine::Index> index;
  QUIVER_ASSIGN_OR_RETURN(SourceFetch fetch, SourceFetchFromParams(req));
  QUIVER_ASSIGN_OR_RETURN(engine::GetResult g, GetDoc(ctx, req, &index));
  const std::string& id = req.path_param("id");
  if (!g.found) {
    return Status::NotFound("Document not found [" + index->name() + "]/[" + id + "]")
        .WithType("resource_not_found_exception");
  }
  if (g.source.empty()) {
    return Status::NotFound("Source not found [" + index->name() + "]/[" + id + "]")
        .WithType("resource_not_found_exception");
  }
  QUIVER_ASSIGN_OR_RETURN(std::string src, ApplySourceFetch(fetch, g.source));
  return RestResponse::Json(std::move(src));
}

Result<RestResponse> HandleDeleteDoc(ApiContext& ctx, RestRequest& req) {
  QUIVER_ASSIGN_OR_RETURN(engine::WriteConditions cond, WriteConditionsFromParams(req, true));
  QUIVER_ASSIGN_OR_RETURN(RefreshPolicy refresh, RefreshPolicyFrom(req));
  QUIVER_ASSIGN_OR_RETURN(auto index,
                          ctx.node->IndexForWrite(req.path_param("index"), /*allow_create=*/false));
  QUIVER_RETURN_IF_ERROR(CheckOpen(*index));
  QUIVER_ASSIGN_OR_RETURN(
      engine::DocWriteResult r,
      engine::DeleteDocument(*index, req.path_param("id"), req.param_or("routing", ""), cond));
  QUIVER_RETURN_IF_ERROR(index->shard(r.shard).Sync(r.outcome.mark));
  QUIVER_ASSIGN_OR_RETURN(bool forced,
                          ApplyRefreshPolicy(refresh, *index, r.shard, r.outcome.seq_no));
  JsonWriter w;
  w.BeginObject();
  WriteDocResult(&w, *index, r, forced);
  w.EndObject();
  bool found = r.outcome.kind == engine::WriteOutcome::Kind::kDeleted;
  return RestResponse::Json(w.Take(), found ? 200 : 404);
}

namespace {

Result<engine::UpdateRequest> ParseUpdateBody(const json::value& body, SourceFetch* fetch) {
  engine::UpdateRequest u;
  if (!body.is_object()) {
    return Status::ParseError("[UpdateRequest] Expected START_OBJECT but found [" +
                              std::string(JsonTokenName(body)) + "]")
        .WithType("x_content_parse_exception");
  }
  static const std::vector<std::string> kFields = {
      "doc",    "upsert",          "doc_as_upsert", "detect_noop", "script",
      "scripted_upsert", "_source", "lang",          "params"};
  for (const auto& kv : body.get_object()) {
    std::string key(kv.key());
    if (key == "doc") {
      if (!kv.value().is_object()) {
        return Status::ParseError("[UpdateRequest] failed to parse field [doc]")
            .WithType("x_content_parse_exception");
      }
      u.doc = kv.value();
      u.has_doc = true;
    } else if (key == "upsert") {
      if (!kv.value().is_object()) {
        return Status::ParseError("[UpdateRequest] failed to parse field [upsert]")
            .WithType("x_content_parse_exception");
      }
      u.upsert = kv.value();
      u.has_upsert = true;
    } else if (key == "doc_as_upsert") {
      auto b = JsonToBool(kv.value());
      if (!b) return Status::ParseError("[UpdateRequest] failed to parse field [doc_as_upsert]").WithType("x_content_parse_exception");
      u.doc_as_upsert = *b;
    } else if (key == "detect_noop") {
      auto b = JsonToBool(kv.value());
      if (!b) return Status::ParseError("[UpdateRequest] failed to parse field [detect_noop]").WithType("x_content_parse_exception");
      u.detect_noop = *b;
    } else if (key == "script" || key == "scripted_upsert") {
      return Status::Unsupported(
          "scripts are not supported by Quiver: use a partial [doc] update instead");
    } else if (key == "_source") {
      QUIVER_ASSIGN_OR_RETURN(*fetch, SourceFetchFromJson(kv.value()));
    } else {
      // ES suggests the closest known field.
      std::string suggestion;
      size_t best = 3;
      for (const auto& f : kFields) {
        size_t d = 0;
        // simple edit distance
        std::vector<size_t> prev(f.size() + 1), cur(f.size() + 1);
        for (size_t j = 0; j <= f.size(); ++j) prev[j] = j;
        for (size_t i = 1; i <= key.size(); ++i) {
          cur[0] = i;
          for (size_t j = 1; j <= f.size(); ++j) {
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (key[i - 1] != f[j - 1])});
          }
          std::swap(prev, cur);
        }
        d = prev[f.size()];
        if (d < best) {
          best = d;
          suggestion = f;
        }
      }
      std::string msg = "[UpdateRequest] unknown field [" + key + "]";
      if (!suggestion.empty()) msg += " did you mean [" + suggestion + "]?";
      return Status::ParseError(msg).WithType("x_content_parse_exception");
    }
  }
  return u;
}

}  // namespace

Result<RestResponse> HandleUpdateDoc(ApiContext& ctx, RestRequest& req) {
  QUIVER_ASSIGN_OR_RETURN(json::value body, req.json_body());
  SourceFetch fetch;
  fetch.fetch = false;
  QUIVER_ASSIGN_OR_RETURN(engine::UpdateRequest u, ParseUpdateBody(body, &fetch));
  if (req.has_param("_source") || req.has_param("_source_includes") ||
      req.has_param("_source_excludes")) {
    QUIVER_ASSIGN_OR_RETURN(fetch, SourceFetchFromParams(req));
  }
  QUIVER_ASSIGN_OR_RETURN(RefreshPolicy refresh, RefreshPolicyFrom(req));
  u.id = req.path_param("id");
  u.routing = req.param_or("routing", "");
  QUIVER_ASSIGN_OR_RETURN(int64_t retries, req.int_param("retry_on_conflict", 0));
  u.retry_on_conflict = static_cast<int>(retries);
  if (req.has_param("if_seq_no")) {
    QUIVER_ASSIGN_OR_RETURN(int64_t s, req.int_param("if_seq_no", 0));
    u.if_seq_no = s;
    QUIVER_ASSIGN_OR_RETURN(int64_t t, req.int_param("if_primary_term", 0));
    u.if_primary_term = t;
  }
  if (!u.has_doc && !u.has_upsert) {
    return Status::InvalidArgument("Validation Failed: 1: script or doc is missing;")
        .WithType("action_request_validation_exception");
  }
  QUIVER_ASSIGN_OR_RETURN(auto index, WriteTarget(ctx, req));
  QUIVER_ASSIGN_OR_RETURN(engine::UpdateResult r, engine::UpdateDocument(*index, u));
  if (!r.noop) QUIVER_RETURN_IF_ERROR(index->shard(r.write.shard).Sync(r.write.outcome.mark));
  bool forced = false;
  if (!r.noop) {
    QUIVER_ASSIGN_OR_RETURN(forced, ApplyRefreshPolicy(refresh, *index, r.write.shard,
                                                       r.write.outcome.seq_no));
  }
  JsonWriter w;
  w.BeginObject();
  WriteDocResult(&w, *index, r.write, forced);
  if (fetch.fetch) {
    w.Key("get");
    w.BeginObject();
    w.Field("_seq_no", r.write.outcome.seq_no);
    w.Field("_primary_term", r.write.outcome.primary_term);
    w.Field("found", true);
    QUIVER_ASSIGN_OR_RETURN(std::string src, ApplySourceFetch(fetch, r.source));
    w.Key("_source");
    w.Raw(src);
    w.EndObject();
  }
  w.EndObject();
  bool created = r.write.outcome.kind == engine::WriteOutcome::Kind::kCreated;
  return RestResponse::Json(w.Take(), created ? 201 : 200);
}

}  // namespace quiver::api
