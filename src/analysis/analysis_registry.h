// AnalysisRegistry: the analyzers and normalizers of one index (ES
// IndexAnalyzers), built from the index's `analysis` settings plus every
// pre-built analyzer, or the node-level registry used by _analyze without an
// index (Global()). Immutable after Build; safe to share across threads.
//
// Usage (indexing a text field):
//   auto registry = AnalysisRegistry::Build(&settings["analysis"], {});
//   auto analyzer = registry->FindAnalyzer(field_analyzer_name);  // or default_analyzer()
//   analyzer->Analyze(value, [&](const Token& t) { ... });
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "analysis/analysis_options.h"
#include "analysis/analyzer.h"
#include "analysis/builtin_components.h"
#include "common/json.h"
#include "common/status.h"

namespace quiver::analysis {

class AnalysisRegistry {
 public:
  // `analysis_settings`: the object under settings.index.analysis (nested or
  // with dotted keys); null or absent means no custom analysis. Errors are
  // ES's (mostly illegal_argument_exception, HTTP 400).
  static Result<std::shared_ptr<const AnalysisRegistry>> Build(const json::value* analysis_settings,
                                                               const AnalysisOptions& options = {});
  // The same, taking the settings by reference (json null: no custom analysis).
  static Result<std::shared_ptr<const AnalysisRegistry>> Build(const json::value& analysis_settings,
                                                               const AnalysisOptions& options) {
    return Build(&analysis_settings, options);
  }

  // The node-level registry: pre-built components, analyzers with a
  // position_increment_gap of 0 (as ES's global pre-built analyzers).
  static std::shared_ptr<const AnalysisRegistry> Global();

  bool is_global() const { return global_; }
  const AnalysisOptions& options() const { return options_; }

  // nullptr when unknown.
  std::shared_ptr<const Analyzer> FindAnalyzer(std::string_view name) const;
  std::shared_ptr<const Analyzer> FindNormalizer(std::string_view name) const;
  bool HasAnalyzer(std::string_view name) const { return FindAnalyzer(name) != nullptr; }
  bool HasNormalizer(std::string_view name) const { return FindNormalizer(name) != nullptr; }

  // analysis.analyzer.default (standard otherwise), default_search (falls
  // back to default) and default_search_quoted (falls back to default_search).
  const std::shared_ptr<const Analyzer>& default_analyzer() const { return default_; }
  const std::shared_ptr<const Analyzer>& default_search_analyzer() const { return default_search_; }
  const std::shared_ptr<const Analyzer>& default_search_quote_analyzer() const {
    return default_search_quoted_;
  }

  // An analyzer from _analyze's inline components. Each of tokenizer,
  // char_filters (array) and filters (array) holds names or definition
  // objects ({"type": "stop", ...}); null when absent. `normalizer` builds
  // the keyword-tokenizer chain ES uses when only filters are given, and
  // rejects filters that are not per-character.
  Result<std::shared_ptr<const Analyzer>> BuildCustomAnalyzer(const json::value* tokenizer,
                                                              const json::value* char_filters,
                                                              const json::value* filters,
                                                              bool normalizer) const;

 private:
  AnalysisRegistry() = default;

  enum class Kind { kCharFilter, kTokenizer, kFilter };
  Status BuildComponents(const json::object& analysis);
  Status BuildAnalyzers(const json::object& analysis);
  Status BuildNormalizers(const json::object& analysis);
  Result<std::shared_ptr<const Analyzer>> BuildCustom(const std::string& name,
                                                      const json::object& definition) const;
  Result<std::shared_ptr<const Analyzer>> BuildCustomNormalizer(
      const std::string& name, const json::object& definition) const;
  // Binds chain-aware filters (synonyms) to the stages in front of them.
  Result<Analyzer::Filters> BindFilters(const Analyzer::CharFilters& char_filters,
                                        const std::shared_ptr<const TokenizerFactory>& tokenizer,
                                        const Analyzer::Filters& filters) const;

  std::shared_ptr<const CharFilter> LookupCharFilter(std::string_view name) const;
  std::shared_ptr<const TokenizerFactory> LookupTokenizer(std::string_view name) const;
  std::shared_ptr<const TokenFilterFactory> LookupFilter(std::string_view name) const;

  bool global_ = false;
  AnalysisOptions options_;
  std::map<std::string, std::shared_ptr<const CharFilter>, std::less<>> char_filters_;
  std::map<std::string, std::shared_ptr<const TokenizerFactory>, std::less<>> tokenizers_;
  std::map<std::string, std::shared_ptr<const TokenFilterFactory>, std::less<>> filters_;
  std::map<std::string, std::shared_ptr<const Analyzer>, std::less<>> analyzers_;
  std::map<std::string, std::shared_ptr<const Analyzer>, std::less<>> normalizers_;
  std::shared_ptr<const Analyzer> default_;
  std::shared_ptr<const Analyzer> default_search_;
  std::shared_ptr<const Analyzer> default_search_quoted_;
};

}  // namespace quiver::analysis
