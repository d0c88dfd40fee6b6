#include "schema/source_filter.h"

#include <algorithm>
#include <cstdint>
#include <utility>

namespace quiver::schema {

namespace {

// A union of `*`-wildcard patterns, each extended to also match everything
// below a matched path (P | P.*), simulated as an NFA over pattern
// positions. Equivalent to the Lucene automata ES builds.
class PatternSet {
 public:
  using State = std::vector<std::pair<uint32_t, uint32_t>>;  // (pattern, position); sorted

  explicit PatternSet(const std::vector<std::string>& patterns) : patterns_(patterns) {}

  State Start() const {
    State s;
    for (uint32_t p = 0; p < patterns_.size(); ++p) s.emplace_back(p, 0);
    Close(&s);
    return s;
  }

  State Step(const State& s, char c) const {
    State out;
    for (auto [p, pos] : s) {
      const std::string& pat = patterns_[p];
      const uint32_t len = static_cast<uint32_t>(pat.size());
      const uint32_t tail = len + 1;
      if (pos == tail) {
        out.emplace_back(p, tail);
      } else if (pos == len) {
        if (c == '.') out.emplace_back(p, tail);
      } else if (pat[pos] == '*') {
        out.emplace_back(p, pos);
      } else if (pat[pos] == c) {
        out.emplace_back(p, pos + 1);
      }
    }
    Close(&out);
    return out;
  }

  State StepString(State s, std::string_view text) const {
    for (char c : text) {
      if (s.empty()) break;
      s = Step(s, c);
    }
    return s;
  }

  bool Accept(const State& s) const {
    for (auto [p, pos] : s) {
      if (pos >= patterns_[p].size()) return true;
    }
    return false;
  }

 private:
  void Close(State* s) const {
    for (size_t i = 0; i < s->size(); ++i) {
      auto [p, pos] = (*s)[i];
      const std::string& pat = patterns_[p];
      if (pos < pat.size() && pat[pos] == '*') s->emplace_back(p, pos + 1);
    }
    std::sort(s->begin(), s->end());
    s->erase(std::unique(s->begin(), s->end()), s->end());
  }

  std::vector<std::string> patterns_;
};

struct Filter {
  const PatternSet* include;
  const PatternSet* exclude;
  const PatternSet* match_all;

  json::array FilterArray(const json::array& in, const PatternSet* inc, const PatternSet::State& is,
                          const PatternSet::State& es) const {
    json::array out;
    const bool accepted = inc->Accept(is);
    for (const auto& v : in) {
      if (v.is_object()) {
        PatternSet::State sub_is = inc->Step(is, '.');
        PatternSet::State sub_es = es.empty() ? es : exclude->Step(es, '.');
        json::object f = FilterObject(v.get_object(), inc, sub_is, sub_es);
        if (!f.empty()) out.emplace_back(std::move(f));
      } else if (v.is_array()) {
        json::array f = FilterArray(v.get_array(), inc, is, es);
        if (!f.empty()) out.emplace_back(std::move(f));
      } else if (accepted) {
        out.push_back(v);
      }
    }
    return out;
  }

  json::object FilterObject(const json::object& in, const PatternSet* inc,
                            const PatternSet::State& inc_start,
                            const PatternSet::State& exc_start) const {
    json::object out;
    for (const auto& kv : in) {
      std::string_view key(kv.key().data(), kv.key().size());
      if (inc_start.empty()) break;
      PatternSet::State is = inc->StepString(inc_start, key);
      if (is.empty()) continue;
      PatternSet::State es = exc_start.empty() ? exc_start : exclude->StepString(exc_start, key);
      if (!es.empty() && exclude->Accept(es)) continue;
      const PatternSet* sub_inc = inc;
      PatternSet::State sub_is = is;
      const bool accepted = inc->Accept(is);
      if (accepted) {
        if (es.empty() || exclude->Step(es, '.').empty()) {
          out[kv.key()] = kv.value();
          continue;
        }
        // A wildcard exclusion may still apply below: include everything.
        sub_inc = match_all;
        sub_is = match_all->Start();
      }
      const json::value& v = kv.value();
      if (v.is_object()) {
        sub_is = sub_inc->Step(sub_is, '.');
        if (sub_is.empty()) continue;
        PatternSet::State sub_es = es.empty() ? es : exclude->Step(es, '.');
        json::object f = FilterObject(v.get_object(), sub_inc, sub_is, sub_es);
        if (accepted || !f.empty()) out[kv.key()] = std::move(f);
      } else if (v.is_array()) {
        json::array f = FilterArray(v.get_array(), sub_inc, sub_is, es);
        if (accepted || !f.empty()) out[kv.key()] = std::move(f);
      } else if (accepted) {
        out[kv.key()] = v;
      }
    }
    return out;
  }
};

}  // namespace

json::object FilterSourceObject(const json::object& source,
                                const std::vector<std::string>& includes,
                                const std::vector<std::string>& excludes) {
  static const PatternSet* match_all = new PatternSet({"*"});
  PatternSet include_set(includes.empty() ? std::vector<std::string>{"*"} : includes);
  PatternSet exclude_set(excludes);
  Filter f{&include_set, &exclude_set, match_all};
  return f.FilterObject(source, &include_set, include_set.Start(), exclude_set.Start());
}

Result<std::string> FilterSource(std::string_view source_json,
                                 const std::vector<std::string>& includes,
                                 const std::vector<std::string>& excludes) {
  QUIVER_ASSIGN_OR_RETURN(json::value v, ParseJson(source_json));
  if (!v.is_object()) {
    return Status::InvalidArgument("source must be a JSON object to be filtered");
  }
  return ToJson(json::value(FilterSourceObject(v.get_object(), includes, excludes)));
}

}  // namespace quiver::schema
