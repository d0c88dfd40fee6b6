// Lucene RegExp syntax (the `regexp` query and /.../ in query_string)
// compiled to a deterministic automaton over Unicode code points, with
// Lucene's determinization limit (max_determinized_states); also wildcard
// patterns (`*`, `?`, `\` escapes). The parser validates patterns with it
// (syntax errors, "Determinizing automaton ... would result in more than N
// states"); executors can run the same automaton against term dictionaries.
//
// Syntax: | union, & intersection (INTERSECTION), ~ complement
// (COMPLEMENT), ? * + {n} {n,} {n,m}, [a-z] [^...] classes, . any char,
// # empty language (EMPTY), @ any string (ANYSTRING), <n-m> numeric
// interval (INTERVAL), "..." literal strings, ( ), \ escapes, \d \s \w and
// their negations.
//
// Immutable once compiled; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace quiver::query::dsl {

// Lucene RegExp flags.
inline constexpr int kRegexpIntersection = 0x0001;
inline constexpr int kRegexpComplement = 0x0002;
inline constexpr int kRegexpEmpty = 0x0004;
inline constexpr int kRegexpAnyString = 0x0008;
inline constexpr int kRegexpAutomaton = 0x0010;
inline constexpr int kRegexpInterval = 0x0020;
inline constexpr int kRegexpAll = 0xffff;
inline constexpr int kRegexpNone = 0;

class CodePointAutomaton {
 public:
  struct Transition {
    uint32_t min;  // inclusive code point range
    uint32_t max;
    int target;
  };
  struct State {
    bool accept = false;
    std::vector<Transition> transitions;  // sorted, disjoint
  };

  // Errors: illegal_argument_exception with Lucene's messages ("expected ')'
  // at position 5", ...), or too_complex_to_determinize_exception.
  static Result<CodePointAutomaton> CompileRegexp(std::string_view pattern, int flags,
                                                  bool case_insensitive,
                                                  int max_determinized_states);
  static Result<CodePointAutomaton> CompileWildcard(std::string_view pattern, bool case_insensitive,
                                                    int max_determinized_states);

  // Runs the automaton over UTF-8 text (invalid bytes read as U+FFFD).
  bool Matches(std::string_view utf8) const;

  const std::vector<State>& states() const { return states_; }  // state 0 is the start

 private:
  std::vector<State> states_;
};

// Compiles to check a regexp query the way ES does when it creates it.
Status ValidateRegexp(std::string_view pattern, int flags, int max_determinized_states);
// Whether `text` matches `pattern` (for constant fields such as _index).
Result<bool> RegexpMatches(std::string_view pattern, int flags, bool case_insensitive,
                           std::string_view text);

}  // namespace quiver::query::dsl
