// simple_query_string: the forgiving query syntax of simple_query_syntax.h
// over one or more fields (ES SimpleQueryStringBuilder): fields with boosts
// and patterns (default: index.query.default_field), default_operator,
// analyzer, flags, lenient, analyze_wildcard, quote_field_suffix,
// auto_generate_synonyms_phrase_query, fuzzy_prefix_length,
// fuzzy_max_expansions, fuzzy_transpositions, minimum_should_match. Terms
// combine over fields like multi_match most_fields.
#include "common/strings.h"
#include "query/dsl/field_lookup.h"
#include "query/dsl/field_queries.h"
#include "query/dsl/multi_field_query.h"
#include "query/dsl/query_parsers.h"
#include "query/dsl/simple_query_syntax.h"

namespace quiver::query::dsl {

namespace {

constexpr std::string_view kQuery = "simple_query_string";

Result<int> ParseFlags(const json::value& v) {
  if (v.is_number()) {
    auto i = JsonToInt64(v);
    return static_cast<int>(i.value_or(kSqsAll));
  }
  auto text = ScalarText(v);
  if (!text) return XContentParseError("[simple_query_string] failed to parse field [flags]");
  int flags = 0;
  for (std::string_view part : SplitString(*text, '|')) {
    std::string name = AsciiLower(TrimWhitespace(part));
    if (name.empty()) continue;
    static const std::pair<const char*, int> kNames[] = {
        {"all", kSqsAll},       {"none", 0},
        {"and", kSqsAnd},       {"not", kSqsNot},
        {"or", kSqsOr},         {"prefix", kSqsPrefix},
        {"phrase", kSqsPhrase}, {"precedence", kSqsPrecedence},
        {"escape", kSqsEscape}, {"whitespace", kSqsWhitespace},
        {"fuzzy", kSqsFuzzy},   {"near", kSqsNear},
        {"slop", kSqsSlop}};
    bool found = false;
    for (const auto& [n, value] : kNames) {
      if (name == n) {
        flags = value == kSqsAll ? kSqsAll : (flags == kSqsAll ? kSqsAll : flags | value);
        found = true;
      }
    }
    if (!found) {
      return IllegalArgumentError("Unknown " + std::string(kQuery) + " flag [" + std::string(part) +
                                  "]");
    }
  }
  return flags;
}

struct SqsSettings {
  FieldWeights fields;
  TextQueryOptions text;
  bool analyze_wildcard = false;
  std::string quote_field_suffix;
  int fuzzy_prefix_length = 0;
  int fuzzy_max_expansions = 50;
  bool fuzzy_transpositions = true;
};

// ES SimpleQueryStringQueryParser.
class SqsBuilder : public SimpleQueryBuilder {
 public:
  SqsBuilder(const ParseContext& pc, SqsSettings s) : pc_(pc), s_(std::move(s)) {}

  Result<QueryPtr> DefaultQuery(std::string_view text) override {
    return MultiField(MultiMatchType::kMostFields, s_.fields, text, 0);
  }

  Result<QueryPtr> PhraseQuery(std::string_view text, int slop) override {
    FieldWeights fields = s_.fields;
    if (!s_.quote_field_suffix.empty()) {
      QUIVER_ASSIGN_OR_RETURN(fields, ResolveFieldSpecs(pc_, s_.fields, s_.quote_field_suffix));
    }
    return MultiField(MultiMatchType::kPhrase, fields, text, slop);
  }

  Result<QueryPtr> FuzzyQuery(std::string_view text, int fuzziness) override {
    std::vector<QueryPtr> disjuncts;
    for (const auto& [name, boost] : s_.fields) {
      FieldRef ref = ResolveField(pc_, name);
      if (!ref.mapped()) {
        disjuncts.push_back(UnmappedField(name));
        continue;
      }
      const analysis::Analyzer* a = AnalyzerFor(ref);
      std::string term = a != nullptr ? NormalizeText(*a, text) : std::string(text);
      auto q =
          FieldFuzzyQuery(pc_, ref, json::value(term), Fuzziness::Edits(fuzziness),
                          s_.fuzzy_prefix_length, s_.fuzzy_max_expansions, s_.fuzzy_transpositions);
      QUIVER_ASSIGN_OR_RETURN(QueryPtr r, Lenient(std::move(q)));
      disjuncts.push_back(WithBoost(r, boost));
    }
    return MakeDisMax(std::move(disjuncts), 1.0f);
  }

