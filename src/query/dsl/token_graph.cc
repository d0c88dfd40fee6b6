#include "query/dsl/token_graph.h"

#include <algorithm>

namespace quiver::query::dsl {

TokenGraph::TokenGraph(const std::vector<AnalyzedToken>& tokens) {
  int pos = -1;
  int prev_increment = 1;
  int gap = 0;
  int state = -1;
  for (const AnalyzedToken& t : tokens) {
    int increment = t.position_increment;
    if (pos == -1 && increment < 1) increment = 1;
    if (increment == 0) {
      if (gap > 0) pos -= gap;
    } else {
      ++pos;
      gap = increment - 1;
    }
    int end = pos + t.position_length + gap;
    if (state < end) state = end;
    AnalyzedToken linear = t;
    linear.position_length = 1;
    if (increment == 0) linear.position_increment = prev_increment;
    if (increment > 0) prev_increment = increment;
    int id = static_cast<int>(tokens_.size());
    tokens_.push_back(std::move(linear));
    if (static_cast<int>(out_.size()) <= end) out_.resize(end + 1);
    out_[pos].push_back({end, id});
    pos += gap;
  }
  final_state_ = std::max(state, 0);
  if (static_cast<int>(out_.size()) <= final_state_) out_.resize(final_state_ + 1);
}

std::vector<int> TokenGraph::ArticulationPoints() const {
  std::vector<int> spanned(out_.size() + 1, 0);  // difference array of spans
  std::vector<char> touched(out_.size(), 0);
  for (size_t from = 0; from < out_.size(); ++from) {
    for (const Edge& e : out_[from]) {
      touched[from] = 1;
      if (e.to < static_cast<int>(touched.size())) touched[e.to] = 1;
      if (e.to > static_cast<int>(from) + 1) {
        spanned[from + 1] += 1;
        spanned[e.to] -= 1;
      }
    }
  }
  std::vector<int> points;
  int running = 0;
  for (int s = 0; s < final_state_; ++s) {
    running += spanned[s];
    if (s > 0 && running == 0 && touched[s]) points.push_back(s);
  }
  return points;
}

bool TokenGraph::HasSidePath(int state) const {
  if (state < 0 || state >= static_cast<int>(out_.size())) return false;
  const auto& edges = out_[state];
  for (size_t i = 1; i < edges.size(); ++i) {
    if (edges[i].to != edges[0].to) return true;
  }
  return false;
}

std::vector<std::string> TokenGraph::TermsAt(int state) const {
  std::vector<std::string> terms;
  if (state < 0 || state >= static_cast<int>(out_.size())) return terms;
  for (const Edge& e : out_[state]) terms.push_back(tokens_[e.token].term);
  return terms;
}

Result<std::vector<std::vector<AnalyzedToken>>> TokenGraph::Paths(int start, int end,
                                                                  size_t max_paths) const {
  if (end < 0) end = final_state_;
  std::vector<std::vector<AnalyzedToken>> paths;
  // Iterative DFS: (state, next edge index) frames.
  std::vector<std::pair<int, size_t>> stack{{start, 0}};
  std::vector<int> path;
  while (!stack.empty()) {
    auto& [state, next] = stack.back();
    if (state == end) {
      std::vector<AnalyzedToken> p;
      for (int id : path) p.push_back(tokens_[id]);
      paths.push_back(std::move(p));
      if (paths.size() > max_paths) {
        return Status::InvalidArgument("maxClauseCount is set to " + std::to_string(max_paths))
            .WithType("too_many_clauses");
      }
      stack.pop_back();
      if (!path.empty()) path.pop_back();
      continue;
    }
    if (state >= static_cast<int>(out_.size()) || next >= out_[state].size()) {
      stack.pop_back();
      if (!path.empty()) path.pop_back();
      continue;
    }
    const Edge& e = out_[state][next++];
    if (e.to > end) continue;
    path.push_back(e.token);
    stack.push_back({e.to, 0});
  }
  return paths;
}

}  // namespace quiver::query::dsl
