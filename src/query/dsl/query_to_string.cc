// ToString(const Query&) declared in query/query.h: a Lucene-like rendering
// for tests, logs and `profile` output ("+title:dune -year:[1960 TO 1970]").
// Boosts render as "(q)^2.0", bool clauses as +must #filter -must_not and
// plain should, a non-default minimum_should_match as "~N", dis_max as
// "(a | b)~0.5". Numeric bounds print as the int64 the tree holds (sortable
// longs for floating-point fields); 16-byte ip terms print as addresses.
#include <string>

#include "common/strings.h"
#include "query/query.h"
#include "schema/ip_address.h"

namespace quiver::query {
namespace {

void AppendFloat(std::string* out, float f) { AppendJsonFloat(out, f); }

bool IsPrintableUtf8(std::string_view s) {
  if (!IsValidUtf8(s)) return false;
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f) return false;
  }
  return true;
}

void AppendTerm(std::string* out, std::string_view term) {
  if (IsPrintableUtf8(term)) {
    out->append(term);
    return;
  }
  if (term.size() == 16) {
    schema::IpBytes ip;
    for (size_t i = 0; i < 16; ++i) ip[i] = static_cast<uint8_t>(term[i]);
    out->append(schema::FormatIp(ip));
    return;
  }
  static const char* kHex = "0123456789abcdef";
  for (unsigned char c : term) {
    if (c >= 0x20 && c < 0x7f) {
      out->push_back(static_cast<char>(c));
    } else {
      out->append("\\x");
      out->push_back(kHex[c >> 4]);
      out->push_back(kHex[c & 15]);
    }
  }
}

void AppendBound(std::string* out, int64_t v, int64_t unbounded) {
  if (v == unbounded) {
    out->push_back('*');
  } else {
    out->append(std::to_string(v));
  }
}

void Render(std::string* out, const Query& q);

// Renders a clause of a bool or a member of a compound query: nested bools
// are parenthesized.
void RenderNested(std::string* out, const QueryPtr& q) {
  if (q == nullptr) {
    out->append("null");
    return;
  }
  bool parens = std::holds_alternative<BoolQuery>(q->node) && q->boost == 1.0f;
  if (parens) out->push_back('(');
  Render(out, *q);
  if (parens) out->push_back(')');
}

void RenderPhraseTerms(std::string* out, const std::vector<std::vector<std::string>>& terms,
                       const std::vector<int>& positions, const std::string* prefix) {
  int base = positions.empty() ? 0 : positions.front();
  int last = base - 1;
  for (size_t i = 0; i < terms.size(); ++i) {
    int pos = i < positions.size() ? positions[i] : last + 1;
    for (int gap = last + 1; gap < pos; ++gap) out->append(gap == base ? "?" : " ?");
    if (pos != base) out->push_back(' ');
    if (terms[i].size() == 1) {
      AppendTerm(out, terms[i][0]);
    } else {
      out->push_back('(');
      for (size_t j = 0; j < terms[i].size(); ++j) {
        if (j > 0) out->push_back(' ');
        AppendTerm(out, terms[i][j]);
      }
      out->push_back(')');
    }
    last = pos;
  }
  if (prefix != nullptr) {
    int pos = terms.size() < positions.size() ? positions[terms.size()] : last + 1;
    for (int gap = last + 1; gap < pos; ++gap) out->append(gap == base ? "?" : " ?");
    if (!terms.empty()) out->push_back(' ');
    AppendTerm(out, *prefix);
    out->push_back('*');
  }
}

const char* FunctionKindName(ScoreFunction::Kind k) {
  switch (k) {
    case ScoreFunction::Kind::kWeight:
      return "weight";
    case ScoreFunction::Kind::kFieldValueFactor:
      return "field_value_factor";
    case ScoreFunction::Kind::kRandomScore:
      return "random_score";
    case ScoreFunction::Kind::kDecay:
      return "decay";
  }
  return "?";
}

struct NodeRenderer {
  std::string* out;

