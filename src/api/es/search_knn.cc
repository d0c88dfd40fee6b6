#include "api/es/search_knn.h"

#include <algorithm>
#include <tuple>
#include <variant>

#include "api/es/search_handler.h"
#include "common/json.h"
#include "query/dsl/query_parser.h"
#include "query/exec/knn_search.h"
#include "query/exec/shard_search.h"

namespace quiver::api {
namespace {

using query::QueryPtr;

constexpr int kDefaultRankConstant = 60;

// A hit of one ranked list over all targets of the request.
struct GlobalHit {
  size_t target = 0;
  uint32_t segment = 0;
  uint32_t doc = 0;
  float score = 0;
};

bool Better(const GlobalHit& a, const GlobalHit& b) {
  if (a.score != b.score) return a.score > b.score;
  if (a.target != b.target) return a.target < b.target;
  if (a.segment != b.segment) return a.segment < b.segment;
  return a.doc < b.doc;
}

void KeepBest(std::vector<GlobalHit>* hits, size_t n) {
  std::stable_sort(hits->begin(), hits->end(), Better);
  if (hits->size() > n) hits->resize(n);
}

Status Iae(std::string message) {
  return Status::InvalidArgument(std::move(message)).WithType("illegal_argument_exception");
}

class Phase {
 public:
  Phase(const SearchRequest& s, const std::vector<ShardTarget>& targets,
        const std::function<Result<std::vector<json::value>>(const query::dsl::TermsLookup&)>&
            terms_lookup,
        std::map<engine::Index*, KnnIndexBinding>* bindings)
      : s_(s), targets_(targets), bindings_(bindings) {
    options_.request_size = static_cast<int>(s.size);
    options_.terms_lookup = terms_lookup;
  }

  // The clause parsed for every target index.
  Result<std::map<engine::Index*, QueryPtr>> ParseAll(const json::value& clause) {
    std::map<engine::Index*, QueryPtr> out;
    for (auto& [index, b] : *bindings_) {
      QUIVER_ASSIGN_OR_RETURN(QueryPtr q, query::dsl::ParseQuery(clause, b.ctx, options_));
      out[index] = std::move(q);
    }
    return out;
  }

  Result<QueryPtr> AliasFilter(const ShardTarget& t) {
    if (t.alias_filter.is_null()) return QueryPtr();
    return query::dsl::ParseQuery(t.alias_filter, bindings_->at(t.index.get()).ctx);
  }

  // One kNN search (a top-level knn entry or a knn retriever): every shard's
  // best k, then the best k of all (ES's DFS phase). `boost` receives the
  // entry's boost, applied when the hits are scored in the query phase.
  Result<std::vector<GlobalHit>> KnnList(const json::value& entry, float* boost,
                                         std::string* name = nullptr) {
    if (!entry.is_object()) {
      return Status::InvalidArgument("[knn] must be an object or an array of objects")
          .WithType("parsing_exception");
    }
    // Top-level knn without k takes k = size, and then num_candidates may
    // not be smaller (the knn query would instead lower k).
    const json::value* k = JsonFind(entry, "k");
    const json::value* nc = JsonFind(entry, "num_candidates");
    if (k == nullptr && nc != nullptr) {
      auto n = JsonToInt64(*nc);
      if (n && *n < s_.size) return Iae("[num_candidates] cannot be less than [k]");
    }
    QUIVER_ASSIGN_OR_RETURN(auto parsed, ParseAll(json::value(json::object{{"knn", entry}})));
    std::vector<GlobalHit> all;
    size_t keep = 0;
    *boost = 1;
    for (size_t i = 0; i < targets_.size(); ++i) {
      const ShardTarget& t = targets_[i];
      const QueryPtr& q = parsed.at(t.index.get());
      const auto* knn = std::get_if<query::KnnQuery>(&q->node);
      if (knn == nullptr) continue;  // match_none (unmapped field, match_none filter)
      *boost = q->boost;
      if (name != nullptr) *name = q->name;
      query::KnnQuery local = *knn;
      keep = std::max(keep, static_cast<size_t>(local.k));
      QUIVER_ASSIGN_OR_RETURN(QueryPtr alias, AliasFilter(t));
      if (alias) {
        query::BoolQuery both;
        both.filter.push_back(alias);
        if (local.filter) both.filter.push_back(local.filter);
        local.filter = query::MakeQuery(std::move(both));
      }
      QUIVER_ASSIGN_OR_RETURN(auto hits, query::SearchKnnShard(t.searcher, local));
      for (const auto& h : hits) all.push_back({i, h.segment, h.doc, h.score});
    }
    KeepBest(&all, keep);
    return all;
  }

