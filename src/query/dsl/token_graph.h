// TokenGraph: the token graph of analyzed query text with multi-position
// tokens (multi-word synonyms, position length > 1), as Lucene's
// GraphTokenStreamFiniteStrings sees it: states are positions, each token
// an edge from its position to position + length; position gaps (removed
// stopwords) are folded into the edges and kept in the tokens' increments.
// Immutable after construction; not shared across threads.
#pragma once

#include <vector>

#include "common/status.h"
#include "query/dsl/text_analysis.h"

namespace quiver::query::dsl {

class TokenGraph {
 public:
  explicit TokenGraph(const std::vector<AnalyzedToken>& tokens);

  // States every path passes through, ascending (excluding the first and
  // the final state).
  std::vector<int> ArticulationPoints() const;
  // True if the transitions leaving `state` end in different states.
  bool HasSidePath(int state) const;
  // The terms of the transitions leaving `state`.
  std::vector<std::string> TermsAt(int state) const;
  // Every path from `start` to `end` (-1: the final state) as a linear
  // token sequence (position lengths 1, increments as analyzed); fails with
  // Lucene's too_many_clauses when there are more than `max_paths`.
  Result<std::vector<std::vector<AnalyzedToken>>> Paths(int start, int end, size_t max_paths) const;

 private:
  struct Edge {
    int to;
    int token;
  };
  std::vector<AnalyzedToken> tokens_;
  std::vector<std::vector<Edge>> out_;
  int final_state_ = 0;
};

}  // namespace quiver::query::dsl
