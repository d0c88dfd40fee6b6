// CompiledAutomaton: a code point automaton (from a wildcard, regexp,
// fuzzy or case-insensitive term/prefix query) prepared for matching a
// field's terms (Lucene's CompiledAutomaton): classified as matching
// nothing, everything, or a single term (an exact lookup), or else
// converted to a deterministic UTF-8 byte automaton for
// AutomatonTermsEnum. Compile once per query and share it across segments
// and threads: it is immutable.
#pragma once

#include <memory>
#include <string>

#include "common/status.h"
#include "text/automaton.h"
#include "text/automaton_operations.h"
#include "text/byte_run_automaton.h"

namespace quiver::text {

class CompiledAutomaton {
 public:
  enum class Type : uint8_t { kNone, kAll, kSingle, kNormal };

  CompiledAutomaton() = default;
  // Fails with too_complex_to_determinize_exception beyond `work_limit`.
  static Result<CompiledAutomaton> Compile(const Automaton& code_points,
                                           int work_limit = kDefaultDeterminizeWorkLimit);
  // For an automaton known to be deterministic, free of dead states and
  // neither empty, total nor a single string (a Levenshtein automaton):
  // skips minimization and classification.
  static CompiledAutomaton CompileNormal(const Automaton& dfa);

  Type type() const { return type_; }
  // kSingle: the only term matched.
  const std::string& term() const { return term_; }
  // kNormal: the byte automaton, and whether it accepts finitely many terms.
  const ByteRunAutomaton& run() const { return *run_; }
  bool finite() const { return finite_; }

  // Whether the automaton accepts `term` (any type).
  bool Matches(std::string_view term) const;

 private:
  Type type_ = Type::kNone;
  std::string term_;
  std::shared_ptr<const ByteRunAutomaton> run_;
  bool finite_ = true;
};

}  // namespace quiver::text
