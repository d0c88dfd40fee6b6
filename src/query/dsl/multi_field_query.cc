#include "query/dsl/multi_field_query.h"

#include <algorithm>

#include "query/dsl/field_queries.h"
#include "query/dsl/parse_context.h"

namespace quiver::query::dsl {

std::optional<MultiMatchType> MultiMatchTypeFromName(std::string_view name) {
  if (name == "best_fields" || name == "bestFields") return MultiMatchType::kBestFields;
  if (name == "most_fields" || name == "mostFields") return MultiMatchType::kMostFields;
  if (name == "cross_fields" || name == "crossFields") return MultiMatchType::kCrossFields;
  if (name == "phrase") return MultiMatchType::kPhrase;
  if (name == "phrase_prefix" || name == "phrasePrefix") return MultiMatchType::kPhrasePrefix;
  if (name == "bool_prefix" || name == "boolPrefix") return MultiMatchType::kBoolPrefix;
  return std::nullopt;
}

float DefaultTieBreaker(MultiMatchType type) {
  return type == MultiMatchType::kMostFields || type == MultiMatchType::kBoolPrefix ? 1.0f : 0.0f;
}

TextQueryType TextTypeOf(MultiMatchType type) {
  switch (type) {
    case MultiMatchType::kPhrase:
      return TextQueryType::kPhrase;
    case MultiMatchType::kPhrasePrefix:
      return TextQueryType::kPhrasePrefix;
    case MultiMatchType::kBoolPrefix:
      return TextQueryType::kBooleanPrefix;
    default:
      return TextQueryType::kBoolean;
  }
}

namespace {

struct WeightedField {
  FieldRef ref;
  float boost;
};

enum class BlendMode { kCrossFields, kCombinedFields };

// Blends each term over several fields (ES CrossFieldsQueryBuilder and
// CombinedFieldsBuilder).
class BlendedQueryBuilder : public TextQueryBuilder {
 public:
  BlendedQueryBuilder(const ParseContext& pc, std::vector<WeightedField> fields,
                      const TextQueryOptions& options, BlendMode mode, float tie_breaker)
      : TextQueryBuilder(pc, fields.front().ref, options),
        fields_(std::move(fields)),
        mode_(mode),
        tie_breaker_(tie_breaker) {}

 protected:
  Result<QueryPtr> NewTermQuery(const std::string& term) override { return Blend({term}); }
  Result<QueryPtr> NewSynonymQuery(const std::vector<std::string>& terms) override {
    return Blend(terms);
  }
  Result<QueryPtr> NewPrefixQuery(const std::string&) override {
    return IllegalArgumentError(Mode() + " don't support prefix");
  }
  Result<QueryPtr> NewPhrasePrefixQuery(const std::vector<std::vector<std::string>>&,
                                        const std::vector<int>&, int) override {
    return IllegalArgumentError(Mode() + " don't support phrase prefix");
  }
  Result<QueryPtr> NewPhraseQuery(const std::vector<std::vector<std::string>>& terms,
                                  const std::vector<int>& positions, int slop) override {
    std::vector<QueryPtr> per_field;
    for (const WeightedField& f : fields_) {
      TextQueryBuilder single(pc_, f.ref, options_);
      PhraseQuery p;
      if (!single.text_search().has_positions) {
        return IllegalArgumentError("field:[" + f.ref.name +
                                    "] was indexed without position data; cannot run PhraseQuery");
      }
      p.field = f.ref.name;
      p.terms = terms;
      p.positions = positions;
      p.slop = slop;
      per_field.push_back(Boost(MakeQuery(std::move(p)), f.boost));
    }
    if (mode_ == BlendMode::kCrossFields) return MakeDisMax(std::move(per_field), tie_breaker_);
    std::vector<Clause> clauses;
    for (auto& q : per_field) clauses.push_back({q, Occur::kShould});
    return MakeBool(clauses);
  }

 private:
  std::string Mode() const {
    return mode_ == BlendMode::kCrossFields ? "[multi_match] queries in [cross_fields] mode"
                                            : "[combined_fields] queries";
  }

  Result<QueryPtr> Blend(const std::vector<std::string>& terms) {
    CombinedFieldsQuery blended;
    std::vector<QueryPtr> others;
    for (const WeightedField& f : fields_) {
      for (const std::string& t : terms) {
        auto r = FieldTermQuery(pc_, f.ref, json::value(t));
        QueryPtr q;
        if (!r.ok()) {
          if (!options_.lenient) return r.status();
          q = LenientFieldQuery(f.ref.name, r.status());
        } else {
          q = *r;
        }
        const auto* term = std::get_if<TermQuery>(&q->node);
        if (term != nullptr && q->boost == 1.0f) {
          bool known = false;
          for (const auto& [name, boost] : blended.fields) known |= name == term->field;
          if (!known) blended.fields.emplace_back(term->field, f.boost);
          if (std::find(blended.terms.begin(), blended.terms.end(), term->term) ==
              blended.terms.end()) {
            blended.terms.push_back(term->term);
          }
        } else {
          others.push_back(IsMatchNone(q) ? q : Boost(q, f.boost));
        }
      }
    }
    if (!blended.terms.empty()) others.push_back(MakeQuery(std::move(blended)));
    if (others.size() == 1) return others[0];
    return MakeDisMax(std::move(others), tie_breaker_);
  }