  Result<QueryPtr> PrefixQuery(std::string_view text) override {
    std::vector<QueryPtr> disjuncts;
    for (const auto& [name, boost] : s_.fields) {
      FieldRef ref = ResolveField(pc_, name);
      if (!ref.mapped()) {
        disjuncts.push_back(UnmappedField(name));
        continue;
      }
      const analysis::Analyzer* a = AnalyzerFor(ref);
      QueryPtr q;
      if (s_.analyze_wildcard && a != nullptr) {
        QUIVER_ASSIGN_OR_RETURN(q, Lenient(AnalyzedPrefix(ref, text, *a)));
        if (q == nullptr) continue;
      } else {
        std::string term = a != nullptr ? NormalizeText(*a, text) : std::string(text);
        QUIVER_ASSIGN_OR_RETURN(q, Lenient(FieldPrefixQuery(pc_, ref, term)));
      }
      disjuncts.push_back(WithBoost(q, boost));
    }
    if (disjuncts.empty()) return QueryPtr();
    return MakeDisMax(std::move(disjuncts), 1.0f);
  }

 private:
  const analysis::Analyzer* AnalyzerFor(const FieldRef& f) const {
    if (s_.text.analyzer != nullptr) return s_.text.analyzer.get();
    return TextSearchInfo(pc_, f).search_analyzer.get();
  }

  static QueryPtr WithBoost(const QueryPtr& q, float boost) {
    return IsMatchNone(q) ? q : Boost(q, boost);
  }

  Result<QueryPtr> Lenient(Result<QueryPtr> r) const {
    if (r.ok() || !s_.text.lenient) return r;
    return MatchNone("failed query, caused by " + r.status().message());
  }

  Result<QueryPtr> MultiField(MultiMatchType type, const FieldWeights& fields,
                              std::string_view text, int slop) {
    MultiFieldOptions options;
    options.text = s_.text;
    options.text.phrase_slop = slop;
    options.zero_terms = std::nullopt;
    return BuildMultiFieldQuery(pc_, type, fields, text, options);
  }

  Result<QueryPtr> AnalyzedPrefix(const FieldRef& ref, std::string_view text,
                                  const analysis::Analyzer& a) const {
    QUIVER_ASSIGN_OR_RETURN(AnalyzedText analyzed, AnalyzeText(a, text));
    std::vector<std::vector<std::string>> positions;
    for (const AnalyzedToken& t : analyzed.tokens) {
      if (positions.empty() || t.position_increment > 0) positions.emplace_back();
      positions.back().push_back(NormalizeText(a, t.term));
    }
    if (positions.empty()) return QueryPtr();
    if (positions.size() == 1 && positions[0].size() == 1) {
      return MakeQuery(query::PrefixQuery{ref.name, positions[0][0], false});
    }
    std::vector<Clause> clauses;
    for (size_t i = 0; i < positions.size(); ++i) {
      bool last = i + 1 == positions.size();
      QueryPtr q;
      if (positions[i].size() == 1) {
        q = last ? MakeQuery(query::PrefixQuery{ref.name, positions[i][0], false})
                 : MakeQuery(TermQuery{ref.name, positions[i][0]});
      } else if (!last) {
        q = MakeQuery(SynonymQuery{ref.name, positions[i]});
      } else {
        std::vector<Clause> inner;
        for (const std::string& t : positions[i]) {
          inner.push_back({MakeQuery(query::PrefixQuery{ref.name, t, false}), Occur::kShould});
        }
        q = MakeBool(inner);
      }
      clauses.push_back({q, s_.text.occur});
    }
    return MakeBool(clauses);
  }