  // The best `window` hits of a query over all shards.
  Result<std::vector<GlobalHit>> QueryList(const std::map<engine::Index*, QueryPtr>& queries,
                                           size_t window) {
    std::vector<GlobalHit> all;
    for (size_t i = 0; i < targets_.size(); ++i) {
      const ShardTarget& t = targets_[i];
      query::ShardSearchRequest r;
      r.query = queries.at(t.index.get());
      QUIVER_ASSIGN_OR_RETURN(QueryPtr alias, AliasFilter(t));
      if (alias) {
        query::BoolQuery bq;
        bq.must.push_back(r.query);
        bq.filter.push_back(alias);
        r.query = query::MakeQuery(std::move(bq));
      }
      r.k = window;
      r.track_total_hits = static_cast<int64_t>(window);
      QUIVER_ASSIGN_OR_RETURN(query::ShardSearchResult res, query::SearchShard(t.searcher, r));
      for (const auto& h : res.hits) all.push_back({i, h.segment, h.doc, h.score});
    }
    KeepBest(&all, window);
    return all;
  }

  // Reciprocal rank fusion (Cormack et al.): score = Σ 1 / (rank_constant +
  // rank), ranks from 1, over the lists each doc appears in.
  static std::vector<GlobalHit> Fuse(const std::vector<std::vector<GlobalHit>>& lists,
                                     size_t window, int rank_constant) {
    std::map<std::tuple<size_t, uint32_t, uint32_t>, float> scores;
    for (const auto& list : lists) {
      for (size_t r = 0; r < list.size(); ++r) {
        const GlobalHit& h = list[r];
        scores[{h.target, h.segment, h.doc}] +=
            1.0f / static_cast<float>(rank_constant + static_cast<int>(r) + 1);
      }
    }
    std::vector<GlobalHit> out;
    for (const auto& [key, score] : scores) {
      out.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key), score});
    }
    KeepBest(&out, window);
    return out;
  }

  // A query node matching exactly `hits` with their scores × boost.
  QueryPtr Precomputed(const std::vector<GlobalHit>& hits, float boost,
                       const std::string& name = "") {
    auto pre = std::make_shared<query::PrecomputedHits>();
    for (const GlobalHit& h : hits) {
      pre->by_snapshot[targets_[h.target].searcher.get()].push_back({h.segment, h.doc, h.score});
    }
    query::KnnQuery node;
    node.precomputed = std::move(pre);
    auto q = std::make_shared<query::Query>();
    q->node = std::move(node);
    q->boost = boost;
    q->name = name;
    return q;
  }

  Result<std::pair<size_t, int>> RrfParams(const json::value& rrf, size_t default_window) {
    size_t window = default_window;
    int constant = kDefaultRankConstant;
    if (!rrf.is_null() && !rrf.is_object()) {
      return Status::InvalidArgument("[rrf] must be an object").WithType("parsing_exception");
    }
    if (const json::value* w = rrf.is_object() ? JsonFind(rrf, "rank_window_size") : nullptr) {
      auto n = JsonToInt64(*w);
      if (!n || *n < 0) return Iae("[rank_window_size] must be greater than or equal to [0]");
      window = static_cast<size_t>(*n);
    }
    if (const json::value* c = rrf.is_object() ? JsonFind(rrf, "rank_constant") : nullptr) {
      auto n = JsonToInt64(*c);
      if (!n || *n < 1) return Iae("[rank_constant] must be greater than or equal to [1]");
      constant = static_cast<int>(*n);
    }
    if (window < static_cast<size_t>(s_.from + s_.size)) {
      return Iae("[rank] requires [rank_window_size: " + std::to_string(window) +
                 "] be greater "
                 "than or equal to [size: " +
                 std::to_string(s_.from + s_.size) + "]");
    }
    return std::make_pair(window, constant);
  }

  // Evaluates a retriever to its ranked hits.
  Result<std::vector<GlobalHit>> Retriever(const json::value& r, size_t window) {
    if (!r.is_object() || r.get_object().size() != 1) {
      return Status::InvalidArgument("[retriever] must name exactly one retriever")
          .WithType("parsing_exception");
    }
    const auto& kv = *r.get_object().begin();
    std::string_view name(kv.key());
    if (name == "standard") {
      QUIVER_ASSIGN_OR_RETURN(json::value clause, StandardClause(kv.value()));
      QUIVER_ASSIGN_OR_RETURN(auto queries, ParseAll(clause));
      return QueryList(queries, window);
    }
    if (name == "knn") {
      float boost = 1;
      QUIVER_ASSIGN_OR_RETURN(auto hits, KnnList(kv.value(), &boost));
      for (auto& h : hits) h.score *= boost;
      return hits;
    }
    if (name == "rrf") {
      const json::value* children =
          kv.value().is_object() ? JsonFind(kv.value(), "retrievers") : nullptr;
      if (children == nullptr || !children->is_array()) {
        return Status::InvalidArgument("[rrf] requires [retrievers]").WithType("parsing_exception");
      }
      QUIVER_ASSIGN_OR_RETURN(auto params, RrfParams(kv.value(), std::max<size_t>(window, 10)));
      std::vector<std::vector<GlobalHit>> lists;
      for (const json::value& c : children->get_array()) {
        QUIVER_ASSIGN_OR_RETURN(auto list, Retriever(c, params.first));
        lists.push_back(std::move(list));
      }
      return Fuse(lists, params.first, params.second);
    }
    return Status::InvalidArgument("unknown retriever [" + std::string(name) + "]")
        .WithType("parsing_exception");
  }

  // A standard retriever's query and filter as one query clause.
  static Result<json::value> StandardClause(const json::value& body) {
    if (!body.is_object()) {
      return Status::InvalidArgument("[standard] must be an object").WithType("parsing_exception");
    }
    json::value query = json::object{{"match_all", json::object{}}};
    if (const json::value* q = JsonFind(body, "query")) query = *q;
    if (const json::value* f = JsonFind(body, "filter")) {
      return json::value(json::object{{"bool", json::object{{"must", query}, {"filter", *f}}}});
    }
    return query;
  }

  Status Run() {
    const bool has_query = !s_.query.is_null() || s_.q.has_value();
    if (!s_.retriever.is_null()) {
      const json::value& r = s_.retriever;
      if (r.is_object() && r.get_object().size() == 1 &&
          r.get_object().if_contains("standard") != nullptr) {
        // A lone standard retriever is just its query: sort, aggregations
        // and paging then work as for `query`.
        QUIVER_ASSIGN_OR_RETURN(json::value clause, StandardClause(r.get_object().at("standard")));
        QUIVER_ASSIGN_OR_RETURN(auto queries, ParseAll(clause));
        for (auto& [index, b] : *bindings_) b.query = queries.at(index);
        return Status::Ok();
      }
      QUIVER_ASSIGN_OR_RETURN(auto hits, Retriever(r, static_cast<size_t>(s_.from + s_.size)));
      SetAll(Precomputed(hits, 1));
      return Status::Ok();
    }
    // Top-level knn entries.
    std::vector<json::value> entries;
    if (s_.knn.is_array()) {
      for (const auto& e : s_.knn.get_array()) entries.push_back(e);
    } else if (!s_.knn.is_null()) {
      entries.push_back(s_.knn);
    }
    std::vector<std::vector<GlobalHit>> lists;
    std::vector<float> boosts;
    std::vector<std::string> names;
    for (const auto& e : entries) {
      float boost = 1;
      std::string name;
      QUIVER_ASSIGN_OR_RETURN(auto hits, KnnList(e, &boost, &name));
      lists.push_back(std::move(hits));
      boosts.push_back(boost);
      names.push_back(std::move(name));
    }
    if (!s_.rank.is_null()) {
      const json::value* rrf = s_.rank.is_object() ? JsonFind(s_.rank, "rrf") : nullptr;
      if (rrf == nullptr) {
        return Status::InvalidArgument("[rank] supports only [rrf]").WithType("parsing_exception");
      }
      QUIVER_ASSIGN_OR_RETURN(auto params, RrfParams(*rrf, static_cast<size_t>(s_.from + s_.size)));
      if (has_query) {
        std::map<engine::Index*, QueryPtr> queries;
        for (auto& [index, b] : *bindings_) queries[index] = b.query;
        QUIVER_ASSIGN_OR_RETURN(auto list, QueryList(queries, params.first));
        lists.insert(lists.begin(), std::move(list));
      }
      SetAll(Precomputed(Fuse(lists, params.first, params.second), 1));
      return Status::Ok();
    }
    // query + knn: a disjunction, boosted scores summed (ES).
    for (auto& [index, b] : *bindings_) {
      query::BoolQuery bq;
      if (has_query) bq.should.push_back(b.query);
      for (size_t i = 0; i < lists.size(); ++i)
        bq.should.push_back(Precomputed(lists[i], boosts[i], names[i]));
      bq.minimum_should_match = 1;
      b.query = bq.should.size() == 1 ? bq.should[0] : query::MakeQuery(std::move(bq));
    }
    return Status::Ok();
  }

 private:
  void SetAll(const QueryPtr& q) {
    for (auto& [index, b] : *bindings_) b.query = q;
  }

  const SearchRequest& s_;
  const std::vector<ShardTarget>& targets_;
  std::map<engine::Index*, KnnIndexBinding>* bindings_;
  query::dsl::ParseOptions options_;
};

}  // namespace

