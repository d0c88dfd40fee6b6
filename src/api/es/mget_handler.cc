#include "api/es/mget_handler.h"

#include "api/es/document_handlers.h"
#include "api/es/es_errors.h"
#include "api/es/index_handlers.h"

namespace quiver::api {
namespace {

struct MgetItem {
  std::string index;
  std::string id;
  std::string routing;
  SourceFetch fetch;
};

void WriteMgetError(JsonWriter* w, const MgetItem& item, const Status& s) {
  w->BeginObject();
  w->Field("_index", item.index);
  w->Field("_id", item.id);
  w->Key("error");
  w->BeginObject();
  w->Key("root_cause");
  w->BeginArray();
  WriteErrorObject(w, s, false);
  w->EndArray();
  w->Field("type", s.type());
  w->Field("reason", s.message());
  for (const auto& [k, v] : s.metadata()) w->Field(k, v);
  w->EndObject();
  w->EndObject();
}

}  // namespace

Result<RestResponse> HandleMget(ApiContext& ctx, RestRequest& req) {
  QUIVER_ASSIGN_OR_RETURN(json::value body, req.json_body());
  if (!body.is_object()) {
    return Status::ParseError("unexpected token [" + std::string(JsonTokenName(body)) + "]")
        .WithType("parsing_exception");
  }
  QUIVER_ASSIGN_OR_RETURN(SourceFetch default_fetch, SourceFetchFromParams(req));
  QUIVER_ASSIGN_OR_RETURN(bool realtime, req.bool_param("realtime", true));
  QUIVER_ASSIGN_OR_RETURN(bool refresh, req.bool_param("refresh", false));
  std::string default_index = req.path_param("index");
  std::string default_routing = req.param_or("routing", "");
  std::vector<MgetItem> items;
  if (auto* docs = JsonFind(body, "docs")) {
    if (!docs->is_array()) {
      return Status::ParseError("docs array element should include an object")
          .WithType("parsing_exception");
    }
    for (const auto& d : docs->get_array()) {
      if (!d.is_object()) {
        return Status::ParseError("docs array element should include an object")
            .WithType("parsing_exception");
      }
      MgetItem item;
      item.index = default_index;
      item.routing = default_routing;
      item.fetch = default_fetch;
      for (const auto& kv : d.get_object()) {
        if (kv.key() == "_index") {
          item.index = JsonToString(kv.value()).value_or("");
        } else if (kv.key() == "_id") {
          item.id = JsonToString(kv.value()).value_or("");
        } else if (kv.key() == "routing" || kv.key() == "_routing") {
          item.routing = JsonToString(kv.value()).value_or("");
        } else if (kv.key() == "_source") {
          QUIVER_ASSIGN_OR_RETURN(item.fetch, SourceFetchFromJson(kv.value()));
        } else if (kv.key() == "stored_fields" || kv.key() == "version" ||
                   kv.key() == "version_type") {
          // accepted
        } else {
          return Status::ParseError("Unknown key for a VALUE_STRING in [" +
                                    std::string(kv.key()) + "].")
              .WithType("parsing_exception");
        }
      }
      items.push_back(std::move(item));
    }
  } else if (auto* ids = JsonFind(body, "ids")) {
    if (!ids->is_array()) {
      return Status::ParseError("ids array element should only contain ids")
          .WithType("parsing_exception");
    }
    for (const auto& id : ids->get_array()) {
      MgetItem item;
      item.index = default_index;
      item.routing = default_routing;
      item.fetch = default_fetch;
      item.id = JsonToString(id).value_or("");
      items.push_back(std::move(item));
    }
  } else {
    return Status::InvalidArgument("Validation Failed: 1: no documents to get;")
        .WithType("action_request_validation_exception");
  }
  std::string errors;
  int n = 0;
  for (const auto& item : items) {
    if (item.index.empty()) errors += std::to_string(++n) + ": index is missing for doc " + std::to_string(&item - &items[0]) + ";";
    if (item.id.empty()) errors += std::to_string(++n) + ": id is missing for doc " + std::to_string(&item - &items[0]) + ";";
  }
  if (!errors.empty()) {
    return Status::InvalidArgument("Validation Failed: " + errors)
        .WithType("action_request_validation_exception");
  }
  JsonWriter w;
  w.BeginObject();
  w.Key("docs");
  w.BeginArray();
  for (const auto& item : items) {
    engine::IndicesOptions opts;
    auto resolved = ctx.node->Resolve(item.index, opts);
    if (!resolved.ok() || resolved->size() != 1) {
      Status s = resolved.ok() ? IndexNotFound(item.index) : resolved.status();
      WriteMgetError(&w, item, s);
      continue;
    }
    auto index = (*resolved)[0];
    if (Status open = CheckOpen(*index); !open.ok()) {
      WriteMgetError(&w, item, open);
      continue;
    }
    size_t shard = index->ShardFor(item.id, item.routing);
    if (refresh) (void)index->shard(shard).Refresh();
    auto g = index->shard(shard).Get(item.id, realtime);
    if (!g.ok()) {
      WriteMgetError(&w, item, g.status());
      continue;
    }
    w.BeginObject();
    w.Field("_index", index->name());
    w.Field("_id", item.id);
    if (!g->found) {
      w.Field("found", false);
      w.EndObject();
      continue;
    }
    w.Field("_version", g->version);
    w.Field("_seq_no", g->seq_no);
    w.Field("_primary_term", g->primary_term);
    if (!g->routing.empty()) w.Field("_routing", g->routing);
    w.Field("found", true);
    if (item.fetch.fetch && !g->source.empty()) {
      auto src = ApplySourceFetch(item.fetch, g->source);
      if (src.ok()) {
        w.Key("_source");
        w.Raw(*src);
      }
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return RestResponse::Json(w.Take());
}

}  // namespace quiver::api