  const ParseContext& pc_;
  SqsSettings s_;
};

}  // namespace

Result<QueryPtr> ParseSimpleQueryStringQuery(const json::value& body, ParseContext& pc) {
  std::optional<std::string> text;
  FieldWeights specs;
  Occur occur = Occur::kShould;
  std::string analyzer_name;
  int flags = kSqsAll;
  std::optional<bool> lenient;
  std::optional<std::string> msm;
  SqsSettings s;
  CommonParams common;
  for (const auto& kv : body.get_object()) {
    std::string_view key(kv.key());
    const json::value& v = kv.value();
    if (key == "fields") {
      if (!v.is_array()) return UnsupportedParam(kQuery, key);
      for (const auto& e : v.get_array()) {
        if (!e.is_string())
          return ParsingError("[simple_query_string] query does not support [fields]");
        auto fb = ParseFieldAndBoost(std::string_view(e.get_string()));
        if (!fb.ok()) return fb.status();
        specs.push_back(*fb);
      }
      continue;
    }
    if (v.is_array()) return UnsupportedParam(kQuery, key);
    if (v.is_object()) return UnknownToken(kQuery, v, key);
    Status st;
    if (key == "query") {
      QUIVER_ASSIGN_OR_RETURN(std::string q, ReadString(v, kQuery, key));
      text = q;
    } else if (key == "default_operator") {
      QUIVER_ASSIGN_OR_RETURN(std::string op, ReadString(v, kQuery, key));
      std::string lower = AsciiLower(op);
      if (lower != "or" && lower != "and") {
        return IllegalArgumentError("operator needs to be either [OR, AND], but not [" + op + "]");
      }
      occur = lower == "and" ? Occur::kMust : Occur::kShould;
    } else if (key == "analyzer") {
      QUIVER_ASSIGN_OR_RETURN(analyzer_name, ReadString(v, kQuery, key));
    } else if (key == "flags") {
      QUIVER_ASSIGN_OR_RETURN(flags, ParseFlags(v));
    } else if (key == "lenient") {
      QUIVER_ASSIGN_OR_RETURN(bool l, ReadBool(v, kQuery, key));
      lenient = l;
    } else if (key == "analyze_wildcard") {
      QUIVER_ASSIGN_OR_RETURN(s.analyze_wildcard, ReadBool(v, kQuery, key));
    } else if (key == "auto_generate_synonyms_phrase_query") {
      QUIVER_ASSIGN_OR_RETURN(s.text.auto_generate_synonyms_phrase_query, ReadBool(v, kQuery, key));
    } else if (key == "minimum_should_match") {
      QUIVER_ASSIGN_OR_RETURN(std::string m, ReadString(v, kQuery, key));
      msm = m;
    } else if (key == "quote_field_suffix") {
      QUIVER_ASSIGN_OR_RETURN(s.quote_field_suffix, ReadString(v, kQuery, key));
    } else if (key == "fuzzy_prefix_length") {
      QUIVER_ASSIGN_OR_RETURN(s.fuzzy_prefix_length, ReadInt(v, kQuery, key));
    } else if (key == "fuzzy_max_expansions") {
      QUIVER_ASSIGN_OR_RETURN(s.fuzzy_max_expansions, ReadInt(v, kQuery, key));
    } else if (key == "fuzzy_transpositions") {
      QUIVER_ASSIGN_OR_RETURN(s.fuzzy_transpositions, ReadBool(v, kQuery, key));
    } else if (pc.ReadCommon(key, v, kQuery, &common, &st)) {
      QUIVER_RETURN_IF_ERROR(st);
    } else {
      return ParsingError("[simple_query_string] unsupported field [" + std::string(key) + "]");
    }
  }
  if (!text) return ParsingError("[simple_query_string] query text missing");

  bool all_fields = false;
  if (specs.empty()) {
    for (const std::string& f : DefaultFields(pc)) {
      auto fb = ParseFieldAndBoost(f);
      if (!fb.ok()) return pc.Defer(fb.status());
      specs.push_back(*fb);
    }
  }
  for (const auto& [name, w] : specs) all_fields |= name == "*";
  auto fields = ResolveFieldSpecs(pc, specs);
  if (!fields.ok()) return pc.Defer(fields.status());
  s.fields = std::move(*fields);
  s.text.occur = occur;
  s.text.lenient = lenient.value_or(all_fields);
  if (!analyzer_name.empty()) {
    s.text.analyzer = pc.FindAnalyzer(analyzer_name);
    if (s.text.analyzer == nullptr) {
      return pc.Defer(
          pc.ShardError("[simple_query_string] analyzer [" + analyzer_name + "] not found"));
    }
  }
  if (s.fields.empty()) {
    return Finish(MatchNone("unmapped fields"), common.boost, common.name);
  }
  SqsBuilder builder(pc, std::move(s));
  auto q = ParseSimpleQuery(*text, flags, occur, &builder);
  if (!q.ok()) return pc.Defer(q.status());
  auto with_msm = ApplyMinimumShouldMatch(*q, msm);
  if (!with_msm.ok()) return pc.Defer(with_msm.status());
  return Finish(*with_msm, common.boost, common.name);
}

}  // namespace quiver::query::dsl
