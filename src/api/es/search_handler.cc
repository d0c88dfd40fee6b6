#include "api/es/search_handler.h"

#include <set>

#include "api/es/document_handlers.h"
#include "api/es/index_handlers.h"
#include "common/clock.h"
#include "common/strings.h"

namespace quiver::api {
namespace {

// Documents a query selects. This first version understands match_all and
// the id lookups (ids, term/terms on _id).
struct DocSelector {
  bool all = true;
  std::set<std::string> ids;
  bool Matches(std::string_view id) const { return all || ids.count(std::string(id)) > 0; }
};

struct SearchRequest {
  DocSelector selector;
  int64_t from = 0;
  int64_t size = 10;
  bool sort_by_doc = false;
  int64_t track_total_hits = 10000;  // -1: exact
  bool total_as_int = false;
  SourceFetch fetch;
  bool seq_no_primary_term = false;
  bool version = false;
};

Status Unsupported(const std::string& what) {
  return Status::ParseError("unknown query [" + what + "]").WithType("parsing_exception");
}

Result<DocSelector> ParseQuery(const json::value& q) {
  if (!q.is_object() || q.get_object().size() != 1) {
    return Status::ParseError("[_na] query malformed, no start_object after query name")
        .WithType("parsing_exception");
  }
  std::string name(q.get_object().begin()->key());
  const json::value& body = q.get_object().begin()->value();
  DocSelector sel;
  auto add_ids = [&](const json::value& v) -> Status {
    sel.all = false;
    if (v.is_array()) {
      for (const auto& e : v.get_array()) {
        if (auto s = JsonToString(e)) sel.ids.insert(*s);
      }
    } else if (auto s = JsonToString(v)) {
      sel.ids.insert(*s);
    } else {
      return Status::ParseError("[" + name + "] query malformed").WithType("parsing_exception");
    }
    return Status::Ok();
  };
  if (name == "match_all") return sel;
  if (name == "ids") {
    const json::value* values = JsonFind(body, "values");
    if (values == nullptr) return Status::ParseError("[ids] query malformed, no values").WithType("parsing_exception");
    QUIVER_RETURN_IF_ERROR(add_ids(*values));
    return sel;
  }
  if ((name == "term" || name == "terms") && body.is_object() && body.get_object().size() == 1 &&
      body.get_object().begin()->key() == "_id") {
    const json::value& v = body.get_object().begin()->value();
    const json::value* value = v.is_object() ? JsonFind(v, "value") : &v;
    if (value == nullptr) return Status::ParseError("[term] query malformed").WithType("parsing_exception");
    QUIVER_RETURN_IF_ERROR(add_ids(*value));
    return sel;
  }
  return Unsupported(name);
}

Result<SearchRequest> ParseSearch(const RestRequest& req, const json::value& body) {
  SearchRequest s;
  QUIVER_ASSIGN_OR_RETURN(s.fetch, SourceFetchFromParams(req));
  if (body.is_object()) {
    for (const auto& kv : body.get_object()) {
      std::string key(kv.key());
      const json::value& v = kv.value();
      if (key == "query") {
        QUIVER_ASSIGN_OR_RETURN(s.selector, ParseQuery(v));
      } else if (key == "from") {
        auto n = JsonToInt64(v);
        if (!n) return Status::ParseError("[from] must be a number").WithType("parsing_exception");
        s.from = *n;
      } else if (key == "size") {
        auto n = JsonToInt64(v);
        if (!n) return Status::ParseError("[size] must be a number").WithType("parsing_exception");
        s.size = *n;
      } else if (key == "sort") {
        auto is_doc = [](const json::value& e) {
          if (e.is_string()) return e.get_string() == "_doc";
          return e.is_object() && e.get_object().size() == 1 &&
                 e.get_object().begin()->key() == "_doc";
        };
        bool ok = is_doc(v) || (v.is_array() && v.get_array().size() == 1 && is_doc(v.get_array()[0]));
        if (!ok) return Status::ParseError("sorting other than by [_doc] is not supported yet").WithType("parsing_exception");
        s.sort_by_doc = true;
      } else if (key == "track_total_hits") {
        if (v.is_bool()) {
          s.track_total_hits = v.get_bool() ? -1 : 0;
        } else if (auto n = JsonToInt64(v)) {
          s.track_total_hits = *n;
        }
      } else if (key == "_source") {
        QUIVER_ASSIGN_OR_RETURN(s.fetch, SourceFetchFromJson(v));
      } else if (key == "seq_no_primary_term") {
        s.seq_no_primary_term = JsonToBool(v).value_or(false);
      } else if (key == "version") {
        s.version = JsonToBool(v).value_or(false);
      } else if (key == "timeout" || key == "track_scores" || key == "stats" ||
                 key == "explain" || key == "min_score" || key == "terminate_after") {
        // accepted; no effect for match_all on one node
      } else {
        return Status::ParseError("Unknown key for a " + std::string(JsonTokenName(v)) + " in [" +
                                  key + "].")
            .WithType("parsing_exception");
      }
    }
  } else if (!body.is_null()) {
    return Status::ParseError("Expected [START_OBJECT] but found [" +
                              std::string(JsonTokenName(body)) + "]")
        .WithType("parsing_exception");
  }
  if (req.has_param("from")) {
    QUIVER_ASSIGN_OR_RETURN(s.from, req.int_param("from", 0));
  }
  if (req.has_param("size")) {
    QUIVER_ASSIGN_OR_RETURN(s.size, req.int_param("size", 10));
  }
  if (const std::string* t = req.param("track_total_hits")) {
    if (*t == "true") {
      s.track_total_hits = -1;
    } else if (*t == "false") {
      s.track_total_hits = 0;
    } else {
      QUIVER_ASSIGN_OR_RETURN(s.track_total_hits, req.int_param("track_total_hits", 10000));
    }
  }
  if (req.param_or("sort", "") == "_doc") s.sort_by_doc = true;
  QUIVER_ASSIGN_OR_RETURN(s.total_as_int, req.bool_param("rest_total_hits_as_int", false));
  QUIVER_ASSIGN_OR_RETURN(s.seq_no_primary_term,
                          req.bool_param("seq_no_primary_term", s.seq_no_primary_term));
  QUIVER_ASSIGN_OR_RETURN(s.version, req.bool_param("version", s.version));
  if (req.has_param("q")) return Unsupported("query_string");
  if (s.from < 0) {
    return Status::InvalidArgument("[from] parameter cannot be negative, found [" +
                                   std::to_string(s.from) + "]");
  }
  if (s.size < 0) {
    return Status::InvalidArgument("[size] parameter cannot be negative, found [" +
                                   std::to_string(s.size) + "]");
  }
  return s;
}

}  // namespace

Result<RestResponse> HandleSearch(ApiContext& ctx, RestRequest& req) {
  int64_t start = MonotonicNanos();
  QUIVER_ASSIGN_OR_RETURN(json::value body, req.json_body(/*optional=*/true));
  QUIVER_ASSIGN_OR_RETURN(SearchRequest s, ParseSearch(req, body));
  QUIVER_ASSIGN_OR_RETURN(auto indices, ResolveForRead(ctx, req));
  int64_t max_window = 10000;
  for (const auto& index : indices) {
    QUIVER_RETURN_IF_ERROR(CheckOpen(*index));
    max_window = std::min<int64_t>(max_window, index->settings().max_result_window());
  }
  if (s.from + s.size > max_window) {
    return Status::InvalidArgument(
               "Result window is too large, from + size must be less than or equal to: [" +
               std::to_string(max_window) + "] but was [" + std::to_string(s.from + s.size) +
               "]. See the scroll api for a more efficient way to request large data sets. This "
               "limit can be set by changing the [index.max_result_window] index level setting.")
        .WithType("illegal_argument_exception");
  }
  // Walk every shard's point-in-time view in (index, shard, segment, doc) order.
  uint64_t total = 0;
  int64_t shards = 0;
  int64_t skip = s.from, want = s.size;
  JsonWriter hits;
  hits.BeginArray();
  for (const auto& index : indices) {
    for (size_t sh = 0; sh < index->num_shards(); ++sh) {
      ++shards;
      auto set = index->shard(sh).AcquireSearcher();
      if (s.selector.all) total += set->num_live_docs();
      for (const auto& view : set->segments) {
        const auto& r = *view.reader;
        for (uint32_t d = 0; d < r.num_docs(); ++d) {
          if (!view.live_docs->IsLive(d)) continue;
          if (!s.selector.all) {
            if (!s.selector.Matches(r.ids().id(d))) continue;
            ++total;
          }
          if (want == 0) {
            if (s.selector.all) break;
            continue;
          }
          if (skip > 0) {
            --skip;
            continue;
          }
          --want;
          hits.BeginObject();
          hits.Field("_index", index->name());
          hits.Field("_id", r.ids().id(d));
          if (s.version || s.seq_no_primary_term) {
            auto meta = r.doc_meta().Get(d);
            if (s.version) hits.Field("_version", meta.version);
            if (s.seq_no_primary_term) {
              hits.Field("_seq_no", meta.seq_no);
              hits.Field("_primary_term", meta.primary_term);
            }
          }
          if (s.sort_by_doc) {
            hits.Key("_score");
            hits.Null();
          } else {
            hits.Field("_score", 1.0);
          }
          if (!r.ids().routing(d).empty()) hits.Field("_routing", r.ids().routing(d));
          if (s.fetch.fetch) {
            std::string src;
            QUIVER_RETURN_IF_ERROR(r.source().Get(d, &src));
            if (!src.empty()) {
              QUIVER_ASSIGN_OR_RETURN(std::string filtered, ApplySourceFetch(s.fetch, src));
              hits.Key("_source");
              hits.Raw(filtered);
            }
          }
          if (s.sort_by_doc) {
            hits.Key("sort");
            hits.BeginArray();
            hits.Int(d);
            hits.EndArray();
          }
          hits.EndObject();
        }
      }
    }
    index->RecordSearch(static_cast<uint64_t>((MonotonicNanos() - start) / 1000000));
  }
  hits.EndArray();
  JsonWriter w;
  w.BeginObject();
  w.Field("took", (MonotonicNanos() - start) / 1000000);
  w.Field("timed_out", false);
  w.Key("_shards");
  w.BeginObject();
  w.Field("total", shards);
  w.Field("successful", shards);
  w.Field("skipped", int64_t{0});
  w.Field("failed", int64_t{0});
  w.EndObject();
  w.Key("hits");
  w.BeginObject();
  if (s.track_total_hits != 0 || s.total_as_int) {
    bool capped = s.track_total_hits > 0 && total > static_cast<uint64_t>(s.track_total_hits);
    uint64_t shown = capped ? static_cast<uint64_t>(s.track_total_hits) : total;
    if (s.total_as_int) {
      w.Field("total", total);
    } else {
      w.Key("total");
      w.BeginObject();
      w.Field("value", shown);
      w.Field("relation", capped ? "gte" : "eq");
      w.EndObject();
    }
  }
  w.Key("max_score");
  if (s.sort_by_doc || total == 0) {
    w.Null();
  } else {
    w.Double(1.0);
  }
  w.Key("hits");
  w.Raw(hits.str());
  w.EndObject();
  w.EndObject();
  return RestResponse::Json(w.Take());
}

Result<RestResponse> HandleCount(ApiContext& ctx, RestRequest& req) {
  QUIVER_ASSIGN_OR_RETURN(json::value body, req.json_body(/*optional=*/true));
  DocSelector selector;
  if (body.is_object()) {
    for (const auto& kv : body.get_object()) {
      if (kv.key() == "query") {
        QUIVER_ASSIGN_OR_RETURN(selector, ParseQuery(kv.value()));
      } else {
        return Status::ParseError("request does not support [" + std::string(kv.key()) + "]")
            .WithType("parsing_exception");
      }
    }
  }
  if (req.has_param("q")) return Unsupported("query_string");
  QUIVER_ASSIGN_OR_RETURN(auto indices, ResolveForRead(ctx, req));
  uint64_t count = 0;
  int64_t shards = 0;
  for (const auto& index : indices) {
    QUIVER_RETURN_IF_ERROR(CheckOpen(*index));
    for (size_t sh = 0; sh < index->num_shards(); ++sh) {
      ++shards;
      auto set = index->shard(sh).AcquireSearcher();
      if (selector.all) {
        count += set->num_live_docs();
        continue;
      }
      for (const auto& view : set->segments) {
        for (uint32_t d = 0; d < view.reader->num_docs(); ++d) {
          if (view.live_docs->IsLive(d) && selector.Matches(view.reader->ids().id(d))) ++count;
        }
      }
    }
  }
  JsonWriter w;
  w.BeginObject();
  w.Field("count", count);
  w.Key("_shards");
  w.BeginObject();
  w.Field("total", shards);
  w.Field("successful", shards);
  w.Field("skipped", int64_t{0});
  w.Field("failed", int64_t{0});
  w.EndObject();
  w.EndObject();
  return RestResponse::Json(w.Take());
}

}  // namespace quiver::api
