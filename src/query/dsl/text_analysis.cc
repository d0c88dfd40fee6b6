#include "query/dsl/text_analysis.h"

#include "analysis/builtin_components.h"
#include "query/dsl/parse_context.h"
#include "schema/field_type.h"

namespace quiver::query::dsl {

using analysis::Analyzer;
using schema::FieldType;

namespace {

std::shared_ptr<const Analyzer> AnalyzerOrDefault(const ParseContext& pc, const std::string& name,
                                                  const std::shared_ptr<const Analyzer>& dflt) {
  if (name.empty() || name == "default") return dflt;
  auto a = pc.analysis().FindAnalyzer(name);
  return a != nullptr ? a : dflt;
}

bool Explicit(const schema::FieldMapper& f, const char* param) {
  return f.params().contains(param);
}

}  // namespace

FieldTextSearch TextSearchInfo(const ParseContext& pc, const FieldRef& field) {
  FieldTextSearch info;
  if (!field.mapped()) return info;
  if (field.meta != MetaField::kNone) {
    info.supported = true;
    return info;
  }
  const schema::FieldMapper& f = *field.mapper;
  const auto& registry = pc.analysis();
  switch (f.type()) {
    case FieldType::kText:
    case FieldType::kMatchOnlyText: {
      info.supported = true;
      info.tokenized = true;
      info.has_positions = f.type() == FieldType::kMatchOnlyText ||
                           f.text().index_options >= schema::IndexOptions::kPositions;
      const auto& t = f.text();
      // ES TextParams: search_analyzer defaults to the analyzer when that is
      // set, else to the index's default_search; search_quote_analyzer to
      // search_analyzer, else analyzer, else default_search_quoted.
      if (Explicit(f, "search_analyzer")) {
        info.search_analyzer =
            AnalyzerOrDefault(pc, t.search_analyzer, registry.default_analyzer());
      } else if (Explicit(f, "analyzer")) {
        info.search_analyzer = AnalyzerOrDefault(pc, t.analyzer, registry.default_analyzer());
      } else {
        info.search_analyzer = registry.default_search_analyzer();
      }
      if (Explicit(f, "search_quote_analyzer")) {
        info.search_quote_analyzer =
            AnalyzerOrDefault(pc, t.search_quote_analyzer, info.search_analyzer);
      } else if (Explicit(f, "search_analyzer") || Explicit(f, "analyzer")) {
        info.search_quote_analyzer = info.search_analyzer;
      } else {
        info.search_quote_analyzer = registry.default_search_quote_analyzer();
      }
      return info;
    }
    case FieldType::kKeyword:
    case FieldType::kConstantKeyword:
    case FieldType::kWildcard:
    case FieldType::kFlattened: {
      info.supported = true;
      const auto& k = f.keyword();
      std::shared_ptr<const Analyzer> normalizer;
      if (!k.normalizer.empty()) normalizer = registry.FindNormalizer(k.normalizer);
      if (k.split_queries_on_whitespace) {
        auto ws = analysis::BuiltinTokenizer("whitespace");
        Analyzer::CharFilters cf;
        Analyzer::Filters filters;
        if (normalizer != nullptr) {
          cf = normalizer->char_filters();
          filters = normalizer->filters();
        }
        info.search_analyzer =
            Analyzer::Create("whitespace_" + k.normalizer, std::move(cf), ws, std::move(filters));
      } else {
        info.search_analyzer = normalizer;
      }
      info.search_quote_analyzer = info.search_analyzer;
      return info;
    }
    case FieldType::kDenseVector:
    case FieldType::kVector:
    case FieldType::kBinary:
    case FieldType::kAlias:
    case FieldType::kGeoPoint:
      return info;
    default:
      info.supported = true;  // numbers, dates, booleans, ips: one term
      return info;
  }
}

Result<AnalyzedText> AnalyzeText(const Analyzer& analyzer, std::string_view text) {
  AnalyzedText out;
  analysis::PipelineLease pipeline(&analyzer);
  QUIVER_RETURN_IF_ERROR(pipeline->Reset(text));
  while (const analysis::Token* t = pipeline->Next()) {
    AnalyzedToken a;
    a.term = t->term;
    a.position_increment = t->position_increment;
    a.position_length = t->position_length < 1 ? 1 : t->position_length;
    a.end_offset = t->end_offset;
    a.shingle = t->type == analysis::token_type::kShingle;
    out.tokens.push_back(std::move(a));
  }
  QUIVER_RETURN_IF_ERROR(pipeline->status());
  analysis::EndState end = pipeline->End();
  out.final_offset = end.final_offset;
  return out;
}

std::string NormalizeText(const Analyzer& analyzer, std::string_view text) {
  if (analyzer.options().normalizer) return analyzer.Normalize(text);
  Analyzer::CharFilters char_filters;
  for (const auto& c : analyzer.char_filters()) {
    if (c->normalizing()) char_filters.push_back(c);
  }
  Analyzer::Filters filters;
  for (const auto& f : analyzer.filters()) {
    if (f->normalizing()) filters.push_back(f);
  }
  if (char_filters.empty() && filters.empty()) return std::string(text);
  auto normalizer = Analyzer::Create(analyzer.name() + "_normalizer", std::move(char_filters),
                                     analysis::BuiltinTokenizer("keyword"), std::move(filters));
  // A private pipeline: this transient analyzer must not occupy the
  // per-thread pipeline cache.
  auto pipeline = normalizer->NewPipeline();
  if (!pipeline->Reset(text).ok()) return std::string(text);
  const analysis::Token* t = pipeline->Next();
  return t != nullptr ? t->term : std::string(text);
}

std::string NormalizeKeyword(const ParseContext& pc, const schema::FieldMapper& field,
                             std::string_view text) {
  const std::string& name = field.keyword().normalizer;
  if (name.empty()) return std::string(text);
  auto normalizer = pc.analysis().FindNormalizer(name);
  if (normalizer == nullptr) return std::string(text);
  return normalizer->Normalize(text);
}

}  // namespace quiver::query::dsl
