// _delete_by_query and _update_by_query (without scripts): the documents a
// query matches in a point-in-time view are deleted (or re-indexed from
// their _source) one by one, each conditioned on the seq_no it was read
// with, so that concurrent changes are reported as version conflicts as
// Elasticsearch reports them.
#include <algorithm>
#include <map>

#include "analysis/analyze_api.h"
#include "api/es/document_handlers.h"
#include "api/es/index_handlers.h"
#include "api/es/search_contexts.h"
#include "api/es/search_handler.h"
#include "api/es/search_request.h"
#include "common/clock.h"
#include "common/strings.h"
#include "engine/document_ops.h"
#include "query/dsl/query_parser.h"
#include "query/exec/shard_search.h"
#include "query/query_context.h"
#include "schema/field_mapper.h"
#include "schema/mapping.h"

namespace quiver::api {
namespace {

struct ByQueryOptions {
  bool proceed_on_conflict = false;
  int64_t max_docs = -1;
  int64_t scroll_size = 1000;
  bool refresh = false;
  bool wait_for_completion = true;
  json::value query;
  // ?q= and its options, as a query_string query.
  std::optional<json::value> q;
};

Result<ByQueryOptions> ParseOptions(const RestRequest& req, const json::value& body,
                                    bool is_update) {
  ByQueryOptions o;
  std::string conflicts = req.param_or("conflicts", "abort");
  std::optional<int64_t> body_max_docs;
  if (body.is_object()) {
    for (const auto& kv : body.get_object()) {
      std::string k(kv.key());
      if (k == "query") {
        o.query = kv.value();
      } else if (k == "max_docs" || k == "size") {
        auto n = JsonToInt64(kv.value());
        if (!n)
          return Status::ParseError("[" + k + "] must be a number").WithType("parsing_exception");
        if (body_max_docs && *body_max_docs != *n) {
          return Status::InvalidArgument("[max_docs] set to two different values [" +
                                         std::to_string(*body_max_docs) + "] and [" +
                                         std::to_string(*n) + "]");
        }
        body_max_docs = *n;
      } else if (k == "conflicts") {
        conflicts = JsonToString(kv.value()).value_or("");
      } else if (k == "script") {
        if (is_update) {
          return Status::Unsupported(
              "scripts are not supported by Quiver: _update_by_query re-indexes documents "
              "unchanged");
        }
      } else if (k == "stored_fields" || k == "_source") {
        return Status::InvalidArgument(
                   "Validation Failed: 1: stored_fields is not supported in this context;")
            .WithType("action_request_validation_exception");
      } else if (k == "slice") {
        // accepted: one node executes the whole request
      } else {
        return Status::ParseError("Unknown key for a " + std::string(JsonTokenName(kv.value())) +
                                  " in [" + k + "].")
            .WithType("parsing_exception");
      }
    }
  }
  if (conflicts == "proceed") {
    o.proceed_on_conflict = true;
  } else if (conflicts != "abort") {
    return Status::InvalidArgument("conflicts may only be \"proceed\" or \"abort\" but was [" +
                                   conflicts + "]");
  }
  if (req.has_param("max_docs")) {
    QUIVER_ASSIGN_OR_RETURN(int64_t n, req.int_param("max_docs", -1));
    if (body_max_docs && *body_max_docs != n) {
      return Status::InvalidArgument("[max_docs] set to two different values [" +
                                     std::to_string(*body_max_docs) + "] and [" +
                                     std::to_string(n) + "]");
    }
    body_max_docs = n;
  }
  if (body_max_docs) {
    if (*body_max_docs < 0) {
      return Status::InvalidArgument("[max_docs] parameter cannot be negative, found [" +
                                     std::to_string(*body_max_docs) + "]");
    }
    o.max_docs = *body_max_docs;
  }
  QUIVER_ASSIGN_OR_RETURN(o.scroll_size, req.int_param("scroll_size", 1000));
  if (const std::string* rps = req.param("requests_per_second")) {
    double v;
    if (!ParseDouble(*rps, &v) || (v <= 0 && v != -1)) {
      return Status::InvalidArgument(
          "[requests_per_second] must be a float greater than 0. Use -1 to disable throttling.");
    }
  }
  if (const std::string* slices = req.param("slices")) {
    int64_t n;
    if (*slices != "auto" && (!ParseInt64(*slices, &n) || n <= 0)) {
      return Status::InvalidArgument("[slices] must be a positive integer or the string \"auto\"");
    }
    if (*slices != "auto" && o.max_docs >= 0 && o.max_docs < n) {
      return Status::InvalidArgument("[max_docs] should be >= [slices]");
    }
  }
  QUIVER_ASSIGN_OR_RETURN(o.refresh, req.bool_param("refresh", false));
  QUIVER_ASSIGN_OR_RETURN(o.wait_for_completion, req.bool_param("wait_for_completion", true));
  SearchRequest qs;
  QUIVER_RETURN_IF_ERROR(ReadQueryStringParams(req, &qs));
  if (qs.q) {
    json::object q = qs.q_options.as_object();
    q["query"] = *qs.q;
    o.q = json::object{{"query_string", std::move(q)}};
  }
  if (!is_update && o.query.is_null() && !o.q && body.is_object()) {
    return Status::InvalidArgument("Validation Failed: 1: query is missing;")
        .WithType("action_request_validation_exception");
  }
  return o;
}

struct Target {
  std::shared_ptr<engine::Index> index;
  size_t shard;
  std::shared_ptr<const segment::SegmentSet> set;
  query::QueryPtr query;
};

Result<RestResponse> RunByQuery(ApiContext& ctx, RestRequest& req, bool is_update) {
  int64_t start = MonotonicNanos();
  QUIVER_ASSIGN_OR_RETURN(json::value body, req.json_body(/*optional=*/true));
  if (!is_update && body.is_null() && !req.has_param("q")) {
    return Status::InvalidArgument("Validation Failed: 1: query is missing;")
        .WithType("action_request_validation_exception");
  }
  QUIVER_ASSIGN_OR_RETURN(ByQueryOptions o, ParseOptions(req, body, is_update));
  engine::IndicesOptions defaults;
  QUIVER_ASSIGN_OR_RETURN(auto iopts, IndicesOptionsFrom(req, defaults));
  QUIVER_ASSIGN_OR_RETURN(auto indices, ctx.node->Resolve(req.path_param("index"), iopts));
  // Collect the matching documents of every shard, in doc order.
  struct Hit {
    size_t target;
    std::string id, routing;
    int64_t seq_no;
    uint64_t term;
    uint32_t segment, doc;
  };
  std::vector<Target> targets;
  std::vector<Hit> hits;
  for (const auto& index : indices) {
    QUIVER_RETURN_IF_ERROR(CheckOpen(*index));
    auto mapping = index->mapping();
    auto analysis = index->analysis();
    auto settings = index->settings();
    query::QueryContext qc;
    qc.mapping = mapping.get();
    qc.analysis = analysis.get();
    qc.settings = &settings;
    qc.index_name = index->name();
    qc.now_ms = NowMillis();
    json::value qjson =
        o.query.is_null() ? json::value(json::object{{"match_all", json::object()}}) : o.query;
    if (o.q) qjson = *o.q;
    QUIVER_ASSIGN_OR_RETURN(query::QueryPtr q, query::dsl::ParseQuery(qjson, qc));
    for (size_t sh = 0; sh < index->num_shards(); ++sh) {
      Target t{index, sh, index->shard(sh).AcquireSearcher(), q};
      query::ShardSearchRequest r;
      r.query = q;
      query::SortField by_doc;
      by_doc.kind = query::SortField::Kind::kDoc;
      r.sort.push_back(by_doc);
      r.k = o.max_docs >= 0 ? static_cast<size_t>(o.max_docs) : static_cast<size_t>(INT32_MAX);
      r.track_total_hits = INT64_MAX;
      QUIVER_ASSIGN_OR_RETURN(query::ShardSearchResult res, query::SearchShard(t.set, r));
      for (const auto& h : res.hits) {
        const auto& reader = *t.set->segments[h.segment].reader;
        auto meta = reader.doc_meta().Get(h.doc);
        hits.push_back({targets.size(), std::string(reader.ids().id(h.doc)),
                        std::string(reader.ids().routing(h.doc)), static_cast<int64_t>(meta.seq_no),
                        meta.primary_term, h.segment, h.doc});
      }
      targets.push_back(std::move(t));
    }
  }
  if (o.max_docs >= 0 && static_cast<int64_t>(hits.size()) > o.max_docs)
    hits.resize(static_cast<size_t>(o.max_docs));
  int64_t done = 0, conflicts = 0, noops = 0;
  json::array failures;
  std::map<std::pair<engine::Index*, size_t>, engine::WalMark> marks;
  for (const Hit& h : hits) {
    Target& t = targets[h.target];
    engine::WriteConditions cond;
    cond.if_seq_no = h.seq_no;
    cond.if_primary_term = static_cast<int64_t>(h.term);
    Result<engine::DocWriteResult> r = Status::Internal("not run");
    if (is_update) {
      std::string source;
      QUIVER_RETURN_IF_ERROR(t.set->segments[h.segment].reader->source().Get(h.doc, &source));
      if (source.empty()) {
        return Status::InvalidArgument("[" + t.index->name() + "][_doc][" + h.id +
                                       "] didn't store _source");
      }
      engine::IndexRequest ir;
      ir.id = h.id;
      ir.routing = h.routing;
      ir.source = source;
      ir.conditions = cond;
      r = engine::IndexDocument(*t.index, ir);
    } else {
      r = engine::DeleteDocument(*t.index, h.id, h.routing, cond);
    }
    if (!r.ok()) {
      if (r.status().code() == StatusCode::kConflict) {
        ++conflicts;
        if (!o.proceed_on_conflict) {
          json::object f{{"index", t.index->name()},
                         {"id", h.id},
                         {"cause", json::object{{"type", std::string(r.status().type())},
                                                {"reason", r.status().message()},
                                                {"index_uuid", t.index->uuid()},
                                                {"shard", std::to_string(t.shard)},
                                                {"index", t.index->name()}}},
                         {"status", 409}};
          failures.push_back(std::move(f));
          break;
        }
        continue;
      }
      return r.status();
    }
    if (r->outcome.kind == engine::WriteOutcome::Kind::kNotFound) {
      ++conflicts;
      continue;
    }
    ++done;
    auto& m = marks[{t.index.get(), r->shard}];
    if (r->outcome.mark.position >= m.position) m = r->outcome.mark;
  }
  for (auto& [key, mark] : marks) {
    QUIVER_RETURN_IF_ERROR(key.first->shard(key.second).Sync(mark));
    if (o.refresh) QUIVER_RETURN_IF_ERROR(key.first->shard(key.second).Refresh());
  }
  JsonWriter w;
  w.BeginObject();
  w.Field("took", (MonotonicNanos() - start) / 1000000);
  w.Field("timed_out", false);
  w.Field("total", static_cast<int64_t>(hits.size()));
  w.Field(is_update ? "updated" : "deleted", done);
  w.Field("batches", std::max<int64_t>(1, (static_cast<int64_t>(hits.size()) + o.scroll_size - 1) /
                                              std::max<int64_t>(1, o.scroll_size)));
  w.Field("version_conflicts", conflicts);
  w.Field("noops", noops);
  w.Key("retries");
  w.BeginObject();
  w.Field("bulk", int64_t{0});
  w.Field("search", int64_t{0});
  w.EndObject();
  w.Field("throttled_millis", int64_t{0});
  w.Field("requests_per_second", -1.0);
  w.Field("throttled_until_millis", int64_t{0});
  w.Key("failures");
  w.Value(failures);
  w.EndObject();
  std::string response = w.Take();
  int status = failures.empty() ? 200 : 409;
  if (!o.wait_for_completion) {
    std::string task = ctx.contexts->AddTask(response);
    JsonWriter t;
    t.BeginObject();
    t.Field("task", task);
    t.EndObject();
    return RestResponse::Json(t.Take());
  }
  return RestResponse::Json(std::move(response), status);
}

}  // namespace

Result<RestResponse> HandleDeleteByQuery(ApiContext& ctx, RestRequest& req) {
  return RunByQuery(ctx, req, false);
}

Result<RestResponse> HandleUpdateByQuery(ApiContext& ctx, RestRequest& req) {
  return RunByQuery(ctx, req, true);
}

Result<RestResponse> HandleGetTask(ApiContext& ctx, RestRequest& req) {
  auto response = ctx.contexts->FindTask(req.path_param("task_id"));
  if (!response) {
    return Status::NotFound("task [" + req.path_param("task_id") +
                            "] isn't running and hasn't stored its results")
        .WithType("resource_not_found_exception");
  }
  std::string out =
      "{\"completed\":true,\"task\":{\"node\":\"quiver\",\"id\":1,\"type\":\"transport\","
      "\"action\":\"indices:data/write/by_query\"},\"response\":" +
      *response + "}";
  return RestResponse::Json(std::move(out));
}

Result<RestResponse> HandleAnalyze(ApiContext& ctx, RestRequest& req) {
  QUIVER_ASSIGN_OR_RETURN(json::value body, req.json_body(/*optional=*/true));
  if (body.is_null()) body = json::object();
  // URL parameters (text, analyzer, ...) are accepted like body fields.
  for (const char* p : {"analyzer", "field", "text", "tokenizer", "normalizer"}) {
    if (const std::string* v = req.param(p); v && !JsonFind(body, p)) body.as_object()[p] = *v;
  }
  analysis::AnalyzeContext actx;
  std::string index_name =
      req.has_path_param("index") ? req.path_param("index") : req.param_or("index", "");
  if (!index_name.empty()) {
    engine::IndicesOptions opts;
    QUIVER_ASSIGN_OR_RETURN(auto indices, ctx.node->Resolve(index_name, opts));
    if (indices.size() != 1) return IndexNotFound(index_name);
    auto index = indices[0];
    actx.index_registry = index->analysis();
    auto mapping = index->mapping();
    actx.field_resolver = [mapping](std::string_view field) {
      analysis::FieldAnalysis fa;
      const schema::FieldMapper* fm = mapping->FindField(field);
      if (fm == nullptr) return fa;
      if (schema::IsTextType(fm->type())) {
        fa.kind = analysis::FieldAnalysis::Kind::kText;
        fa.name = fm->text().analyzer == "default" ? "" : fm->text().analyzer;
      } else if (schema::IsKeywordType(fm->type())) {
        fa.kind = analysis::FieldAnalysis::Kind::kKeyword;
        fa.name = fm->keyword().normalizer;
      } else {
        fa.kind = analysis::FieldAnalysis::Kind::kOther;
      }
      return fa;
    };
  }
  QUIVER_ASSIGN_OR_RETURN(json::value out, analysis::RunAnalyze(body, actx));
  return RestResponse::Json(ToJson(out));
}

}  // namespace quiver::api
