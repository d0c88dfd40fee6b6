#include "query/dsl/query_string_builder.h"

#include "query/dsl/field_queries.h"
#include "query/dsl/parse_context.h"
#include "query/dsl/query_parsers.h"
#include "schema/field_type.h"

namespace quiver::query::dsl {

namespace {

constexpr std::string_view kExistsField = "_exists_";

Status LuceneParseError(std::string message) {
  return Status::InvalidArgument(std::move(message)).WithType("parse_exception");
}

}  // namespace

std::optional<std::string> QueryStringBuilder::EffectiveField(
    const std::optional<std::string>& field) const {
  return field ? field : s_.default_field;
}

Result<FieldWeights> QueryStringBuilder::ExtractFields(const std::optional<std::string>& field,
                                                       bool quoted) const {
  std::optional<std::string> f = EffectiveField(field);
  std::string_view suffix = quoted ? std::string_view(s_.quote_field_suffix) : std::string_view();
  FieldWeights out;
  if (f) {
    bool all = *f == "*";
    out = ResolveFieldPattern(pc_, *f, 1.0f, suffix, /*only_searchable=*/all);
  } else if (!suffix.empty()) {
    QUIVER_ASSIGN_OR_RETURN(out, ResolveFieldSpecs(pc_, s_.fields, suffix));
  } else {
    out = s_.fields;
  }
  if (out.size() > kMaxClauseCount) {
    return IllegalArgumentError(
        "field expansion " + (f ? "for [" + *f + "] " : std::string()) +
        "matches too many fields, limit: " + std::to_string(kMaxClauseCount) +
        ", got: " + std::to_string(out.size()));
  }
  return out;
}

QueryPtr QueryStringBuilder::Exists(const std::string& pattern) const {
  return BuildExistsQuery(pc_, pattern);
}

QueryPtr QueryStringBuilder::Combine(std::vector<QueryPtr> queries) const {
  if (queries.empty()) return QueryPtr();
  float tie = s_.tie_breaker.value_or(DefaultTieBreaker(s_.type));
  return MakeDisMax(std::move(queries), tie);
}

Result<QueryPtr> QueryStringBuilder::Lenient(const std::string& field, Result<QueryPtr> r) const {
  if (r.ok() || !s_.text.lenient) return r;
  return LenientFieldQuery(field, r.status());
}

const analysis::Analyzer* QueryStringBuilder::NormalizerFor(const FieldRef& f) const {
  if (s_.analyzer != nullptr) return s_.analyzer.get();
  return TextSearchInfo(pc_, f).search_analyzer.get();
}

Result<QueryPtr> QueryStringBuilder::FieldQuery(const std::optional<std::string>& field,
                                                const std::string& text) {
  std::optional<std::string> f = EffectiveField(field);
  if (f && *f == kExistsField) return Exists(text);
  if (f && text.size() > 1) {
    // One-sided ranges: field:>=10, field:<2024-01-01.
    if (text[0] == '>') {
      if (text.size() > 2 && text[1] == '=')
        return RangeQuery(f, text.substr(2), std::nullopt, true, true);
      return RangeQuery(f, text.substr(1), std::nullopt, false, true);
    }
    if (text[0] == '<') {
      if (text.size() > 2 && text[1] == '=')
        return RangeQuery(f, std::nullopt, text.substr(2), true, true);
      return RangeQuery(f, std::nullopt, text.substr(1), true, false);
    }
    FieldRef ref = ResolveField(pc_, *f);
    if (ref.mapper != nullptr && schema::IsDateType(ref.mapper->type()) && s_.tz_offset_seconds) {
      return RangeQuery(f, text, text, true, true);
    }
  }
  QUIVER_ASSIGN_OR_RETURN(FieldWeights fields, ExtractFields(field, false));
  if (fields.empty()) return UnmappedField(f.value_or(""));
  MultiFieldOptions options;
  options.text = s_.text;
  if (s_.analyzer != nullptr) options.text.analyzer = s_.analyzer;
  options.tie_breaker = s_.tie_breaker;
  options.zero_terms = std::nullopt;
  return BuildMultiFieldQuery(pc_, s_.type, fields, text, options);
}

Result<QueryPtr> QueryStringBuilder::PhraseQuery(const std::optional<std::string>& field,
                                                 const std::string& text, int slop) {
  std::optional<std::string> f = EffectiveField(field);
  if (f && *f == kExistsField) return Exists(text);
  QUIVER_ASSIGN_OR_RETURN(FieldWeights fields, ExtractFields(field, true));
  if (fields.empty()) return UnmappedField(f.value_or(""));
  MultiFieldOptions options;
  options.text = s_.text;
  options.text.phrase_slop = slop;
  if (s_.quote_analyzer != nullptr) {
    options.text.analyzer = s_.quote_analyzer;
  } else if (s_.analyzer != nullptr) {
    options.text.analyzer = s_.analyzer;
  }
  options.tie_breaker = s_.tie_breaker;
  options.zero_terms = std::nullopt;
  return BuildMultiFieldQuery(pc_, MultiMatchType::kPhrase, fields, text, options);
}

Result<QueryPtr> QueryStringBuilder::RangeSingle(const std::string& name,
                                                 const std::optional<std::string>& lower,
                                                 const std::optional<std::string>& upper,
                                                 bool include_lower, bool include_upper) const {
  FieldRef ref = ResolveField(pc_, name);
  FieldTextSearch tsi = TextSearchInfo(pc_, ref);
  if (!ref.mapped() || !tsi.supported) return UnmappedField(name);
  const analysis::Analyzer* normalizer = NormalizerFor(ref);
  auto normalize = [&](const std::optional<std::string>& s) -> std::optional<json::value> {
    if (!s) return std::nullopt;
    return json::value(normalizer != nullptr ? NormalizeText(*normalizer, *s) : *s);
  };
  std::optional<json::value> lo = normalize(lower), hi = normalize(upper);
  RangeSpec r;
  r.lower = lo ? &*lo : nullptr;
  r.upper = hi ? &*hi : nullptr;
  r.include_lower = include_lower;
  r.include_upper = include_upper;
  if (ref.mapper != nullptr && schema::IsDateType(ref.mapper->type())) {
    r.tz_offset_seconds = s_.tz_offset_seconds;
  }
  return Lenient(name, FieldRangeQuery(pc_, ref, r));
}

Result<QueryPtr> QueryStringBuilder::RangeQuery(const std::optional<std::string>& field,
                                                const std::optional<std::string>& lower,
                                                const std::optional<std::string>& upper,
                                                bool include_lower, bool include_upper) {
  auto star = [](const std::optional<std::string>& s) {
    return s && *s == "*" ? std::optional<std::string>() : s;
  };
  QUIVER_ASSIGN_OR_RETURN(FieldWeights fields, ExtractFields(field, false));
  if (fields.empty()) return UnmappedField(EffectiveField(field).value_or(""));
  std::vector<QueryPtr> queries;
  for (const auto& [name, boost] : fields) {
    QUIVER_ASSIGN_OR_RETURN(
        QueryPtr q, RangeSingle(name, star(lower), star(upper), include_lower, include_upper));
    queries.push_back(Boost(q, boost));
  }
  return Combine(std::move(queries));
}

Result<QueryPtr> QueryStringBuilder::FuzzyQuery(const std::optional<std::string>& field,
                                                const std::string& text, const std::string& slop) {
  int distance;
  if (slop.size() <= 1) {
    distance = s_.fuzziness.AsDistance(text);
  } else {
    QUIVER_ASSIGN_OR_RETURN(Fuzziness f, Fuzziness::Parse(slop.substr(1)));
    distance = f.AsDistance(text);
  }
  if (distance < 0) {
    return LuceneParseError(
        "Minimum similarity for a FuzzyQuery has to be between 0.0f and 1.0f !");
  }
  QUIVER_ASSIGN_OR_RETURN(FieldWeights fields, ExtractFields(field, false));
  if (fields.empty()) return UnmappedField(EffectiveField(field).value_or(""));
  std::vector<QueryPtr> queries;
  for (const auto& [name, boost] : fields) {
    FieldRef ref = ResolveField(pc_, name);
    if (!ref.mapped() || !TextSearchInfo(pc_, ref).supported) {
      queries.push_back(UnmappedField(name));
      continue;
    }
    const analysis::Analyzer* normalizer = NormalizerFor(ref);
    std::string term = normalizer != nullptr ? NormalizeText(*normalizer, text) : text;
    QUIVER_ASSIGN_OR_RETURN(
        QueryPtr q,
        Lenient(name, FieldFuzzyQuery(pc_, ref, json::value(term), Fuzziness::Edits(distance),
                                      s_.fuzzy_prefix_length, s_.fuzzy_max_expansions,
                                      s_.fuzzy_transpositions)));
    queries.push_back(Boost(q, boost));
  }
  return Combine(std::move(queries));
}

Result<QueryPtr> QueryStringBuilder::PrefixSingle(const std::string& name,
                                                  const std::string& text) const {
  FieldRef ref = ResolveField(pc_, name);
  FieldTextSearch tsi = TextSearchInfo(pc_, ref);
  if (!ref.mapped() || !tsi.supported) return UnmappedField(name);
  if (!tsi.tokenized) return Lenient(name, FieldPrefixQuery(pc_, ref, text));
  const analysis::Analyzer* analyzer = NormalizerFor(ref);
  if (!s_.analyze_wildcard || analyzer == nullptr) {
    std::string term = analyzer != nullptr ? NormalizeText(*analyzer, text) : text;
    return Lenient(name, FieldPrefixQuery(pc_, ref, term));
  }
  // analyze_wildcard: a bool of the analyzed terms, prefix on the last position.
  QUIVER_ASSIGN_OR_RETURN(AnalyzedText analyzed, AnalyzeText(*analyzer, text));
  std::vector<std::vector<std::string>> positions;
  for (const AnalyzedToken& t : analyzed.tokens) {
    if (positions.empty() || t.position_increment > 0) positions.emplace_back();
    positions.back().push_back(t.term);
  }
  if (positions.empty()) return QueryPtr();
  if (positions.size() == 1 && positions[0].size() == 1) {
    return Lenient(name, FieldPrefixQuery(pc_, ref, positions[0][0]));
  }
  std::vector<Clause> clauses;
  Occur occur = s_.text.occur;
  for (size_t i = 0; i < positions.size(); ++i) {
    bool last = i + 1 == positions.size();
    QueryPtr q;
    if (positions[i].size() == 1) {
      if (last) {
        QUIVER_ASSIGN_OR_RETURN(q, Lenient(name, FieldPrefixQuery(pc_, ref, positions[i][0])));
      } else {
        q = MakeQuery(TermQuery{ref.name, positions[i][0]});
      }
    } else if (!last) {
      q = MakeQuery(SynonymQuery{ref.name, positions[i]});
    } else {
      std::vector<Clause> inner;
      for (const std::string& t : positions[i]) {
        QUIVER_ASSIGN_OR_RETURN(QueryPtr p, Lenient(name, FieldPrefixQuery(pc_, ref, t)));
        inner.push_back({p, Occur::kShould});
      }
      q = MakeBool(inner);
    }
    clauses.push_back({q, occur});
  }
  return MakeBool(clauses);
}

Result<QueryPtr> QueryStringBuilder::PrefixQuery(const std::optional<std::string>& field,
                                                 const std::string& text) {
  QUIVER_ASSIGN_OR_RETURN(FieldWeights fields, ExtractFields(field, false));
  if (fields.empty()) return UnmappedField(text);
  std::vector<QueryPtr> queries;
  for (const auto& [name, boost] : fields) {
    QUIVER_ASSIGN_OR_RETURN(QueryPtr q, PrefixSingle(name, text));
    if (q != nullptr) queries.push_back(Boost(q, boost));
  }
  return Combine(std::move(queries));
}

Result<QueryPtr> QueryStringBuilder::WildcardQuery(const std::optional<std::string>& field,
                                                   const std::string& pattern) {
  std::optional<std::string> actual = EffectiveField(field);
  if (pattern == "*" && actual) {
    if (*actual == "*") return MatchAll();
    return Exists(*actual);
  }
  QUIVER_ASSIGN_OR_RETURN(FieldWeights fields, ExtractFields(field, false));
  if (fields.empty()) return UnmappedField(pattern);
  std::vector<QueryPtr> queries;
  for (const auto& [name, boost] : fields) {
    QueryPtr q;
    if (pattern == "*") {
      q = Exists(name);
    } else {
      FieldRef ref = ResolveField(pc_, name);
      if (!ref.mapped()) {
        q = UnmappedField(name);
      } else {
        if (!s_.allow_leading_wildcard && (pattern[0] == '*' || pattern[0] == '?')) {
          return LuceneParseError("'*' or '?' not allowed as first character in WildcardQuery");
        }
        QUIVER_ASSIGN_OR_RETURN(
            q, Lenient(name, FieldWildcardQuery(pc_, ref, pattern, false, NormalizerFor(ref))));
      }
    }
    queries.push_back(Boost(q, boost));
  }
  return Combine(std::move(queries));
}

Result<QueryPtr> QueryStringBuilder::RegexpQuery(const std::optional<std::string>& field,
                                                 const std::string& pattern) {
  int max_length = pc_.settings().max_regex_length();
  if (static_cast<int>(pattern.size()) > max_length) {
    return IllegalArgumentError(
        "The length of regex [" + std::to_string(pattern.size()) +
        "] used in the [query_string] has exceeded the allowed maximum of [" +
        std::to_string(max_length) +
        "]. This maximum can be set by changing the [index.max_regex_length] index level "
        "setting.");
  }
  QUIVER_ASSIGN_OR_RETURN(FieldWeights fields, ExtractFields(field, false));
  if (fields.empty()) return UnmappedField(pattern);
  std::vector<QueryPtr> queries;
  for (const auto& [name, boost] : fields) {
    FieldRef ref = ResolveField(pc_, name);
    QueryPtr q;
    if (!ref.mapped()) {
      q = UnmappedField(name);
    } else {
      QUIVER_ASSIGN_OR_RETURN(q, Lenient(name, FieldRegexpQuery(pc_, ref, pattern, 0xffff,
                                                                s_.max_determinized_states)));
    }
    queries.push_back(Boost(q, boost));
  }
  return Combine(std::move(queries));
}

}  // namespace quiver::query::dsl
