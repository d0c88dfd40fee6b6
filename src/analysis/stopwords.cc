#include "analysis/stopwords.h"

namespace quiver::analysis {

std::optional<std::vector<std::string>> NamedStopWords(std::string_view name) {
  for (const StopWordList& list : BuiltinStopWordLists()) {
    if (list.name == name) return std::vector<std::string>(list.words.begin(), list.words.end());
  }
  return std::nullopt;
}

bool IsStopWordListName(std::string_view name) {
  for (const StopWordList& list : BuiltinStopWordLists()) {
    if (list.name == name) return true;
  }
  return false;
}

std::vector<std::string> ResolveStopWords(const std::vector<std::string>& entries) {
  std::vector<std::string> out;
  for (const std::string& e : entries) {
    if (auto named = NamedStopWords(e)) {
      out.insert(out.end(), named->begin(), named->end());
    } else {
      out.push_back(e);
    }
  }
  return out;
}

}  // namespace quiver::analysis
