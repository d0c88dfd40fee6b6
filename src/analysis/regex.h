// Regex: a compiled Java-style regular expression (java.util.regex syntax as
// ES settings use it) running on ICU's engine over UTF-8 text, with
// byte-offset results. Regex is immutable and shareable across threads;
// RegexMatcher is per-thread state.
//
// Java semantics kept: \w \d \s (and negations) are ASCII-only unless the
// UNICODE_CHARACTER_CLASS flag is given; flags are ES's "A|B" strings of Java
// flag names. Matching is bounded: each find() has a step budget (ICU time
// limit) and a heap-backed backtracking stack, so hostile patterns fail with
// an error instead of hanging or overflowing the stack.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"

namespace quiver::analysis {

class RegexMatcher;

class Regex {
 public:
  ~Regex();
  // `flags`: e.g. "CASE_INSENSITIVE|COMMENTS"; empty for none.
  static Result<std::shared_ptr<const Regex>> Compile(std::string_view pattern,
                                                      std::string_view flags = {});

  const std::string& pattern() const { return pattern_; }
  int group_count() const { return group_count_; }
  // Group number of a named group, or -1.
  int GroupNumber(std::string_view name) const;

  std::unique_ptr<RegexMatcher> NewMatcher() const;

 private:
  friend class RegexMatcher;
  Regex() = default;
  std::string pattern_;
  int group_count_ = 0;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

class RegexMatcher {
 public:
  ~RegexMatcher();
  // Starts matching `text` (must stay alive while matching) from offset 0.
  void Reset(std::string_view text);
  // Next match after the previous one (Java Matcher.find()). False at the end
  // or on error (then status() says why).
  bool Find();
  // Match anchored at byte `pos` (Java region + lookingAt()).
  bool LookingAt(size_t pos);
  // Whether the whole text matches (Java matches()).
  bool Matches();
  // Byte offsets of a group of the last match; -1 if the group did not take part.
  int64_t start(int group = 0) const;
  int64_t end(int group = 0) const;
  const Status& status() const { return status_; }

  // Appends the Java-style replacement template ($1, ${name}, \x escapes)
  // for the current match. Template errors are reported at Compile time by
  // ValidateReplacement.
  void AppendReplacement(std::string_view replacement, std::string* out) const;

 private:
  friend class Regex;
  explicit RegexMatcher(const Regex* regex);
  const Regex* regex_;
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string_view text_;
  Status status_;
};

// Checks a Java replacement template against a regex's groups.
Status ValidateReplacement(const Regex& regex, std::string_view replacement);

}  // namespace quiver::analysis