bool HasKnnPhase(const SearchRequest& s) {
  return !s.knn.is_null() || !s.rank.is_null() || !s.retriever.is_null();
}

Status ValidateKnnRequest(const SearchRequest& s, const RestRequest& req) {
  if (!s.knn.is_null() && req.has_param("search_type")) {
    return Iae(
        "cannot set [search_type] when using [knn] search, since the search type is determined "
        "automatically");
  }
  if (!s.retriever.is_null()) {
    if (!s.query.is_null()) return Iae("cannot specify [retriever] and [query]");
    if (!s.knn.is_null()) return Iae("cannot specify [retriever] and [knn]");
    if (!s.rank.is_null()) return Iae("cannot specify [retriever] and [rank]");
  }
  if (!s.rank.is_null()) {
    size_t sets = (s.query.is_null() && !s.q ? 0 : 1) +
                  (s.knn.is_array() ? s.knn.get_array().size() : (s.knn.is_null() ? 0 : 1));
    if (sets < 2) {
      return Iae(
          "[rank] requires a minimum of [2] result sets using a combination of sub searches "
          "and/or knn searches");
    }
  }
  return Status::Ok();
}

Result<RestResponse> HandleKnnSearch(ApiContext& ctx, RestRequest& req) {
  QUIVER_ASSIGN_OR_RETURN(json::value body, req.json_body(/*optional=*/false));
  if (!body.is_object()) {
    return Status::ParseError("request body must be an object").WithType("parsing_exception");
  }
  json::object search;
  json::object knn;
  for (const auto& kv : body.get_object()) {
    std::string_view key(kv.key());
    if (key == "knn") {
      if (!kv.value().is_object()) {
        return Status::ParseError("[knn] must be an object").WithType("parsing_exception");
      }
      knn = kv.value().get_object();
    } else if (key == "filter") {
      knn["filter"] = kv.value();
    } else if (key == "_source" || key == "fields" || key == "docvalue_fields" ||
               key == "stored_fields") {
      search[key] = kv.value();
    } else {
      return Status::ParseError("[knn_search] unknown field [" + std::string(key) + "]")
          .WithType("parsing_exception");
    }
  }
  if (const json::value* k = knn.if_contains("k")) search["size"] = *k;
  search["knn"] = std::move(knn);
  QUIVER_ASSIGN_OR_RETURN(
      RestResponse response,
      SearchWithBody(ctx, req, json::value(std::move(search)), req.path_param("index")));
  response.headers.push_back(
      {"Warning", "299 Elasticsearch-" + ctx.info->version +
                      " \"The kNN search API has been replaced by the `knn` option in the "
                      "search API.\""});
  return response;
}

Status RunKnnPhase(
    const SearchRequest& s, const std::vector<ShardTarget>& targets,
    const std::function<Result<std::vector<json::value>>(const query::dsl::TermsLookup&)>&
        terms_lookup,
    std::map<engine::Index*, KnnIndexBinding>* bindings) {
  Phase phase(s, targets, terms_lookup, bindings);
  return phase.Run();
}

}  // namespace quiver::api
