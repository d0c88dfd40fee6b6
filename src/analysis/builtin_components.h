// The component types Elasticsearch knows, built from their JSON settings
// with ES's parameter names, defaults and errors, and the pre-configured
// instances usable by bare name ("lowercase", "stop", "standard", ...).
// All functions are thread-safe; returned objects are immutable.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analysis_options.h"
#include "analysis/analysis_settings.h"
#include "analysis/analyzer.h"
#include "analysis/char_filter.h"
#include "analysis/token_filter.h"
#include "analysis/tokenizer.h"
#include "common/status.h"

namespace quiver::analysis {

template <typename T>
struct ComponentType {
  std::string_view type;
  Result<std::shared_ptr<const T>> (*build)(const std::string& name, const Settings& settings,
                                            const AnalysisOptions& options);
  // ES "requiresAnalysisSettings": not usable by bare name.
  bool requires_settings = false;
};

// Lookups by `type` (nullptr when unknown).
const ComponentType<CharFilter>* FindCharFilterType(std::string_view type);
const ComponentType<TokenizerFactory>* FindTokenizerType(std::string_view type);
const ComponentType<TokenFilterFactory>* FindTokenFilterType(std::string_view type);

// Pre-configured components by name (nullptr when there is none).
std::shared_ptr<const CharFilter> BuiltinCharFilter(std::string_view name);
std::shared_ptr<const TokenizerFactory> BuiltinTokenizer(std::string_view name);
std::shared_ptr<const TokenFilterFactory> BuiltinTokenFilter(std::string_view name);

// Analyzer types other than "custom" (standard, simple, english, ...).
// `name` becomes the analyzer's name; `options` carries the gaps.
Result<std::shared_ptr<const Analyzer>> BuildAnalyzerOfType(std::string_view type,
                                                            const std::string& name,
                                                            const Settings& settings,
                                                            AnalyzerOptions analyzer_options);
bool IsAnalyzerType(std::string_view type);
// Names of the pre-built analyzers (every analyzer type usable by name).
const std::vector<std::string_view>& BuiltinAnalyzerNames();

// Word-list settings as ES's Analysis.parseWords: a list (named lists like
// "_english_" expand), "_none_", or absent (nullopt). `<key>_path` is rejected.
Result<std::optional<std::vector<std::string>>> ParseWordList(const Settings& settings,
                                                              std::string_view key,
                                                              bool resolve_named_lists);

}  // namespace quiver::analysis
