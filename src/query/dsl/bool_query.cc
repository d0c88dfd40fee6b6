// bool: must / should / must_not / filter clauses (ES BoolQueryBuilder).
// minimum_should_match resolves against the number of should clauses; with
// no must or filter clause at least one should clause must match. Empty
// bools match everything; pure negative bools exclude from everything; the
// match_none short-cuts of ES's rewrite apply.
#include "query/dsl/minimum_should_match.h"
#include "query/dsl/query_nodes.h"
#include "query/dsl/query_parsers.h"

namespace quiver::query::dsl {

namespace {

const std::vector<std::string_view> kBoolFields = {
    "must",  "should", "must_not", "filter", "minimum_should_match", "adjust_pure_negative",
    "boost", "_name"};

Result<std::vector<QueryPtr>> ParseClauses(std::string_view key, const json::value& v,
                                           ParseContext& pc) {
  if (v.is_null()) return std::vector<QueryPtr>();
  if (!v.is_object() && !v.is_array()) {
    return XContentParseError("[bool] " + std::string(key) +
                              " doesn't support values of type: " + std::string(JsonTokenName(v)));
  }
  return ParseInnerQueries(v, pc);
}

}  // namespace

Result<QueryPtr> ParseBoolQuery(const json::value& body, ParseContext& pc) {
  BoolQuery b;
  CommonParams common;
  std::optional<std::string> msm;
  bool adjust_pure_negative = true;
  for (const auto& kv : body.get_object()) {
    std::string_view key(kv.key());
    const json::value& v = kv.value();
    Status st;
    if (key == "must" || key == "should" || key == "must_not" || key == "filter") {
      QUIVER_ASSIGN_OR_RETURN(std::vector<QueryPtr> clauses, ParseClauses(key, v, pc));
      auto& dest = key == "must"       ? b.must
                   : key == "should"   ? b.should
                   : key == "must_not" ? b.must_not
                                       : b.filter;
      dest.insert(dest.end(), clauses.begin(), clauses.end());
    } else if (key == "minimum_should_match") {
      if (v.is_null()) continue;
      if (v.is_object() || v.is_array()) {
        return XContentParseError("[bool] minimum_should_match doesn't support values of type: " +
                                  std::string(JsonTokenName(v)));
      }
      msm = *ScalarText(v);
    } else if (key == "adjust_pure_negative") {
      QUIVER_ASSIGN_OR_RETURN(adjust_pure_negative, ReadBool(v, "bool", key));
    } else if (pc.ReadCommon(key, v, "bool", &common, &st)) {
      QUIVER_RETURN_IF_ERROR(st);
    } else {
      return UnknownField("bool", key, kBoolFields);
    }
  }
  if (b.must.empty() && b.should.empty() && b.must_not.empty() && b.filter.empty()) {
    return Finish(MatchAll(), common.boost, common.name);
  }
  // ES BoolQueryBuilder.doRewrite short-cuts.
  auto any = [](const std::vector<QueryPtr>& v, bool (*pred)(const QueryPtr&)) {
    for (const auto& q : v) {
      if (pred(q)) return true;
    }
    return false;
  };
  auto all = [](const std::vector<QueryPtr>& v, bool (*pred)(const QueryPtr&)) {
    for (const auto& q : v) {
      if (!pred(q)) return false;
    }
    return true;
  };
  const std::string rewritten = "The \"bool\" query was rewritten to a \"match_none\" query.";
  if (b.must.empty() && b.filter.empty() && b.must_not.empty() && !b.should.empty() &&
      all(b.should, IsMatchNone)) {
    return Finish(MatchNone(rewritten), common.boost, common.name);
  }
  if (any(b.must, IsMatchNone) || any(b.filter, IsMatchNone) || any(b.must_not, IsMatchAll)) {
    return Finish(MatchNone(rewritten), common.boost, common.name);
  }
  int requested = 0;
  if (msm) {
    auto r = CalculateMinShouldMatch(static_cast<int>(b.should.size()), *msm);
    if (!r.ok()) return pc.Defer(r.status());
    requested = *r;
  }
  b.minimum_should_match = EffectiveMinimumShouldMatch(b, requested);
  QueryPtr q = MakeQuery(std::move(b));
  if (adjust_pure_negative) q = FixNegativeQuery(q);
  return Finish(q, common.boost, common.name);
}

}  // namespace quiver::query::dsl