  void operator()(const MatchAllQuery&) const { out->append("*:*"); }
  void operator()(const MatchNoneQuery& q) const {
    out->append("MatchNoDocsQuery(\"" + q.reason + "\")");
  }
  void operator()(const TermQuery& q) const {
    out->append(q.field + ":");
    AppendTerm(out, q.term);
  }
  void operator()(const SynonymQuery& q) const {
    out->append("Synonym(");
    for (size_t i = 0; i < q.terms.size(); ++i) {
      if (i > 0) out->push_back(' ');
      out->append(q.field + ":");
      AppendTerm(out, q.terms[i]);
    }
    out->push_back(')');
  }
  void operator()(const TermSetQuery& q) const {
    out->append(q.field + ":(");
    for (size_t i = 0; i < q.terms.size(); ++i) {
      if (i > 0) out->push_back(' ');
      AppendTerm(out, q.terms[i]);
    }
    out->push_back(')');
  }
  void operator()(const TermRangeQuery& q) const {
    out->append(q.field + ":");
    out->push_back(q.include_lower ? '[' : '{');
    if (q.lower) {
      AppendTerm(out, *q.lower);
    } else {
      out->push_back('*');
    }
    out->append(" TO ");
    if (q.upper) {
      AppendTerm(out, *q.upper);
    } else {
      out->push_back('*');
    }
    out->push_back(q.include_upper ? ']' : '}');
  }
  void operator()(const NumericRangeQuery& q) const {
    out->append(q.field + ":[");
    AppendBound(out, q.lower, INT64_MIN);
    out->append(" TO ");
    AppendBound(out, q.upper, INT64_MAX);
    out->push_back(']');
  }
  void operator()(const NumericSetQuery& q) const {
    out->append(q.field + ":{");
    for (size_t i = 0; i < q.values.size(); ++i) {
      if (i > 0) out->push_back(' ');
      out->append(std::to_string(q.values[i]));
    }
    out->push_back('}');
  }
  void operator()(const PrefixQuery& q) const {
    if (q.case_insensitive) out->append("CaseInsensitive(");
    out->append(q.field + ":");
    AppendTerm(out, q.prefix);
    out->push_back('*');
    if (q.case_insensitive) out->push_back(')');
  }
  void operator()(const WildcardQuery& q) const {
    if (q.case_insensitive) out->append("CaseInsensitive(");
    out->append(q.field + ":");
    AppendTerm(out, q.pattern);
    if (q.case_insensitive) out->push_back(')');
  }
  void operator()(const RegexpQuery& q) const {
    if (q.case_insensitive) out->append("CaseInsensitive(");
    out->append(q.field + ":/" + q.pattern + "/");
    if (q.case_insensitive) out->push_back(')');
  }
  void operator()(const FuzzyQuery& q) const {
    out->append(q.field + ":");
    AppendTerm(out, q.term);
    out->append("~" + std::to_string(q.max_edits));
  }
  void operator()(const PhraseQuery& q) const {
    out->append(q.field + ":\"");
    RenderPhraseTerms(out, q.terms, q.positions, nullptr);
    out->push_back('"');
    if (q.slop != 0) out->append("~" + std::to_string(q.slop));
  }
  void operator()(const PhrasePrefixQuery& q) const {
    out->append(q.field + ":\"");
    RenderPhraseTerms(out, q.terms, q.positions, &q.prefix);
    out->push_back('"');
    if (q.slop != 0) out->append("~" + std::to_string(q.slop));
  }
  void operator()(const BoolQuery& q) const {
    bool implied =
        q.must.empty() && q.filter.empty() && !q.should.empty() && q.minimum_should_match == 1;
    bool show_msm = q.minimum_should_match > 0 && !implied;
    if (show_msm) out->push_back('(');
    bool first = true;
    auto clause = [&](const char* prefix, const QueryPtr& c) {
      if (!first) out->push_back(' ');
      first = false;
      out->append(prefix);
      RenderNested(out, c);
    };
    for (const auto& c : q.must) clause("+", c);
    for (const auto& c : q.filter) clause("#", c);
    for (const auto& c : q.should) clause("", c);
    for (const auto& c : q.must_not) clause("-", c);
    if (show_msm) out->append(")~" + std::to_string(q.minimum_should_match));
  }
  void operator()(const ConstantScoreQuery& q) const {
    out->append("ConstantScore(");
    if (q.filter != nullptr) Render(out, *q.filter);
    out->push_back(')');
  }
  void operator()(const DisMaxQuery& q) const {
    out->push_back('(');
    for (size_t i = 0; i < q.queries.size(); ++i) {
      if (i > 0) out->append(" | ");
      RenderNested(out, q.queries[i]);
    }
    out->push_back(')');
    if (q.tie_breaker != 0) {
      out->push_back('~');
      AppendFloat(out, q.tie_breaker);
    }
  }
  void operator()(const BoostingQuery& q) const {
    out->append("Boosting(positive=");
    RenderNested(out, q.positive);
    out->append(", negative=");
    RenderNested(out, q.negative);
    out->append(", negative_boost=");
    AppendFloat(out, q.negative_boost);
    out->push_back(')');
  }
  void operator()(const CombinedFieldsQuery& q) const {
    out->append("CombinedFieldQuery((");
    for (size_t i = 0; i < q.fields.size(); ++i) {
      if (i > 0) out->push_back(' ');
      out->append(q.fields[i].first);
      if (q.fields[i].second != 1.0f) {
        out->push_back('^');
        AppendFloat(out, q.fields[i].second);
      }
    }
    out->append(")(");
    for (size_t i = 0; i < q.terms.size(); ++i) {
      if (i > 0) out->push_back(' ');
      AppendTerm(out, q.terms[i]);
    }
    out->append("))");
    if (q.minimum_should_match > 1) out->append("~" + std::to_string(q.minimum_should_match));
  }
  void operator()(const ExistsQuery& q) const {
    for (size_t i = 0; i < q.fields.size(); ++i) {
      if (i > 0) out->append(" | ");
      out->append("FieldExistsQuery [field=" + q.fields[i] + "]");
    }
  }
  void operator()(const IdsQuery& q) const {
    out->append("_id:(");
    for (size_t i = 0; i < q.ids.size(); ++i) {
      if (i > 0) out->push_back(' ');
      out->append(q.ids[i]);
    }
    out->push_back(')');
  }
  void operator()(const FunctionScoreQuery& q) const {
    out->append("FunctionScore(");
    if (q.query != nullptr) Render(out, *q.query);
    out->append(", functions: [");
    for (size_t i = 0; i < q.functions.size(); ++i) {
      const ScoreFunction& f = q.functions[i];
      if (i > 0) out->append(", ");
      if (f.filter != nullptr) {
        out->append("{filter(");
        Render(out, *f.filter);
        out->append("), ");
      }
      out->append(FunctionKindName(f.kind));
      switch (f.kind) {
        case ScoreFunction::Kind::kFieldValueFactor:
          out->append("(" + f.field + ", factor=");
          AppendJsonDouble(out, f.factor);
          out->append(", modifier=" + f.modifier);
          if (f.missing) {
            out->append(", missing=");
            AppendJsonDouble(out, *f.missing);
          }
          out->push_back(')');
          break;
        case ScoreFunction::Kind::kRandomScore:
          out->append("(seed=" + std::to_string(f.seed) +
                      (f.field.empty() ? "" : ", field=" + f.field) + ")");
          break;
        case ScoreFunction::Kind::kDecay:
          out->append("(" + f.decay_type + ", " + f.field + ", origin=");
          AppendJsonDouble(out, f.origin);
          out->append(", scale=");
          AppendJsonDouble(out, f.scale);
          out->append(", offset=");
          AppendJsonDouble(out, f.offset);
          out->append(", decay=");
          AppendJsonDouble(out, f.decay);
          if (f.multi_value_mode != "min") out->append(", multi_value_mode=" + f.multi_value_mode);
          out->push_back(')');
          break;
        case ScoreFunction::Kind::kWeight:
          break;
      }
      if (f.has_weight || f.kind == ScoreFunction::Kind::kWeight) {
        out->append("*");
        AppendFloat(out, f.weight);
      }
      if (f.filter != nullptr) out->push_back('}');
    }
    out->append("], score_mode=" + q.score_mode + ", boost_mode=" + q.boost_mode);
    if (q.max_boost < 3.4028235e38f) {
      out->append(", max_boost=");
      AppendFloat(out, q.max_boost);
    }
    if (q.min_score) {
      out->append(", min_score=");
      AppendFloat(out, *q.min_score);
    }
    out->push_back(')');
  }
  void operator()(const KnnQuery& q) const {
    out->append("KnnFloatVectorQuery:" + q.field + "[");
    for (size_t i = 0; i < q.vector.size(); ++i) {
      if (i > 0) out->push_back(',');
      AppendFloat(out, q.vector[i]);
    }
    out->append("][" + std::to_string(q.k) + "][" + std::to_string(q.num_candidates) + "]");
    if (q.similarity) {
      out->append("[similarity=");
      AppendFloat(out, *q.similarity);
      out->push_back(']');
    }
    if (q.filter != nullptr) {
      out->append("[filter=");
      Render(out, *q.filter);
      out->push_back(']');
    }
  }
};

void Render(std::string* out, const Query& q) {
  bool boosted = q.boost != 1.0f;
  if (boosted) out->push_back('(');
  std::visit(NodeRenderer{out}, q.node);
  if (boosted) {
    out->append(")^");
    AppendFloat(out, q.boost);
  }
}

}  // namespace

std::string ToString(const Query& q) {
  std::string out;
  Render(&out, q);
  return out;
}

}  // namespace quiver::query
