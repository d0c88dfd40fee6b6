// WordSet: an immutable set of terms (Lucene CharArraySet), optionally
// case-insensitive (terms are compared lowercased code point by code point,
// as Character.toLowerCase does). Thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace quiver::analysis {

class WordSet {
 public:
  WordSet(const std::vector<std::string>& words, bool ignore_case);

  bool Contains(std::string_view term) const;
  bool ignore_case() const { return ignore_case_; }
  size_t size() const { return words_.size(); }
  bool empty() const { return words_.empty(); }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  std::unordered_set<std::string, Hash, std::equal_to<>> words_;
  bool ignore_case_;
};

// Lowercases UTF-8 code point by code point (Java Character.toLowerCase).
void LowercaseUtf8(std::string_view in, std::string* out);

}  // namespace quiver::analysis
