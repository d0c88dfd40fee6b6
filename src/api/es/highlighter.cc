#include "api/es/highlighter.h"

#include <algorithm>
#include <map>
#include <set>
#include <variant>

#include "engine/node.h"
#include "schema/field_mapper.h"

namespace quiver::api {
namespace {

struct FieldTerms {
  std::set<std::string> terms;
  std::vector<std::string> prefixes;
};

// Terms the query looks for, per field.
void CollectTerms(const query::Query& q, std::map<std::string, FieldTerms>* out) {
  std::visit(
      [&](const auto& n) {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, query::TermQuery>) {
          (*out)[n.field].terms.insert(n.term);
        } else if constexpr (std::is_same_v<T, query::SynonymQuery> ||
                             std::is_same_v<T, query::TermSetQuery>) {
          for (const auto& t : n.terms) (*out)[n.field].terms.insert(t);
        } else if constexpr (std::is_same_v<T, query::PhraseQuery>) {
          for (const auto& slot : n.terms) {
            for (const auto& t : slot) (*out)[n.field].terms.insert(t);
          }
        } else if constexpr (std::is_same_v<T, query::PhrasePrefixQuery>) {
          for (const auto& slot : n.terms) {
            for (const auto& t : slot) (*out)[n.field].terms.insert(t);
          }
          (*out)[n.field].prefixes.push_back(n.prefix);
        } else if constexpr (std::is_same_v<T, query::PrefixQuery>) {
          (*out)[n.field].prefixes.push_back(n.prefix);
        } else if constexpr (std::is_same_v<T, query::FuzzyQuery>) {
          (*out)[n.field].terms.insert(n.term);
        } else if constexpr (std::is_same_v<T, query::CombinedFieldsQuery>) {
          for (const auto& [f, w] : n.fields) {
            for (const auto& t : n.terms) (*out)[f].terms.insert(t);
          }
        } else if constexpr (std::is_same_v<T, query::BoolQuery>) {
          for (const auto* list : {&n.must, &n.should, &n.filter}) {
            for (const auto& c : *list) CollectTerms(*c, out);
          }
        } else if constexpr (std::is_same_v<T, query::ConstantScoreQuery>) {
          CollectTerms(*n.filter, out);
        } else if constexpr (std::is_same_v<T, query::DisMaxQuery>) {
          for (const auto& c : n.queries) CollectTerms(*c, out);
        } else if constexpr (std::is_same_v<T, query::BoostingQuery>) {
          CollectTerms(*n.positive, out);
        } else if constexpr (std::is_same_v<T, query::FunctionScoreQuery>) {
          if (n.query) CollectTerms(*n.query, out);
        }
      },
      q.node);
}

void CollectValues(const json::value& v, std::vector<std::string>* out) {
  if (v.is_string()) {
    out->emplace_back(v.get_string());
  } else if (v.is_array()) {
    for (const auto& e : v.get_array()) CollectValues(e, out);
  } else if (v.is_int64() || v.is_uint64() || v.is_double() || v.is_bool()) {
    out->push_back(ToJson(v));
  }
}

// Values at a dotted path of the source (objects and arrays of objects).
void ValuesAt(const json::value& v, std::string_view path, std::vector<std::string>* out) {
  if (path.empty()) {
    CollectValues(v, out);
    return;
  }
  if (v.is_array()) {
    for (const auto& e : v.get_array()) ValuesAt(e, path, out);
    return;
  }
  if (!v.is_object()) return;
  // Keys may themselves contain dots.
  for (const auto& kv : v.get_object()) {
    std::string_view key(kv.key().data(), kv.key().size());
    if (path == key) {
      CollectValues(kv.value(), out);
    } else if (path.size() > key.size() && path.substr(0, key.size()) == key && path[key.size()] == '.') {
      ValuesAt(kv.value(), path.substr(key.size() + 1), out);
    }
  }
}

std::string Encode(std::string_view s, bool html) {
  if (!html) return std::string(s);
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#x27;"; break;
      case '/': out += "&#x2F;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

struct Span {
  size_t start, end;
};

}  // namespace

Result<json::object> HighlightHit(const json::value& spec, const query::Query& q,
                                  const schema::Mapping& mapping,
                                  const analysis::AnalysisRegistry& analysis,
                                  const json::value& source) {
  std::map<std::string, FieldTerms> by_field;
  CollectTerms(q, &by_field);
  auto opt_string_list = [](const json::value* v, std::vector<std::string> def) {
    if (v == nullptr) return def;
    std::vector<std::string> out;
    if (v->is_array()) {
      for (const auto& e : v->get_array()) out.push_back(JsonToString(e).value_or(""));
    } else if (auto s = JsonToString(*v)) {
      out.push_back(*s);
    }
    return out;
  };
  auto global_pre = opt_string_list(JsonFind(spec, "pre_tags"), {"<em>"});
  auto global_post = opt_string_list(JsonFind(spec, "post_tags"), {"</em>"});
  if (auto* ts = JsonFind(spec, "tags_schema"); ts && JsonToString(*ts) == "styled") {
    global_pre = {"<em class=\"hlt1\">"};
    global_post = {"</em>"};
  }
  // Fields: an object or an array of single-key objects.
  std::vector<std::pair<std::string, json::value>> fields;
  if (const json::value* f = JsonFind(spec, "fields")) {
    if (f->is_object()) {
      for (const auto& kv : f->get_object()) fields.push_back({std::string(kv.key()), kv.value()});
    } else if (f->is_array()) {
      for (const auto& e : f->get_array()) {
        if (e.is_object()) {
          for (const auto& kv : e.get_object()) fields.push_back({std::string(kv.key()), kv.value()});
        }
      }
    }
  }
  json::object result;
  for (const auto& [pattern, fspec] : fields) {
    auto get = [&](const char* key) -> const json::value* {
      if (const json::value* v = JsonFind(fspec, key)) return v;
      return JsonFind(spec, key);
    };
    int64_t fragment_size = get("fragment_size") ? JsonToInt64(*get("fragment_size")).value_or(100) : 100;
    int64_t num_fragments = get("number_of_fragments") ? JsonToInt64(*get("number_of_fragments")).value_or(5) : 5;
    int64_t no_match_size = get("no_match_size") ? JsonToInt64(*get("no_match_size")).value_or(0) : 0;
    bool require_match = get("require_field_match") ? JsonToBool(*get("require_field_match")).value_or(true) : true;
    bool html = get("encoder") && JsonToString(*get("encoder")) == "html";
    bool by_score = get("order") && JsonToString(*get("order")) == "score";
    auto pre = opt_string_list(JsonFind(fspec, "pre_tags"), global_pre);
    auto post = opt_string_list(JsonFind(fspec, "post_tags"), global_post);
    std::vector<const schema::FieldMapper*> targets;
    for (const schema::FieldMapper* fm : mapping.fields()) {
      if (engine::SimpleMatch(pattern, fm->full_path()) &&
          (schema::IsTextType(fm->type()) || schema::IsKeywordType(fm->type()))) {
        targets.push_back(fm);
      }
    }
    for (const schema::FieldMapper* fm : targets) {
      FieldTerms terms;
      if (require_match) {
        auto it = by_field.find(fm->full_path());
        if (it != by_field.end()) terms = it->second;
      } else {
        for (const auto& [f, t] : by_field) {
          terms.terms.insert(t.terms.begin(), t.terms.end());
          terms.prefixes.insert(terms.prefixes.end(), t.prefixes.begin(), t.prefixes.end());
        }
      }
      std::vector<std::string> values;
      ValuesAt(source, fm->full_path(), &values);
      if (values.empty()) continue;
      std::shared_ptr<const analysis::Analyzer> analyzer;
      if (schema::IsTextType(fm->type())) {
        const std::string& name = fm->text().analyzer;
        analyzer = name.empty() || name == "default" ? analysis.default_analyzer() : analysis.FindAnalyzer(name);
      }
      json::array fragments;
      std::vector<std::pair<int, std::string>> scored;
      for (const std::string& value : values) {
        std::vector<Span> matches;
        auto matches_term = [&](std::string_view term) {
          if (terms.terms.count(std::string(term))) return true;
          for (const auto& p : terms.prefixes) {
            if (term.substr(0, p.size()) == p) return true;
          }
          return false;
        };
        if (analyzer) {
          Status st = analyzer->Analyze(value, [&](const analysis::Token& t) {
            if (matches_term(t.term)) {
              matches.push_back({static_cast<size_t>(t.start_offset), static_cast<size_t>(t.end_offset)});
            }
          });
          if (!st.ok()) return st;
        } else {
          std::string normalized = value;
          if (!fm->keyword().normalizer.empty()) {
            if (auto n = analysis.FindNormalizer(fm->keyword().normalizer)) normalized = n->Normalize(value);
          }
          if (matches_term(normalized)) matches.push_back({0, value.size()});
        }
        if (matches.empty()) continue;
        std::sort(matches.begin(), matches.end(), [](const Span& a, const Span& b) { return a.start < b.start; });
        // Merge overlapping spans (stacked tokens).
        std::vector<Span> merged;
        for (const Span& m : matches) {
          if (!merged.empty() && m.start < merged.back().end) {
            merged.back().end = std::max(merged.back().end, m.end);
          } else {
            merged.push_back(m);
          }
        }
        auto render = [&](size_t from, size_t to) {
          std::string out;
          size_t pos = from;
          for (const Span& m : merged) {
            if (m.end <= from || m.start >= to) continue;
            size_t s = std::max(m.start, from), e = std::min(m.end, to);
            out += Encode(std::string_view(value).substr(pos, s - pos), html);
            out += pre[0];
            out += Encode(std::string_view(value).substr(s, e - s), html);
            out += post[0];
            pos = e;
          }
          out += Encode(std::string_view(value).substr(pos, to - pos), html);
          return out;
        };
        if (num_fragments == 0 || static_cast<int64_t>(value.size()) <= fragment_size) {
          scored.push_back({static_cast<int>(merged.size()), render(0, value.size())});
          continue;
        }
        // Fragments of about fragment_size bytes around matches, cut at spaces.
        size_t i = 0;
        while (i < merged.size()) {
          size_t center = merged[i].start;
          size_t from = center > static_cast<size_t>(fragment_size) / 4 ? center - static_cast<size_t>(fragment_size) / 4 : 0;
          while (from > 0 && value[from - 1] != ' ') --from;
          size_t to = std::min(value.size(), from + static_cast<size_t>(fragment_size));
          while (to < value.size() && value[to] != ' ') ++to;
          int count = 0;
          size_t j = i;
          while (j < merged.size() && merged[j].start < to) {
            ++count;
            ++j;
          }
          scored.push_back({count, render(from, to)});
          i = j == i ? i + 1 : j;
        }
      }
      if (by_score) {
        std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
      }
      for (const auto& [score, text] : scored) {
        if (num_fragments > 0 && static_cast<int64_t>(fragments.size()) >= num_fragments) break;
        fragments.push_back(json::value(text));
      }
      if (fragments.empty() && no_match_size > 0) {
        std::string v = values[0];
        size_t to = std::min(v.size(), static_cast<size_t>(no_match_size));
        while (to < v.size() && v[to] != ' ') ++to;
        fragments.push_back(json::value(Encode(std::string_view(v).substr(0, to), html)));
      }
      if (!fragments.empty()) result[fm->full_path()] = std::move(fragments);
    }
  }
  return result;
}

}  // namespace quiver::api
