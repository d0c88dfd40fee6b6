#include "query/dsl/query_nodes.h"

#include <memory>

namespace quiver::query::dsl {

QueryPtr MatchAll() { return MakeQuery(MatchAllQuery{}); }

QueryPtr MatchNone(std::string reason) { return MakeQuery(MatchNoneQuery{std::move(reason)}); }

QueryPtr UnmappedField(const std::string& field) {
  return MatchNone("unmapped field [" + field + "]");
}

bool IsMatchNone(const QueryPtr& q) {
  return q != nullptr && std::holds_alternative<MatchNoneQuery>(q->node);
}

bool IsMatchAll(const QueryPtr& q) {
  return q != nullptr && std::holds_alternative<MatchAllQuery>(q->node);
}

QueryPtr Boost(const QueryPtr& q, float boost) {
  if (q == nullptr || boost == 1.0f) return q;
  auto copy = std::make_shared<Query>(*q);
  copy->boost *= boost;
  return copy;
}

QueryPtr Named(const QueryPtr& q, const std::string& name) {
  if (q == nullptr || name.empty() || q->name == name) return q;
  if (q->name.empty()) {
    auto copy = std::make_shared<Query>(*q);
    copy->name = name;
    return copy;
  }
  BoolQuery b;
  b.must.push_back(q);
  auto wrapped = std::make_shared<Query>();
  wrapped->node = std::move(b);
  wrapped->name = name;
  return wrapped;
}

QueryPtr Finish(const QueryPtr& q, float boost, const std::string& name) {
  return Named(Boost(q, boost), name);
}

QueryPtr MakeBool(const std::vector<Clause>& clauses, int minimum_should_match) {
  BoolQuery b;
  for (const Clause& c : clauses) {
    switch (c.occur) {
      case Occur::kMust:
        b.must.push_back(c.query);
        break;
      case Occur::kShould:
        b.should.push_back(c.query);
        break;
      case Occur::kMustNot:
        b.must_not.push_back(c.query);
        break;
      case Occur::kFilter:
        b.filter.push_back(c.query);
        break;
    }
  }
  b.minimum_should_match = EffectiveMinimumShouldMatch(b, minimum_should_match);
  return MakeQuery(std::move(b));
}

int EffectiveMinimumShouldMatch(const BoolQuery& b, int requested) {
  if (requested <= 0 && b.must.empty() && b.filter.empty() && !b.should.empty()) return 1;
  return requested < 0 ? 0 : requested;
}

QueryPtr FixNegativeQuery(const QueryPtr& q) {
  const auto* b = q == nullptr ? nullptr : std::get_if<BoolQuery>(&q->node);
  if (b == nullptr || b->must_not.empty() || !b->must.empty() || !b->should.empty() ||
      !b->filter.empty()) {
    return q;
  }
  auto copy = std::make_shared<Query>(*q);
  std::get<BoolQuery>(copy->node).filter.push_back(MatchAll());
  return copy;
}

QueryPtr MakeDisMax(std::vector<QueryPtr> queries, float tie_breaker) {
  if (queries.size() == 1) return queries[0];
  DisMaxQuery d;
  d.queries = std::move(queries);
  d.tie_breaker = tie_breaker;
  return MakeQuery(std::move(d));
}

}  // namespace quiver::query::dsl
