#include "api/es/index_handlers.h"

#include "api/es/format_util.h"
#include "common/strings.h"
#include "engine/node.h"

namespace quiver::api {

Status CheckOpen(const engine::Index& index) {
  if (index.closed()) {
    return Status::InvalidArgument("closed")
        .WithType("index_closed_exception")
        .WithMeta("index_uuid", index.uuid())
        .WithMeta("index", index.name());
  }
  return Status::Ok();
}

Result<std::vector<std::shared_ptr<engine::Index>>> ResolveForRead(
    ApiContext& ctx, const RestRequest& req, engine::IndicesOptions defaults) {
  QUIVER_ASSIGN_OR_RETURN(auto opts, IndicesOptionsFrom(req, defaults));
  return ctx.node->Resolve(req.has_path_param("index") ? req.path_param("index") : "_all", opts);
}

Result<RestResponse> HandleCreateIndex(ApiContext& ctx, RestRequest& req) {
  QUIVER_ASSIGN_OR_RETURN(json::value body, req.json_body(/*optional=*/true));
  const std::string& name = req.path_param("index");
  QUIVER_ASSIGN_OR_RETURN(auto index, ctx.node->CreateIndex(name, body));
  JsonWriter w;
  w.BeginObject();
  w.Field("acknowledged", true);
  w.Field("shards_acknowledged", true);
  w.Field("index", index->name());
  w.EndObject();
  return RestResponse::Json(w.Take());
}

Result<RestResponse> HandleDeleteIndex(ApiContext& ctx, RestRequest& req) {
  const std::string& expr = req.path_param("index");
  engine::IndicesOptions defaults;
  defaults.expand_closed = true;
  defaults.allow_aliases = false;
  QUIVER_ASSIGN_OR_RETURN(auto opts, IndicesOptionsFrom(req, defaults));
  bool wildcard = expr == "_all" || expr.find('*') != std::string::npos;
  if (wildcard && ctx.node->options().destructive_requires_name) {
    return Status::InvalidArgument("Wildcard expressions or all indices are not allowed");
  }
  // Concrete names that are aliases are an error, as in ES.
  for (auto part : SplitString(expr, ',')) {
    part = TrimWhitespace(part);
    if (part.empty() || part[0] == '-' || part.find('*') != std::string_view::npos) continue;
    if (!ctx.node->FindIndex(part) && ctx.node->IsAlias(part)) {
      if (opts.ignore_unavailable) continue;
      return Status::InvalidArgument("The provided expression [" + std::string(part) +
                                     "] matches an alias, specify the corresponding concrete "
                                     "indices instead.");
    }
  }
  QUIVER_ASSIGN_OR_RETURN(auto indices, ctx.node->Resolve(expr, opts));
  QUIVER_RETURN_IF_ERROR(ctx.node->DeleteIndices(indices));
  return RestResponse::Acknowledged();
}

Result<RestResponse> HandleIndexExists(ApiContext& ctx, RestRequest& req) {
  engine::IndicesOptions defaults;
  defaults.allow_no_indices = false;
  auto indices = ResolveForRead(ctx, req, defaults);
  if (!indices.ok()) {
    if (indices.status().code() == StatusCode::kNotFound) return RestResponse::Json("", 404);
    return indices.status();
  }
  return RestResponse::Json("", indices->empty() ? 404 : 200);
}

namespace {

void WriteAliases(JsonWriter* w, const engine::IndexMetadata& m) {
  w->BeginObject();
  for (const auto& [name, a] : m.aliases) {
    w->Key(name);
    w->Value(engine::AliasToJson(a));
  }
  w->EndObject();
}

Result<bool> FlatSettings(const RestRequest& req) { return req.bool_param("flat_settings", false); }

}  // namespace

Result<RestResponse> HandleGetIndex(ApiContext& ctx, RestRequest& req) {
  engine::IndicesOptions defaults;
  QUIVER_ASSIGN_OR_RETURN(auto indices, ResolveForRead(ctx, req, defaults));
  QUIVER_ASSIGN_OR_RETURN(bool flat, FlatSettings(req));
  QUIVER_ASSIGN_OR_RETURN(bool defaults_too, req.bool_param("include_defaults", false));
  auto features = req.list_param("features");
  auto want = [&](const char* f) {
    return features.empty() || std::find(features.begin(), features.end(), f) != features.end();
  };
  JsonWriter w;
  w.BeginObject();
  for (const auto& index : indices) {
    engine::IndexMetadata m = index->metadata();
    w.Key(m.name);
    w.BeginObject();
    if (want("aliases")) {
      w.Key("aliases");
      WriteAliases(&w, m);
    }
    if (want("mappings")) {
      w.Key("mappings");
      w.Value(index->mapping()->ToJson());
    }
    if (want("settings")) {
      w.Key("settings");
      w.Value(m.settings.ToJson(flat));
      if (defaults_too) {
        w.Key("defaults");
        w.Value(m.settings.DefaultsToJson(flat));
      }
    }
    w.EndObject();
  }
  w.EndObject();
  return RestResponse::Json(w.Take());
}

Result<RestResponse> HandleGetMapping(ApiContext& ctx, RestRequest& req) {
  QUIVER_ASSIGN_OR_RETURN(auto indices, ResolveForRead(ctx, req));
  JsonWriter w;
  w.BeginObject();
  for (const auto& index : indices) {
    w.Key(index->name());
    w.BeginObject();
    w.Key("mappings");
    w.Value(index->mapping()->ToJson());
    w.EndObject();
  }
  w.EndObject();
  return RestResponse::Json(w.Take());
}

Result<RestResponse> HandlePutMapping(ApiContext& ctx, RestRequest& req) {
  QUIVER_ASSIGN_OR_RETURN(json::value body, req.json_body());
  QUIVER_ASSIGN_OR_RETURN(auto indices, ResolveForRead(ctx, req));
  for (const auto& index : indices) {
    QUIVER_RETURN_IF_ERROR(CheckOpen(*index));
    QUIVER_RETURN_IF_ERROR(index->PutMapping(body));
  }
  return RestResponse::Acknowledged();
}

Result<RestResponse> HandleGetSettings(ApiContext& ctx, RestRequest& req) {
  QUIVER_ASSIGN_OR_RETURN(auto indices, ResolveForRead(ctx, req));
  QUIVER_ASSIGN_OR_RETURN(bool flat, FlatSettings(req));
  QUIVER_ASSIGN_OR_RETURN(bool defaults_too, req.bool_param("include_defaults", false));
  std::vector<std::string> names;
  if (req.has_path_param("name")) {
    for (auto n : SplitString(req.path_param("name"), ',')) names.emplace_back(TrimWhitespace(n));
  }
  // Keeps only settings whose flat key matches one of `names`.
  auto filter = [&](const json::value& nested_or_flat) -> json::value {
    if (names.empty()) return nested_or_flat;
    json::object flat_out;
    std::function<void(const json::value&, const std::string&)> walk =
        [&](const json::value& v, const std::string& prefix) {
          if (v.is_object()) {
            for (const auto& kv : v.get_object()) {
              walk(kv.value(),
                   prefix.empty() ? std::string(kv.key()) : prefix + "." + std::string(kv.key()));
            }
            return;
          }
          for (const auto& n : names) {
            if (engine::SimpleMatch(n, prefix)) flat_out[prefix] = v;
          }
        };
    walk(nested_or_flat, "");
    if (flat) return flat_out;
    json::object nested;
    for (const auto& kv : flat_out) {
      json::object* cur = &nested;
      auto parts = SplitString(kv.key(), '.');
      for (size_t i = 0; i + 1 < parts.size(); ++i) {
        auto& child = (*cur)[parts[i]];
        if (!child.is_object()) child = json::object();
        cur = &child.get_object();
      }
      (*cur)[parts.back()] = kv.value();
    }
    return nested;
  };
  JsonWriter w;
  w.BeginObject();
  for (const auto& index : indices) {
    auto s = index->settings();
    json::value settings = filter(s.ToJson(flat));
    json::value defaults = defaults_too ? filter(s.DefaultsToJson(flat)) : json::value();
    bool empty = settings.is_object() && settings.get_object().empty() &&
                 (!defaults_too || (defaults.is_object() && defaults.get_object().empty()));
    if (!names.empty() && empty) continue;
    w.Key(index->name());
    w.BeginObject();
    w.Key("settings");
    w.Value(settings);
    if (defaults_too) {
      w.Key("defaults");
      w.Value(defaults);
    }
    w.EndObject();
  }
  w.EndObject();
  return RestResponse::Json(w.Take());
}

Result<RestResponse> HandlePutSettings(ApiContext& ctx, RestRequest& req) {
  QUIVER_ASSIGN_OR_RETURN(json::value body, req.json_body());
  QUIVER_ASSIGN_OR_RETURN(bool preserve, req.bool_param("preserve_existing", false));
  engine::IndicesOptions defaults;
  QUIVER_ASSIGN_OR_RETURN(auto indices, ResolveForRead(ctx, req, defaults));
  for (const auto& index : indices) {
    QUIVER_RETURN_IF_ERROR(index->UpdateSettings(body, preserve));
  }
  return RestResponse::Acknowledged();
}

namespace {

// Runs `op` on every resolved open index and answers with an ES _shards block.
template <typename Op>
Result<RestResponse> BroadcastOp(ApiContext& ctx, RestRequest& req, Op op) {
  QUIVER_ASSIGN_OR_RETURN(auto indices, ResolveForRead(ctx, req));
  int64_t total = 0, successful = 0;
  for (const auto& index : indices) {
    QUIVER_RETURN_IF_ERROR(CheckOpen(*index));
    auto s = index->settings();
    total += static_cast<int64_t>(s.number_of_shards()) * (1 + s.number_of_replicas());
    successful += s.number_of_shards();
    QUIVER_RETURN_IF_ERROR(op(*index));
  }
  JsonWriter w;
  w.BeginObject();
  WriteShardsBlock(&w, total, successful, 0);
  w.EndObject();
  return RestResponse::Json(w.Take());
}

}  // namespace

Result<RestResponse> HandleRefresh(ApiContext& ctx, RestRequest& req) {
  return BroadcastOp(ctx, req, [](engine::Index& i) { return i.Refresh(); });
}

Result<RestResponse> HandleFlush(ApiContext& ctx, RestRequest& req) {
  return BroadcastOp(ctx, req, [](engine::Index& i) { return i.Flush(); });
}

Result<RestResponse> HandleForceMerge(ApiContext& ctx, RestRequest& req) {
  QUIVER_ASSIGN_OR_RETURN(int64_t max_segments, req.int_param("max_num_segments", -1));
  QUIVER_ASSIGN_OR_RETURN(bool expunge, req.bool_param("only_expunge_deletes", false));
  QUIVER_ASSIGN_OR_RETURN(bool flush, req.bool_param("flush", true));
  if (expunge && max_segments != -1) {
    return Status::InvalidArgument(
               "Validation Failed: 1: cannot set only_expunge_deletes and max_num_segments at the "
               "same time, those two parameters are mutually exclusive;")
        .WithType("action_request_validation_exception");
  }
  return BroadcastOp(ctx, req, [&](engine::Index& i) {
    return i.ForceMerge(max_segments < 0 ? 1 : static_cast<int>(max_segments), expunge, flush);
  });
}

namespace {

Result<RestResponse> SetClosed(ApiContext& ctx, RestRequest& req, bool closed) {
  engine::IndicesOptions defaults;
  defaults.expand_closed = true;
  QUIVER_ASSIGN_OR_RETURN(auto indices, ResolveForRead(ctx, req, defaults));
  JsonWriter w;
  w.BeginObject();
  w.Field("acknowledged", true);
  w.Field("shards_acknowledged", true);
  if (closed) {
    w.Key("indices");
    w.BeginObject();
  }
  for (const auto& index : indices) {
    if (closed) QUIVER_RETURN_IF_ERROR(index->Flush());
    QUIVER_RETURN_IF_ERROR(index->UpdateMetadata([&](engine::IndexMetadata* m) {
      m->closed = closed;
      return Status::Ok();
    }));
    if (closed) {
      w.Key(index->name());
      w.BeginObject();
      w.Field("closed", true);
      w.EndObject();
    }
  }
  if (closed) w.EndObject();
  w.EndObject();
  return RestResponse::Json(w.Take());
}

}  // namespace

Result<RestResponse> HandleOpenIndex(ApiContext& ctx, RestRequest& req) {
  return SetClosed(ctx, req, false);
}

Result<RestResponse> HandleCloseIndex(ApiContext& ctx, RestRequest& req) {
  return SetClosed(ctx, req, true);
}

namespace {

void WriteStatsSection(JsonWriter* w, const engine::IndexStats& st, const engine::ShardStats& s,
                       const std::vector<std::string>& metrics, bool human) {
  auto want = [&](const char* m) {
    return metrics.empty() ||
           std::find(metrics.begin(), metrics.end(), std::string(m)) != metrics.end() ||
           std::find(metrics.begin(), metrics.end(), std::string("_all")) != metrics.end();
  };
  auto bytes = [&](const char* key, uint64_t v) {
    if (human)
      w->Field(std::string(key).substr(0, std::string(key).size() - 9),
               HumanBytes(static_cast<int64_t>(v)));
    w->Field(key, v);
  };
  w->BeginObject();
  if (want("docs")) {
    w->Key("docs");
    w->BeginObject();
    w->Field("count", s.docs_count);
    w->Field("deleted", s.docs_deleted);
    w->Field("total_size_in_bytes", s.store_size_bytes);
    w->EndObject();
  }
  if (want("store")) {
    w->Key("store");
    w->BeginObject();
    bytes("size_in_bytes", s.store_size_bytes);
    bytes("total_data_set_size_in_bytes", s.store_size_bytes);
    bytes("reserved_in_bytes", 0);
    w->EndObject();
  }
  if (want("indexing")) {
    w->Key("indexing");
    w->BeginObject();
    w->Field("index_total", s.index_total);
    w->Field("index_time_in_millis", s.index_time_ms);
    w->Field("index_current", uint64_t{0});
    w->Field("index_failed", s.index_failed);
    w->Field("delete_total", s.delete_total);
    w->Field("delete_time_in_millis", uint64_t{0});
    w->Field("delete_current", uint64_t{0});
    w->Field("noop_update_total", uint64_t{0});
    w->Field("is_throttled", false);
    w->Field("throttle_time_in_millis", uint64_t{0});
    w->EndObject();
  }
  if (want("get")) {
    w->Key("get");
    w->BeginObject();
    w->Field("total", st.get_total);
    w->Field("time_in_millis", uint64_t{0});
    w->Field("exists_total", st.get_total);
    w->Field("exists_time_in_millis", uint64_t{0});
    w->Field("missing_total", uint64_t{0});
    w->Field("missing_time_in_millis", uint64_t{0});
    w->Field("current", uint64_t{0});
    w->EndObject();
  }
  if (want("search")) {
    w->Key("search");
    w->BeginObject();
    w->Field("open_contexts", uint64_t{0});
    w->Field("query_total", st.search_query_total);
    w->Field("query_time_in_millis", st.search_query_time_ms);
    w->Field("query_current", uint64_t{0});
    w->Field("fetch_total", st.search_query_total);
    w->Field("fetch_time_in_millis", uint64_t{0});
    w->Field("fetch_current", uint64_t{0});
    w->Field("scroll_total", uint64_t{0});
    w->Field("scroll_time_in_millis", uint64_t{0});
    w->Field("scroll_current", uint64_t{0});
    w->EndObject();
  }
  if (want("merges")) {
    w->Key("merges");
    w->BeginObject();
    w->Field("current", uint64_t{0});
    w->Field("total", s.merge_total);
    w->Field("total_docs", s.merge_docs_total);
    w->EndObject();
  }
  if (want("refresh")) {
    w->Key("refresh");
    w->BeginObject();
    w->Field("total", s.refresh_total);
    w->Field("external_total", s.refresh_total);
    w->Field("listeners", uint64_t{0});
    w->EndObject();
  }
  if (want("flush")) {
    w->Key("flush");
    w->BeginObject();
    w->Field("total", s.flush_total);
    w->Field("periodic", uint64_t{0});
    w->EndObject();
  }
  if (want("segments")) {
    w->Key("segments");
    w->BeginObject();
    w->Field("count", s.segments_count);
    w->EndObject();
  }
  if (want("translog")) {
    w->Key("translog");
    w->BeginObject();
    w->Field("size_in_bytes", s.wal_size_bytes);
    w->EndObject();
  }
  w->EndObject();
}

}  // namespace

Result<RestResponse> HandleIndexStats(ApiContext& ctx, RestRequest& req) {
  QUIVER_ASSIGN_OR_RETURN(auto indices, ResolveForRead(ctx, req));
  std::vector<std::string> metrics;
  if (req.has_path_param("metric")) {
    for (auto m : SplitString(req.path_param("metric"), ','))
      metrics.emplace_back(TrimWhitespace(m));
  }
  std::string level = req.param_or("level", "indices");
  engine::IndexStats all;
  std::vector<engine::IndexStats> per;
  int64_t total_shards = 0, ok_shards = 0;
  for (const auto& index : indices) {
    per.push_back(index->Stats());
    const auto& t = per.back().total;
    all.total.docs_count += t.docs_count;
    all.total.docs_deleted += t.docs_deleted;
    all.total.store_size_bytes += t.store_size_bytes;
    all.total.segments_count += t.segments_count;
    all.total.index_total += t.index_total;
    all.total.index_time_ms += t.index_time_ms;
    all.total.delete_total += t.delete_total;
    all.total.refresh_total += t.refresh_total;
    all.total.flush_total += t.flush_total;
    all.total.merge_total += t.merge_total;
    all.total.merge_docs_total += t.merge_docs_total;
    all.total.wal_size_bytes += t.wal_size_bytes;
    all.search_query_total += per.back().search_query_total;
    all.search_query_time_ms += per.back().search_query_time_ms;
    all.get_total += per.back().get_total;
    auto s = index->settings();
    total_shards += static_cast<int64_t>(s.number_of_shards()) * (1 + s.number_of_replicas());
    ok_shards += s.number_of_shards();
  }
  JsonWriter w;
  w.BeginObject();
  WriteShardsBlock(&w, total_shards, ok_shards, 0);
  w.Key("_all");
  w.BeginObject();
  w.Key("primaries");
  WriteStatsSection(&w, all, all.total, metrics, req.human());
  w.Key("total");
  WriteStatsSection(&w, all, all.total, metrics, req.human());
  w.EndObject();
  if (level != "cluster") {
    w.Key("indices");
    w.BeginObject();
    for (size_t i = 0; i < indices.size(); ++i) {
      auto s = indices[i]->settings();
      w.Key(indices[i]->name());
      w.BeginObject();
      w.Field("uuid", indices[i]->uuid());
      w.Field("health", s.number_of_replicas() > 0 ? "yellow" : "green");
      w.Field("status", indices[i]->metadata().closed ? "close" : "open");
      w.Key("primaries");
      WriteStatsSection(&w, per[i], per[i].total, metrics, req.human());
      w.Key("total");
      WriteStatsSection(&w, per[i], per[i].total, metrics, req.human());
      if (level == "shards") {
        w.Key("shards");
        w.BeginObject();
        for (size_t sh = 0; sh < per[i].shards.size(); ++sh) {
          w.Key(std::to_string(sh));
          w.BeginArray();
          WriteStatsSection(&w, per[i], per[i].shards[sh], metrics, req.human());
          w.EndArray();
        }
        w.EndObject();
      }
      w.EndObject();
    }
    w.EndObject();
  }
  w.EndObject();
  return RestResponse::Json(w.Take());
}

}  // namespace quiver::api