  std::vector<WeightedField> fields_;
  BlendMode mode_;
  float tie_breaker_;
};

QueryPtr ZeroTerms(const std::optional<ZeroTermsQuery>& z) {
  return z ? ZeroTermsResult(*z) : QueryPtr();
}

QueryPtr UnmappedFields(const FieldWeights& fields) {
  std::string names;
  for (const auto& [name, w] : fields) names += (names.empty() ? "" : ", ") + name;
  return MatchNone("unmapped fields [" + names + "]");
}

}  // namespace

Result<QueryPtr> BuildMultiFieldQuery(const ParseContext& pc, MultiMatchType type,
                                      const FieldWeights& fields, std::string_view text,
                                      const MultiFieldOptions& options) {
  std::vector<WeightedField> mapped;
  for (const auto& [name, boost] : fields) {
    FieldRef ref = ResolveField(pc, name);
    if (ref.mapped()) mapped.push_back({std::move(ref), boost});
  }
  if (mapped.empty()) return UnmappedFields(fields);
  float tie_breaker = options.tie_breaker.value_or(DefaultTieBreaker(type));
  std::vector<QueryPtr> queries;
  if (type != MultiMatchType::kCrossFields) {
    for (const WeightedField& f : mapped) {
      TextQueryBuilder builder(pc, f.ref, options.text);
      QUIVER_ASSIGN_OR_RETURN(QueryPtr q, builder.Parse(TextTypeOf(type), text));
      if (q == nullptr) q = ZeroTerms(options.zero_terms);
      if (q == nullptr) continue;
      QUIVER_ASSIGN_OR_RETURN(q, ApplyMinimumShouldMatch(q, options.minimum_should_match));
      if (!IsMatchNone(q)) q = Boost(q, f.boost);
      queries.push_back(q);
    }
  } else {
    // Group fields by their search analyzer, in order of appearance.
    std::vector<std::pair<const analysis::Analyzer*, std::vector<WeightedField>>> groups;
    for (const WeightedField& f : mapped) {
      TextQueryBuilder probe(pc, f.ref, options.text);
      if (!probe.text_search().supported) {
        Status st = IllegalArgumentError("Field [" + f.ref.name + "] of type [" +
                                         f.ref.type_name() + "] does not support match queries");
        if (!options.text.lenient) return st;
        queries.push_back(LenientFieldQuery(f.ref.name, st));
        continue;
      }
      const analysis::Analyzer* a = probe.AnalyzerFor(TextQueryType::kBoolean);
      auto it =
          std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == a; });
      if (it == groups.end()) {
        groups.emplace_back(a, std::vector<WeightedField>{f});
      } else {
        it->second.push_back(f);
      }
    }
    for (auto& [analyzer, group] : groups) {
      QueryPtr q;
      if (group.size() == 1) {
        TextQueryBuilder builder(pc, group[0].ref, options.text);
        QUIVER_ASSIGN_OR_RETURN(q,
                                builder.BuildWithAnalyzer(TextQueryType::kBoolean, text, analyzer));
      } else {
        BlendedQueryBuilder builder(pc, group, options.text, BlendMode::kCrossFields, tie_breaker);
        QUIVER_ASSIGN_OR_RETURN(q,
                                builder.BuildWithAnalyzer(TextQueryType::kBoolean, text, analyzer));
      }
      if (q == nullptr) q = ZeroTerms(options.zero_terms);
      if (q == nullptr) continue;
      QUIVER_ASSIGN_OR_RETURN(q, ApplyMinimumShouldMatch(q, options.minimum_should_match));
      if (group.size() == 1) q = Boost(q, group[0].boost);
      queries.push_back(q);
    }
  }
  if (queries.empty()) return ZeroTerms(options.zero_terms);
  return MakeDisMax(std::move(queries), tie_breaker);
}

Result<QueryPtr> BuildCombinedFieldsQuery(const ParseContext& pc, const FieldWeights& fields,
                                          std::string_view text, const TextQueryOptions& options) {
  std::vector<WeightedField> mapped;
  for (const auto& [name, boost] : fields) {
    FieldRef ref = ResolveField(pc, name);
    if (ref.mapped()) mapped.push_back({std::move(ref), boost});
  }
  if (mapped.empty()) return UnmappedFields(fields);
  BlendedQueryBuilder builder(pc, mapped, options, BlendMode::kCombinedFields, 0.0f);
  return builder.BuildWithAnalyzer(TextQueryType::kBoolean, text,
                                   builder.AnalyzerFor(TextQueryType::kBoolean));
}

}  // namespace quiver::query::dsl
