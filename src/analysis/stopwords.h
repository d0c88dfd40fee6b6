// Named stop word lists (ES's "_english_", "_french_", ...: Lucene's default
// stop sets per language) and resolution of a `stopwords` setting value.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/word_set.h"
#include "common/status.h"

namespace quiver::analysis {

struct StopWordList {
  std::string_view name;  // "_english_"
  std::span<const std::string_view> words;
};

// The lists compiled in (stopwords_data.cc).
const std::vector<StopWordList>& BuiltinStopWordLists();

// The words of a named list, or nullopt if `name` is not a known list.
std::optional<std::vector<std::string>> NamedStopWords(std::string_view name);

// Expands a `stopwords` list value as ES does: each entry that names a list
// ("_english_") contributes that list's words; other entries are words.
std::vector<std::string> ResolveStopWords(const std::vector<std::string>& entries);

// True if `name` names a compiled-in list.
bool IsStopWordListName(std::string_view name);

}  // namespace quiver::analysis
