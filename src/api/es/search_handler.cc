#include "api/es/search_handler.h"

#include <set>

#include "api/es/document_handlers.h"
#include "api/es/es_errors.h"
#include "api/es/index_handlers.h"
#include "api/es/search_contexts.h"
#include "api/es/search_executor.h"
#include "api/es/search_fetch.h"
#include "api/es/search_knn.h"
#include "api/es/search_request.h"
#include "common/clock.h"
#include "common/strings.h"
#include "query/dsl/query_parser.h"
#include "query/query_context.h"

namespace quiver::api {
namespace {

struct ResolvedTargets {
  std::vector<std::shared_ptr<engine::Index>> indices;
  std::vector<json::value> alias_filters;
};

// Indices of a search expression, with the filters of the aliases that
// selected them (an index named directly is searched unfiltered).
Result<ResolvedTargets> ResolveSearchTargets(ApiContext& ctx, const std::string& expression,
                                             const RestRequest& req) {
  engine::IndicesOptions defaults;
  QUIVER_ASSIGN_OR_RETURN(auto opts, IndicesOptionsFrom(req, defaults));
  ResolvedTargets out;
  QUIVER_ASSIGN_OR_RETURN(out.indices,
                          ctx.node->Resolve(expression.empty() ? "_all" : expression, opts));
  std::vector<std::string> parts;
  for (auto p : SplitString(expression, ',')) {
    p = TrimWhitespace(p);
    if (!p.empty()) parts.emplace_back(p);
  }
  for (const auto& index : out.indices) {
    QUIVER_RETURN_IF_ERROR(CheckOpen(*index));
    bool direct = parts.empty();
    std::vector<json::value> filters;
    bool unfiltered_alias = false;
    auto meta = index->metadata();
    for (const auto& p : parts) {
      if (p == "_all" || engine::SimpleMatch(p, index->name())) direct = true;
      for (const auto& [alias, a] : meta.aliases) {
        if (alias == p || (p.find('*') != std::string::npos && engine::SimpleMatch(p, alias))) {
          if (a.filter.is_null()) {
            unfiltered_alias = true;
          } else {
            filters.push_back(a.filter);
          }
        }
      }
    }
    if (direct || unfiltered_alias || filters.empty()) {
      out.alias_filters.push_back(json::value());
    } else if (filters.size() == 1) {
      out.alias_filters.push_back(filters[0]);
    } else {
      json::array should;
      for (auto& f : filters) should.push_back(f);
      out.alias_filters.push_back(json::object{{"bool", json::object{{"should", should}}}});
    }
  }
  return out;
}

std::string Close(std::string body) {
  body.push_back('}');
  return body;
}

// Terms lookups read the looked-up document in real time, as ES's
// coordinating node does with a GET.
std::function<Result<std::vector<json::value>>(const query::dsl::TermsLookup&)> TermsLookupFor(
    ApiContext& ctx) {
  engine::Node* node = ctx.node;
  return [node](const query::dsl::TermsLookup& l) -> Result<std::vector<json::value>> {
    engine::IndicesOptions opts;
    QUIVER_ASSIGN_OR_RETURN(auto indices, node->Resolve(l.index, opts));
    if (indices.size() != 1) return IndexNotFound(l.index);
    engine::Index& index = *indices[0];
    size_t shard = index.ShardFor(l.id, l.routing);
    QUIVER_ASSIGN_OR_RETURN(engine::GetResult got, index.shard(shard).Get(l.id, true));
    std::vector<json::value> out;
    if (!got.found) return out;
    QUIVER_ASSIGN_OR_RETURN(json::value source, ParseJson(got.source));
    json::array values;
    SourceValues(source, l.path, &values);
    for (auto& v : values) out.push_back(std::move(v));
    return out;
  };
}

SearchLimits LimitsOf(const std::vector<std::shared_ptr<engine::Index>>& indices) {
  SearchLimits l;
  bool first = true;
  auto take = [&](int64_t* v, int64_t x) { *v = first ? x : std::min(*v, x); };
  for (const auto& i : indices) {
    const schema::IndexSettings& x = i->settings();
    take(&l.max_result_window, x.max_result_window());
    take(&l.max_rescore_window, x.max_rescore_window());
    take(&l.max_docvalue_fields, x.max_docvalue_fields_search());
    take(&l.max_script_fields, x.max_script_fields());
    take(&l.max_slices_per_scroll, x.max_slices_per_scroll());
    first = false;
  }
  return l;
}

Result<RestResponse> RunSearch(ApiContext& ctx, const RestRequest& req, const json::value& body,
                               const std::string& expression) {
  QUIVER_ASSIGN_OR_RETURN(SearchRequest s, ParseSearchRequest(body, req));
  QUIVER_RETURN_IF_ERROR(ValidateKnnRequest(s, req));
  if (!s.suggest.is_null()) return Status::Unsupported("[suggest] is not supported by Quiver");
  if (!s.collapse.is_null()) return Status::Unsupported("[collapse] is not supported by Quiver");
  std::vector<ShardTarget> targets;
  std::vector<std::shared_ptr<engine::Index>> indices;
  std::string pit_id;
  if (!s.pit.is_null()) {
    if (!expression.empty()) {
      return Status::InvalidArgument(
                 "Validation Failed: 1: [indices] cannot be used with point in time. Do not "
                 "specify any "
                 "index with point in time.;")
          .WithType("action_request_validation_exception");
    }
    pit_id =
        JsonToString(JsonFind(s.pit, "id") ? *JsonFind(s.pit, "id") : json::value()).value_or("");
    auto pit = ctx.contexts->FindPit(pit_id);
    if (!pit) {
      return Status::NotFound("No search context found for id [" + pit_id + "]")
          .WithType("search_context_missing_exception");
    }
    if (auto* ka = JsonFind(s.pit, "keep_alive")) {
      int64_t ms;
      if (ParseTimeValueMs(JsonToString(*ka).value_or(""), &ms)) pit->keep_alive_ms = ms;
    }
    pit->expires_ms = NowMillis() + pit->keep_alive_ms;
    targets = pit->targets;
    for (const auto& t : targets) {
      if (std::find(indices.begin(), indices.end(), t.index) == indices.end())
        indices.push_back(t.index);
    }
  } else {
    QUIVER_ASSIGN_OR_RETURN(ResolvedTargets r, ResolveSearchTargets(ctx, expression, req));
    indices = r.indices;
    targets = PinTargets(r.indices, r.alias_filters);
  }
  QUIVER_RETURN_IF_ERROR(CheckSearchLimits(s, LimitsOf(indices)));
  SearchExecution exec;
  exec.node_id = ctx.node->node_id();
  exec.terms_lookup = TermsLookupFor(ctx);
  std::shared_ptr<ScrollContext> scroll;
  if (s.scroll_keep_alive_ms) {
    scroll = std::make_shared<ScrollContext>();
    scroll->targets = targets;
    scroll->request = s;
    scroll->keep_alive_ms = *s.scroll_keep_alive_ms;
  }
  std::string scroll_id;
  if (scroll) {
    scroll_id = ctx.contexts->AddScroll(scroll);
    exec.extra_fields.push_back({"_scroll_id", scroll_id});
  }
  QUIVER_ASSIGN_OR_RETURN(SearchOutcome out, ExecuteSearch(s, targets, exec));
  for (const auto& i : indices) i->RecordSearch(0);
  if (scroll) {
    std::lock_guard<std::mutex> lock(scroll->mu);
    scroll->cursor = out.last;
    scroll->total_hits = out.total_hits;
  }
  std::string body_out = out.body;
  if (!pit_id.empty()) {
    body_out += ",\"pit_id\":";
    AppendJsonString(&body_out, pit_id);
  }
  return RestResponse::Json(Close(std::move(body_out)));
}

}  // namespace

Result<RestResponse> HandleSearch(ApiContext& ctx, RestRequest& req) {
  QUIVER_ASSIGN_OR_RETURN(json::value body, req.json_body(/*optional=*/true));
  return RunSearch(ctx, req, body, req.has_path_param("index") ? req.path_param("index") : "");
}

Result<RestResponse> SearchWithBody(ApiContext& ctx, const RestRequest& req,
                                    const json::value& body, const std::string& expression) {
  return RunSearch(ctx, req, body, expression);
}

Result<RestResponse> HandleCount(ApiContext& ctx, RestRequest& req) {
  QUIVER_ASSIGN_OR_RETURN(json::value body, req.json_body(/*optional=*/true));
  SearchRequest s;
  if (body.is_object()) {
    for (const auto& kv : body.get_object()) {
      if (kv.key() == "query") {
        s.query = kv.value();
      } else {
        return Status::ParseError("request does not support [" + std::string(kv.key()) + "]")
            .WithType("parsing_exception");
      }
    }
  } else if (!body.is_null()) {
    return Status::ParseError("request body must be an object").WithType("parsing_exception");
  }
  QUIVER_RETURN_IF_ERROR(ReadQueryStringParams(req, &s));
  if (req.has_param("min_score")) {
    double m = 0;
    if (!ParseDouble(req.param_or("min_score", "0"), &m)) {
      return Status::InvalidArgument("Failed to parse min_score");
    }
    s.min_score = static_cast<float>(m);
  }
  if (req.has_param("terminate_after")) {
    QUIVER_ASSIGN_OR_RETURN(s.terminate_after, req.int_param("terminate_after", 0));
    if (s.terminate_after < 0) return Status::InvalidArgument("terminateAfter must be > 0");
  }
  s.track_total_hits = INT64_MAX;
  s.size = 0;
  QUIVER_ASSIGN_OR_RETURN(
      ResolvedTargets r,
      ResolveSearchTargets(ctx, req.has_path_param("index") ? req.path_param("index") : "", req));
  auto targets = PinTargets(r.indices, r.alias_filters);
  SearchExecution exec;
  exec.count_only = true;
  exec.terms_lookup = TermsLookupFor(ctx);
  QUIVER_ASSIGN_OR_RETURN(SearchOutcome out, ExecuteSearch(s, targets, exec));
  JsonWriter w;
  w.BeginObject();
  w.Field("count", out.total_hits);
  if (s.terminate_after > 0) w.Field("terminated_early", out.total_hits >= s.terminate_after);
  w.Key("_shards");
  w.BeginObject();
  w.Field("total", static_cast<int64_t>(targets.size()));
  w.Field("successful", static_cast<int64_t>(targets.size()));
  w.Field("skipped", int64_t{0});
  w.Field("failed", int64_t{0});
  w.EndObject();
  w.EndObject();
  return RestResponse::Json(w.Take());
}

Result<RestResponse> HandleMsearch(ApiContext& ctx, RestRequest& req) {
  int64_t start = MonotonicNanos();
  std::string_view body = req.body();
  std::vector<std::string_view> lines;
  for (auto line : SplitString(body, '\n')) {
    if (!TrimWhitespace(line).empty()) lines.push_back(line);
  }
  if (lines.empty()) {
    return Status::InvalidArgument("Validation Failed: 1: no requests added;")
        .WithType("action_request_validation_exception");
  }
  // Parse every header and body first: as in ES, a malformed line or an
  // invalid request fails the whole msearch; search failures do not.
  struct SubSearch {
    HttpRequest http;
    json::value body;
    std::string index;
  };
  std::vector<SubSearch> subs;
  for (size_t i = 0; i < lines.size(); i += 2) {
    auto header = ParseJson(lines[i]);
    if (!header.ok() || !header->is_object()) {
      return Status::ParseError("Failed to parse msearch header on line " + std::to_string(i + 1))
          .WithType("parsing_exception");
    }
    if (i + 1 >= lines.size()) {
      return Status::InvalidArgument("msearch request must end with a search body");
    }
    auto b = ParseJson(lines[i + 1]);
    if (!b.ok()) return b.status().WithType("x_content_parse_exception");
    SubSearch sub{req.http(), std::move(b).value(), ""};
    sub.index = req.has_path_param("index") ? req.path_param("index") : "";
    bool index_in_header = false;
    if (auto* ix = JsonFind(*header, "index")) {
      index_in_header = true;
      if (ix->is_array()) {
        sub.index.clear();
        for (const auto& e : ix->get_array()) {
          sub.index += (sub.index.empty() ? "" : ",") + JsonToString(e).value_or("");
        }
      } else {
        sub.index = JsonToString(*ix).value_or(sub.index);
      }
    }
    // Per-search options from the header become URL-like parameters.
    sub.http.query_params.clear();
    for (const auto& [k, v] : req.http().query_params) {
      if (k == "rest_total_hits_as_int" || k == "typed_keys")
        sub.http.query_params.push_back({k, v});
    }
    for (const auto& kv : header->get_object()) {
      std::string k(kv.key());
      if (k == "ignore_unavailable" || k == "allow_no_indices" || k == "expand_wildcards" ||
          k == "routing" || k == "preference" || k == "search_type" || k == "request_cache") {
        sub.http.query_params.push_back({k, JsonToString(kv.value()).value_or("")});
      }
    }
    sub.http.body.clear();
    RestRequest check(&sub.http, {});
    QUIVER_ASSIGN_OR_RETURN(SearchRequest parsed, ParseSearchRequest(sub.body, check));
    if (!parsed.pit.is_null() && index_in_header) {
      return Status::InvalidArgument(
                 "Validation Failed: 1: [indices] cannot be used with point in time. Do not "
                 "specify any index with point in time.;")
          .WithType("action_request_validation_exception");
    }
    subs.push_back(std::move(sub));
  }
  JsonWriter w;
  w.BeginObject();
  size_t took_pos = w.str().size();
  w.Field("took", int64_t{0});
  w.Key("responses");
  w.BeginArray();
  for (SubSearch& sub : subs) {
    RestRequest sub_req(&sub.http, {});
    auto result = RunSearch(ctx, sub_req, sub.body, sub.index);
    if (result.ok()) {
      std::string b = result->body;
      b.pop_back();
      b += ",\"status\":200}";
      w.Raw(b);
    } else {
      w.Raw(RenderErrorBody(result.status(), false));
    }
  }
  w.EndArray();
  w.EndObject();
  std::string out = w.Take();
  std::string took = "\"took\":" + std::to_string((MonotonicNanos() - start) / 1000000);
  out.replace(took_pos, 8, took);
  return RestResponse::Json(std::move(out));
}

Result<RestResponse> HandleScroll(ApiContext& ctx, RestRequest& req) {
  QUIVER_ASSIGN_OR_RETURN(json::value body, req.json_body(/*optional=*/true));
  std::string id =
      req.has_path_param("scroll_id") ? req.path_param("scroll_id") : req.param_or("scroll_id", "");
  std::string keep_alive = req.param_or("scroll", "");
  if (body.is_object()) {
    if (auto* v = JsonFind(body, "scroll_id")) id = JsonToString(*v).value_or(id);
    if (auto* v = JsonFind(body, "scroll")) keep_alive = JsonToString(*v).value_or(keep_alive);
  }
  if (id.empty()) {
    return Status::InvalidArgument("Validation Failed: 1: scrollId is missing;")
        .WithType("action_request_validation_exception");
  }
  auto scroll = ctx.contexts->FindScroll(id);
  if (!scroll) {
    return Status::NotFound("No search context found for id [" + id + "]")
        .WithType("search_context_missing_exception");
  }
  std::lock_guard<std::mutex> lock(scroll->mu);
  if (!keep_alive.empty()) {
    int64_t ms;
    if (ParseTimeValueMs(keep_alive, &ms)) scroll->keep_alive_ms = ms;
  }
  scroll->expires_ms = NowMillis() + scroll->keep_alive_ms;
  SearchRequest s = scroll->request;
  QUIVER_ASSIGN_OR_RETURN(s.rest_total_hits_as_int,
                          req.bool_param("rest_total_hits_as_int", s.rest_total_hits_as_int));
  s.from = 0;
  SearchExecution exec;
  exec.node_id = ctx.node->node_id();
  exec.extra_fields.push_back({"_scroll_id", id});
  exec.terms_lookup = TermsLookupFor(ctx);
  exec.after = scroll->cursor;
  exec.fixed_total = scroll->total_hits;
  if (!scroll->cursor.valid) {
    // The previous page was empty: so is this one.
    s.size = 0;
  }
  QUIVER_ASSIGN_OR_RETURN(SearchOutcome out, ExecuteSearch(s, scroll->targets, exec));
  if (out.last.valid)
    scroll->cursor = out.last;
  else
    scroll->cursor.valid = false;
  return RestResponse::Json(Close(out.body));
}

Result<RestResponse> HandleClearScroll(ApiContext& ctx, RestRequest& req) {
  QUIVER_ASSIGN_OR_RETURN(json::value body, req.json_body(/*optional=*/true));
  std::vector<std::string> ids;
  if (req.has_path_param("scroll_id")) {
    for (auto p : SplitString(req.path_param("scroll_id"), ','))
      ids.emplace_back(TrimWhitespace(p));
  }
  if (body.is_object()) {
    if (auto* v = JsonFind(body, "scroll_id")) {
      if (v->is_array()) {
        for (const auto& e : v->get_array()) ids.push_back(JsonToString(e).value_or(""));
      } else {
        ids.push_back(JsonToString(*v).value_or(""));
      }
    }
  }
  size_t freed = 0;
  bool all = ids.empty() || (ids.size() == 1 && ids[0] == "_all");
  if (all) {
    freed = ctx.contexts->RemoveAllScrolls();
  } else {
    for (const auto& id : ids) freed += ctx.contexts->RemoveScroll(id);
  }
  JsonWriter w;
  w.BeginObject();
  w.Field("succeeded", true);
  w.Field("num_freed", static_cast<int64_t>(freed));
  w.EndObject();
  return RestResponse::Json(w.Take(), (!all && freed == 0) ? 404 : 200);
}

Result<RestResponse> HandleOpenPit(ApiContext& ctx, RestRequest& req) {
  if (!req.has_param("keep_alive")) {
    return Status::InvalidArgument("Validation Failed: 1: [keep_alive] is not specified;")
        .WithType("action_request_validation_exception");
  }
  QUIVER_ASSIGN_OR_RETURN(int64_t keep_alive, req.time_param_ms("keep_alive", 60000));
  QUIVER_ASSIGN_OR_RETURN(ResolvedTargets r,
                          ResolveSearchTargets(ctx, req.path_param("index"), req));
  auto pit = std::make_shared<PitContext>();
  pit->targets = PinTargets(r.indices, r.alias_filters);
  pit->keep_alive_ms = keep_alive;
  size_t n = pit->targets.size();
  std::string id = ctx.contexts->AddPit(pit);
  JsonWriter w;
  w.BeginObject();
  w.Field("id", id);
  w.Key("_shards");
  w.BeginObject();
  w.Field("total", static_cast<int64_t>(n));
  w.Field("successful", static_cast<int64_t>(n));
  w.Field("skipped", int64_t{0});
  w.Field("failed", int64_t{0});
  w.EndObject();
  w.EndObject();
  return RestResponse::Json(w.Take());
}

Result<RestResponse> HandleClosePit(ApiContext& ctx, RestRequest& req) {
  QUIVER_ASSIGN_OR_RETURN(json::value body, req.json_body());
  std::string id = JsonFind(body, "id") ? JsonToString(*JsonFind(body, "id")).value_or("") : "";
  bool removed = ctx.contexts->RemovePit(id);
  JsonWriter w;
  w.BeginObject();
  w.Field("succeeded", true);
  w.Field("num_freed", static_cast<int64_t>(removed ? 1 : 0));
  w.EndObject();
  return RestResponse::Json(w.Take(), removed ? 200 : 404);
}

Result<RestResponse> HandleExplain(ApiContext& ctx, RestRequest& req) {
  QUIVER_ASSIGN_OR_RETURN(json::value body, req.json_body(/*optional=*/true));
  engine::IndicesOptions opts;
  QUIVER_ASSIGN_OR_RETURN(auto indices, ctx.node->Resolve(req.path_param("index"), opts));
  if (indices.size() != 1) return IndexNotFound(req.path_param("index"));
  auto index = indices[0];
  const std::string& id = req.path_param("id");
  size_t shard = index->ShardFor(id, req.param_or("routing", ""));
  SearchRequest s;
  if (body.is_object()) {
    if (auto* q = JsonFind(body, "query")) s.query = *q;
  }
  if (const std::string* q = req.param("q")) s.q = *q;
  s.size = 1;
  auto set = index->shard(shard).AcquireSearcher();
  JsonWriter w;
  w.BeginObject();
  w.Field("_index", index->name());
  w.Field("_id", id);
  // Locate the doc, then explain it with the request's query.
  for (uint32_t seg = 0; seg < set->segments.size(); ++seg) {
    const auto& view = set->segments[seg];
    std::optional<uint32_t> hit;
    view.reader->ids().ForEachDocWithId(id, [&](uint32_t d) {
      if (!view.live_docs->IsLive(d)) return true;
      hit = d;
      return false;
    });
    if (!hit) continue;
    std::vector<ShardTarget> targets = {ShardTarget{index, shard, set, json::value()}};
    query::QueryContext qc;
    auto mapping = index->mapping();
    auto analysis = index->analysis();
    auto settings = index->settings();
    qc.mapping = mapping.get();
    qc.analysis = analysis.get();
    qc.settings = &settings;
    qc.index_name = index->name();
    qc.now_ms = NowMillis();
    (void)targets;
    json::value qjson =
        s.query.is_null() ? json::value(json::object{{"match_all", json::object()}}) : s.query;
    if (s.q) qjson = json::object{{"query_string", json::object{{"query", *s.q}}}};
    QUIVER_ASSIGN_OR_RETURN(query::QueryPtr q, query::dsl::ParseQuery(qjson, qc));
    QUIVER_ASSIGN_OR_RETURN(query::Explanation e, query::ExplainDoc(set, *q, seg, *hit));
    w.Field("matched", e.match);
    w.Key("explanation");
    e.WriteJson(&w);
    w.EndObject();
    return RestResponse::Json(w.Take());
  }
  w.Field("matched", false);
  w.EndObject();
  return RestResponse::Json(w.Take(), 404);
}

}  // namespace quiver::api
