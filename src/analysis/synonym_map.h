// SynonymMap: synonym rules parsed from Solr ("a, b => c", "a, b, c") or
// WordNet prolog format, with every side analyzed by the analysis chain in
// front of the synonym filter (Lucene SynonymMap + SolrSynonymParser, ES
// ESSolrSynonymParser for `lenient`). Multi-word entries are words joined by
// '\0'. Immutable and thread-safe once built.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "analysis/analyzer.h"
#include "analysis/token_filters.h"
#include "common/status.h"

namespace quiver::analysis {

inline constexpr char kSynonymWordSeparator = '\0';

class SynonymMap {
 public:
  struct Entry {
    std::vector<std::string> outputs;  // words joined by kSynonymWordSeparator
    bool keep_original = false;
  };

  // Errors are ES's: illegal_argument_exception "failed to build synonyms"
  // caused by "Invalid synonym rule at line N" caused by the rule problem.
  static Result<std::shared_ptr<const SynonymMap>> Build(const SynonymOptions& options,
                                                         const Analyzer& analyzer);

  // The entry for an input word sequence, or nullptr.
  const Entry* Find(std::string_view input) const;
  // True if some input starts with `prefix` (whole words).
  bool HasPrefix(std::string_view prefix) const { return prefixes_.count(std::string(prefix)) > 0; }
  int max_input_words() const { return max_input_words_; }
  bool empty() const { return entries_.empty(); }

 private:
  void Add(const std::string& input, const std::string& output, bool keep_original);

  std::unordered_map<std::string, Entry> entries_;
  std::unordered_set<std::string> prefixes_;
  int max_input_words_ = 0;
};

}  // namespace quiver::analysis
