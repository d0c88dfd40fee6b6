// Levenshtein automata for fuzzy queries: a DFA over code points accepting
// every string within `max_edits` insertions, deletions and substitutions
// (and, with `transpositions`, swaps of adjacent characters: the restricted
// Damerau-Levenshtein / optimal string alignment distance Lucene's
// FuzzyQuery uses) of a word — the language of Lucene's
// LevenshteinAutomata (Schulz & Mihov, "Fast string correction with
// Levenshtein automata", IJDAR 2002). States are built directly from the
// dynamic-programming rows of the distance, restricted to the diagonal band
// of width 2·max_edits + 1 where they can stay within the bound (Ukkonen's
// cut-off), with the characters of the word plus "any other" as alphabet.
//
// CompiledFuzzy adds Lucene's FuzzyQuery rules — a `prefix_length` of
// code points that must match exactly, max_edits 0 meaning an exact term —
// and the exact distance of a matched term for scoring. Immutable and
// thread-safe once compiled.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "text/automaton.h"
#include "text/compiled_automaton.h"

namespace quiver::text {

// Lucene's LevenshteinAutomata.MAXIMUM_SUPPORTED_DISTANCE.
inline constexpr int kMaxFuzzyEdits = 2;
// Longest fuzzy query term accepted, in code points.
inline constexpr size_t kMaxFuzzyTermLength = 32766;

Automaton LevenshteinAutomaton(std::span<const int32_t> word, int max_edits, bool transpositions);

// Edit distance between code point strings (Levenshtein, or optimal string
// alignment with transpositions).
int EditDistance(std::span<const int32_t> a, std::span<const int32_t> b, bool transpositions);

struct FuzzyOptions {
  int max_edits = 2;           // 0..2; ES `fuzziness` (AUTO is resolved by the caller)
  int prefix_length = 0;       // code points that must match exactly (ES `prefix_length`)
  bool transpositions = true;  // ES `fuzzy_transpositions`
};

class CompiledFuzzy {
 public:
  CompiledFuzzy() = default;
  // kInvalidArgument for max_edits outside 0..2, a negative prefix length
  // or a term that is not valid UTF-8.
  static Result<CompiledFuzzy> Compile(std::string_view term, const FuzzyOptions& options);

  const CompiledAutomaton& automaton() const { return automaton_; }
  const FuzzyOptions& options() const { return options_; }
  // Code points of the query term.
  std::span<const int32_t> term() const { return term_; }
  // Distance of a matching term to the query term; -1 if it is not valid
  // UTF-8.
  int Distance(std::string_view candidate) const;

 private:
  CompiledAutomaton automaton_;
  FuzzyOptions options_;
  std::vector<int32_t> term_;
};

}  // namespace quiver::text
