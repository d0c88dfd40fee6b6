#include "api/es/search_executor.h"

#include <algorithm>
#include <cmath>
#include <future>
#include <map>

#include "api/es/highlighter.h"
#include "api/es/search_aggs.h"
#include "api/es/search_fetch.h"
#include "api/es/search_knn.h"
#include "common/clock.h"
#include "common/json_writer.h"
#include "query/dsl/query_parser.h"
#include "query/exec/knn_search.h"
#include "query/query_context.h"
#include "schema/field_mapper.h"
#include "schema/mapping.h"

namespace quiver::api {
namespace {

using query::QueryPtr;
using query::SortField;
using query::SortValue;

// Everything of the request resolved against one index.
struct BoundIndex {
  QueryPtr query;
  QueryPtr post_filter;
  std::vector<QueryPtr> rescore;
  std::vector<SortField> sort;
  std::vector<SortValue> search_after;
  std::shared_ptr<const schema::Mapping> mapping;
  std::shared_ptr<const analysis::AnalysisRegistry> analysis;
  schema::IndexSettings settings;
  float index_boost = 1;
  // Per sort key: the date format its values are shown with (sorts with a
  // `format` on date fields), else nullopt.
  std::vector<std::optional<SortDateUnit>> sort_formats;
};

Status SortError(const std::string& msg, const engine::Index& index) {
  return Status::InvalidArgument(msg)
      .WithType("query_shard_exception")
      .WithMeta("index_uuid", index.uuid())
      .WithMeta("index", index.name());
}

Result<SortValue> ToSortValue(const json::value& v, const SortField& f) {
  if (v.is_null()) return SortValue();
  if (f.kind == SortField::Kind::kScore) return SortValue::Double(JsonToDouble(v).value_or(0));
  if (f.type == SortField::Type::kString) return SortValue::String(JsonToString(v).value_or(""));
  if (f.type == SortField::Type::kDouble) {
    auto d = JsonToDouble(v);
    if (!d)
      return Status::InvalidArgument("Failed to parse search_after value [" + ToJson(v) + "]");
    return SortValue::Double(*d);
  }
  auto l = JsonToInt64(v);
  if (!l) {
    auto d = JsonToDouble(v);
    if (!d)
      return Status::InvalidArgument("Failed to parse search_after value [" + ToJson(v) + "]");
    return SortValue::Long(static_cast<int64_t>(*d));
  }
  return SortValue::Long(*l);
}

Result<std::vector<SortField>> ResolveSort(const std::vector<SortSpec>& specs,
                                           const engine::Index& index,
                                           const schema::Mapping& mapping) {
  std::vector<SortField> out;
  for (const auto& s : specs) {
    SortField f;
    f.reverse = s.desc;
    f.mode = s.mode;
    if (s.field == "_score") {
      f.kind = SortField::Kind::kScore;
    } else if (s.field == "_doc" || s.field == "_shard_doc") {
      f.kind = SortField::Kind::kDoc;
    } else {
      f.kind = SortField::Kind::kField;
      f.field = s.field;
      const schema::FieldMapper* fm = mapping.FindField(s.field);
      std::string type = fm ? std::string(fm->type_name()) : s.unmapped_type;
      if (fm == nullptr && s.unmapped_type.empty()) {
        return SortError("No mapping found for [" + s.field + "] in order to sort on", index);
      }
      if (fm == nullptr) f.unmapped = true;
      if (fm && schema::IsTextType(fm->type())) {
        return Status::InvalidArgument(
            "Text fields are not optimised for operations that require per-document field data "
            "like aggregations and sorting, so these operations are disabled by default. Please "
            "use a keyword field instead. Alternatively, set fielddata=true on [" +
            s.field +
            "] in order to load field data by uninverting the inverted index. Note that this can "
            "use significant memory.");
      }
      if (type == "keyword" || type == "ip" || type == "constant_keyword" || type == "wildcard" ||
          type == "text") {
        f.type = SortField::Type::kString;
      } else if (type == "double" || type == "float" || type == "half_float" ||
                 type == "scaled_float") {
        f.type = SortField::Type::kDouble;
      } else {
        f.type = SortField::Type::kLong;
      }
      if (fm && schema::IsDateType(fm->type())) {
        bool nanos = fm->type() == schema::FieldType::kDateNanos;
        if (!nanos && s.numeric_type == "date_nanos") f.multiply = 1000000;
        if (nanos && s.numeric_type == "date") f.divide = 1000000;
      }
      if (s.numeric_type == "double") f.type = SortField::Type::kDouble;
      if (s.numeric_type == "long" && f.type == SortField::Type::kDouble)
        f.type = SortField::Type::kLong;
    }
    if (!s.missing.is_null()) {
      std::string m = JsonToString(s.missing).value_or("");
      if (m == "_last") {
        f.missing = SortField::Missing::kLast;
      } else if (m == "_first") {
        f.missing = SortField::Missing::kFirst;
      } else {
        f.missing = SortField::Missing::kValue;
        QUIVER_ASSIGN_OR_RETURN(f.missing_value, ToSortValue(s.missing, f));
      }
    }
    out.push_back(std::move(f));
  }
  return out;
}

Result<BoundIndex> Bind(const SearchRequest& s, engine::Index& index, int64_t now_ms,
                        const SearchExecution& exec) {
  BoundIndex b;
  b.mapping = index.mapping();
  b.analysis = index.analysis();
  b.settings = index.settings();
  query::QueryContext ctx;
  ctx.mapping = b.mapping.get();
  ctx.analysis = b.analysis.get();
  ctx.settings = &b.settings;
  ctx.index_name = index.name();
  ctx.now_ms = now_ms;
  query::dsl::ParseOptions opts;
  opts.request_size = static_cast<int>(s.size);
  opts.terms_lookup = exec.terms_lookup;
  if (s.q) {
    json::object qs = s.q_options.as_object();
    qs["query"] = *s.q;
    json::object wrapper{{"query_string", qs}};
    QUIVER_ASSIGN_OR_RETURN(b.query, query::dsl::ParseQuery(wrapper, ctx, opts));
  } else if (!s.query.is_null()) {
    QUIVER_ASSIGN_OR_RETURN(b.query, query::dsl::ParseQuery(s.query, ctx, opts));
  } else {
    b.query = query::MakeQuery(query::MatchAllQuery{});
  }
  if (!s.post_filter.is_null()) {
    QUIVER_ASSIGN_OR_RETURN(b.post_filter, query::dsl::ParseQuery(s.post_filter, ctx, opts));
  }
  for (const auto& r : s.rescore) {
    QUIVER_ASSIGN_OR_RETURN(QueryPtr q, query::dsl::ParseQuery(r.query, ctx, opts));
    b.rescore.push_back(std::move(q));
  }
  QUIVER_ASSIGN_OR_RETURN(b.sort, ResolveSort(s.sort, index, *b.mapping));
  for (const SortSpec& spec : s.sort) {
    std::optional<SortDateUnit> unit;
    if (!spec.format.empty()) {
      QUIVER_ASSIGN_OR_RETURN(unit, SortDateUnitOf(spec, *b.mapping));
    }
    b.sort_formats.push_back(std::move(unit));
  }
  if (!s.search_after.empty()) {
    std::vector<SortField> sort = b.sort;
    if (sort.empty()) {
      SortField f;
      f.kind = SortField::Kind::kScore;
      f.reverse = true;
      sort.push_back(f);
    }
    if (s.search_after.size() != sort.size()) {
      return Status::InvalidArgument("search_after has " + std::to_string(s.search_after.size()) +
                                     " value(s) but sort has " + std::to_string(sort.size()) + ".");
    }
    for (size_t i = 0; i < sort.size(); ++i) {
      const json::value& after = s.search_after[i];
      if (i < s.sort.size() && after.is_string()) {
        QUIVER_ASSIGN_OR_RETURN(std::optional<SortDateUnit> unit,
                                SortDateUnitOf(s.sort[i], *b.mapping));
        if (unit) {
          QUIVER_ASSIGN_OR_RETURN(int64_t v, ParseSortDate(*unit, after.get_string()));
          b.search_after.push_back(SortValue::Long(v));
          continue;
        }
      }
      QUIVER_ASSIGN_OR_RETURN(SortValue v, ToSortValue(after, sort[i]));
      b.search_after.push_back(std::move(v));
    }
  }
  for (const auto& [pattern, boost] : s.indices_boost) {
    if (engine::SimpleMatch(pattern, index.name())) {
      b.index_boost = boost;
      break;
    }
  }
  return b;
}

struct MergedHit {
  size_t target;
  query::ShardHit hit;
};

// Combines a first-pass score with a rescore query's (ES QueryRescorer).
float Combine(const RescoreSpec& r, float first, bool matched, float second) {
  float a = first * r.query_weight;
  if (!matched) return a;
  float b = second * r.rescore_query_weight;
  if (r.score_mode == "multiply") return a * b;
  if (r.score_mode == "avg") return (a + b) / 2;
  if (r.score_mode == "max") return std::max(a, b);
  if (r.score_mode == "min") return std::min(a, b);
  return a + b;
}

// Rescores the top window of one shard's hits in place and re-sorts them.
Status Rescore(const SearchRequest& s, const BoundIndex& b, const ShardTarget& t,
               std::vector<query::ShardHit>* hits) {
  for (size_t r = 0; r < s.rescore.size(); ++r) {
    size_t window =
        std::min(hits->size(), static_cast<size_t>(std::max<int64_t>(0, s.rescore[r].window_size)));
    for (size_t i = 0; i < window; ++i) {
      query::ShardHit& h = (*hits)[i];
      QUIVER_ASSIGN_OR_RETURN(query::Explanation e,
                              query::ExplainDoc(t.searcher, *b.rescore[r], h.segment, h.doc));
      h.score = Combine(s.rescore[r], h.score, e.match, e.value);
    }
    std::stable_sort(
        hits->begin(), hits->begin() + static_cast<ptrdiff_t>(window),
        [](const query::ShardHit& a, const query::ShardHit& c) { return a.score > c.score; });
  }
  return Status::Ok();
}

}  // namespace

std::vector<ShardTarget> PinTargets(const std::vector<std::shared_ptr<engine::Index>>& indices,
                                    const std::vector<json::value>& alias_filters) {
  std::vector<ShardTarget> out;
  for (size_t i = 0; i < indices.size(); ++i) {
    for (size_t sh = 0; sh < indices[i]->num_shards(); ++sh) {
      ShardTarget t;
      t.index = indices[i];
      t.shard = sh;
      t.searcher = indices[i]->shard(sh).AcquireSearcher();
      if (i < alias_filters.size()) t.alias_filter = alias_filters[i];
      out.push_back(std::move(t));
    }
  }
  return out;
}

Result<SearchOutcome> ExecuteSearch(const SearchRequest& s, const std::vector<ShardTarget>& targets,
                                    const SearchExecution& exec) {
  int64_t start = MonotonicNanos();
  int64_t now_ms = NowMillis();
  // Bind the request to each distinct index.
  std::map<engine::Index*, BoundIndex> bound;
  for (const auto& t : targets) {
    if (bound.count(t.index.get())) continue;
    QUIVER_ASSIGN_OR_RETURN(BoundIndex b, Bind(s, *t.index, now_ms, exec));
    bound.emplace(t.index.get(), std::move(b));
  }
  if (HasKnnPhase(s)) {
    // knn / rank / retriever pick their hits over all shards first; the
    // query phase below then runs the query they leave (search_knn.h).
    std::map<engine::Index*, KnnIndexBinding> knn;
    for (auto& [index, b] : bound) {
      KnnIndexBinding& kb = knn[index];
      kb.ctx.mapping = b.mapping.get();
      kb.ctx.analysis = b.analysis.get();
      kb.ctx.settings = &b.settings;
      kb.ctx.index_name = index->name();
      kb.ctx.now_ms = now_ms;
      kb.query = b.query;
    }
    QUIVER_RETURN_IF_ERROR(RunKnnPhase(s, targets, exec.terms_lookup, &knn));
    for (auto& [index, b] : bound) b.query = knn.at(index).query;
  }
  bool by_score =
      s.sort.empty() || (s.sort.size() == 1 && s.sort[0].field == "_score" && s.sort[0].desc);
  size_t k = exec.count_only ? 0 : static_cast<size_t>(s.from + s.size);
  for (const auto& r : s.rescore)
    k = std::max(k, static_cast<size_t>(std::max<int64_t>(0, r.window_size)));

  // Aggregations run with the query phase (not on later scroll pages).
  std::unique_ptr<SearchAggregations> aggs;
  if (!exec.count_only && !exec.after.valid) {
    QUIVER_ASSIGN_OR_RETURN(aggs, SearchAggregations::Create(s, targets.size()));
  }
  // Query phase, shards in parallel.
  std::vector<Result<query::ShardSearchResult>> results(targets.size(),
                                                        Status::Internal("not run"));
  auto run = [&](size_t i) -> Result<query::ShardSearchResult> {
    const ShardTarget& t = targets[i];
    const BoundIndex& b = bound.at(t.index.get());
    query::ShardSearchRequest r;
    QueryPtr q = b.query;
    if (!t.alias_filter.is_null()) {
      query::QueryContext ctx;
      ctx.mapping = b.mapping.get();
      ctx.analysis = b.analysis.get();
      ctx.settings = &b.settings;
      ctx.index_name = t.index->name();
      ctx.now_ms = now_ms;
      QUIVER_ASSIGN_OR_RETURN(QueryPtr filter, query::dsl::ParseQuery(t.alias_filter, ctx));
      query::BoolQuery bq;
      bq.must.push_back(query::AddKnnPrefilter(q, filter));  // kNN pre-filters, as ES
      bq.filter.push_back(filter);
      q = query::MakeQuery(std::move(bq));
    }
    if (b.index_boost != 1.0f) {
      auto boosted = std::make_shared<query::Query>(*q);
      boosted->boost *= b.index_boost;
      q = boosted;
    }
    if (s.slice) {
      // ES SliceBuilder.toFilter: whole shards per slice when there are at
      // least as many shards as slices, else slices within a shard.
      const int64_t shards = static_cast<int64_t>(t.index->num_shards());
      const int64_t shard = static_cast<int64_t>(t.shard);
      const SliceSpec& sl = *s.slice;
      if (shards == 1) {
        r.slice = query::ShardSearchRequest::Slice{sl.field, static_cast<uint32_t>(sl.id),
                                                   static_cast<uint32_t>(sl.max)};
      } else if (sl.max >= shards) {
        if (sl.id % shards != shard) return query::ShardSearchResult{};
        int64_t in_shard = sl.max / shards + (sl.max % shards > shard ? 1 : 0);
        if (in_shard > 1) {
          r.slice = query::ShardSearchRequest::Slice{
              sl.field, static_cast<uint32_t>(sl.id / shards), static_cast<uint32_t>(in_shard)};
        }
      } else if (shard % sl.max != sl.id) {
        return query::ShardSearchResult{};
      }
    }
    r.query = q;
    r.post_filter = b.post_filter;
    r.sort = b.sort;
    r.k = k;
    r.track_total_hits = exec.count_only ? INT64_MAX : s.track_total_hits;
    if (r.track_total_hits == 0) r.track_total_hits = static_cast<int64_t>(k);
    r.min_score = s.min_score;
    r.terminate_after = s.terminate_after;
    r.search_after = b.search_after;
    r.track_scores = s.track_scores;
    r.doc_sort_offset = static_cast<uint64_t>(i) << 32;
    if (exec.after.valid) {
      const ScrollCursor c = exec.after;
      std::vector<SortField> sort = b.sort;
      r.accept = [c, i, sort, by_score](uint32_t seg, uint32_t doc, float score,
                                        const std::vector<SortValue>& values) {
        int cmp;
        if (by_score) {
          cmp = score < c.score ? 1 : (score > c.score ? -1 : 0);
        } else {
          cmp = query::CompareSortValues(sort, values, c.sort_values);
        }
        if (cmp != 0) return cmp > 0;
        if (i != c.target) return i > c.target;
        if (seg != c.segment) return seg > c.segment;
        return doc > c.doc;
      };
    }
    if (aggs) {
      query::QueryContext actx;
      actx.mapping = b.mapping.get();
      actx.analysis = b.analysis.get();
      actx.settings = &b.settings;
      actx.index_name = t.index->name();
      actx.now_ms = now_ms;
      QUIVER_RETURN_IF_ERROR(
          aggs->CollectShard(i, t.searcher, q, actx, s.min_score, exec.terms_lookup));
    }
    return query::SearchShard(t.searcher, r);
  };
  if (targets.size() == 1) {
    results[0] = run(0);
  } else {
    std::vector<std::future<Result<query::ShardSearchResult>>> futures;
    for (size_t i = 0; i < targets.size(); ++i)
      futures.push_back(std::async(std::launch::async, run, i));
    for (size_t i = 0; i < targets.size(); ++i) results[i] = futures[i].get();
  }
  // Merge.
  int64_t total = 0;
  bool gte = false, terminated = false;
  float max_score = -1;
  std::vector<MergedHit> merged;
  for (size_t i = 0; i < targets.size(); ++i) {
    if (!results[i].ok()) return results[i].status();
    query::ShardSearchResult& r = *results[i];
    if (!s.rescore.empty()) {
      QUIVER_RETURN_IF_ERROR(Rescore(s, bound.at(targets[i].index.get()), targets[i], &r.hits));
      for (const auto& h : r.hits) max_score = std::max(max_score, h.score);
    } else {
      max_score = std::max(max_score, r.max_score);
    }
    total += r.total_hits;
    gte |= r.total_is_lower_bound;
    terminated |= r.terminated_early;
    for (auto& h : r.hits) merged.push_back({i, std::move(h)});
  }
  const std::vector<SortField>& sort0 =
      targets.empty() ? std::vector<SortField>() : bound.at(targets[0].index.get()).sort;
  std::stable_sort(merged.begin(), merged.end(), [&](const MergedHit& a, const MergedHit& b) {
    if (by_score) {
      if (a.hit.score != b.hit.score) return a.hit.score > b.hit.score;
    } else {
      int c = query::CompareSortValues(sort0, a.hit.sort_values, b.hit.sort_values);
      if (c != 0) return c < 0;
    }
    if (a.target != b.target) return a.target < b.target;
    if (a.hit.segment != b.hit.segment) return a.hit.segment < b.hit.segment;
    return a.hit.doc < b.hit.doc;
  });
  size_t begin = exec.after.valid ? 0 : std::min(merged.size(), static_cast<size_t>(s.from));
  size_t end = std::min(merged.size(), begin + static_cast<size_t>(s.size));
  if (exec.count_only) begin = end = 0;

  SearchOutcome out;
  out.total_hits = exec.fixed_total.value_or(total);
  out.total_is_lower_bound = gte;
  if (exec.count_only) {
    out.body.clear();
    return out;
  }
  // Fetch phase.
  JsonWriter hits;
  hits.BeginArray();
  bool show_score = by_score || s.track_scores;
  for (size_t i = begin; i < end; ++i) {
    const MergedHit& m = merged[i];
    const ShardTarget& t = targets[m.target];
    const BoundIndex& b = bound.at(t.index.get());
    FetchContext fc;
    fc.request = &s;
    fc.index = t.index.get();
    fc.mapping = b.mapping.get();
    fc.analysis = b.analysis.get();
    fc.query = b.query.get();
    fc.searcher = t.searcher;
    fc.shard = t.shard;
    fc.node_id = exec.node_id;
    fc.sort_formats = &b.sort_formats;
    QUIVER_RETURN_IF_ERROR(FetchHit(fc, m.hit, show_score, !by_score || !s.sort.empty(), &hits));
    out.last.valid = true;
    out.last.score = m.hit.score;
    out.last.sort_values = m.hit.sort_values;
    out.last.target = m.target;
    out.last.segment = m.hit.segment;
    out.last.doc = m.hit.doc;
  }
  hits.EndArray();
  out.num_hits = end - begin;

  JsonWriter w;
  w.BeginObject();
  for (const auto& [k2, v] : exec.extra_fields) w.Field(k2, v);
  w.Field("took", (MonotonicNanos() - start) / 1000000);
  w.Field("timed_out", false);
  if (s.terminate_after > 0) w.Field("terminated_early", terminated);
  w.Key("_shards");
  w.BeginObject();
  w.Field("total", static_cast<int64_t>(targets.size()));
  w.Field("successful", static_cast<int64_t>(targets.size()));
  w.Field("skipped", int64_t{0});
  w.Field("failed", int64_t{0});
  w.EndObject();
  w.Key("hits");
  w.BeginObject();
  if (s.rest_total_hits_as_int) {
    w.Field("total", out.total_hits);
  } else if (s.track_total_hits != 0) {
    int64_t shown = out.total_hits;
    bool lower = gte;
    if (s.track_total_hits != INT64_MAX && shown > s.track_total_hits) {
      shown = s.track_total_hits;
      lower = true;
    }
    w.Key("total");
    w.BeginObject();
    w.Field("value", shown);
    w.Field("relation", lower ? "gte" : "eq");
    w.EndObject();
  }
  w.Key("max_score");
  if (!show_score || max_score < 0 || merged.empty()) {
    w.Null();
  } else {
    w.Float(max_score);
  }
  w.Key("hits");
  w.Raw(hits.str());
  w.EndObject();
  out.body = w.Take();  // closed by the caller
  if (aggs) QUIVER_RETURN_IF_ERROR(aggs->AppendTo(s, targets, &out.body));
  return out;
}

}  // namespace quiver::api
