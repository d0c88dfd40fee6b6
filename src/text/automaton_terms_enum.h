// AutomatonTermsEnum: the terms of a field accepted by a CompiledAutomaton
// (wildcard, regexp, fuzzy, case-insensitive term or prefix), in byte
// order. Follows Lucene's AutomatonTermsEnum: instead of testing every
// term, after a term it computes the smallest string the automaton could
// still accept (walking the DFA along the term, then taking the least
// outgoing transitions, backtracking on dead ends) and seeks there, so
// whole blocks of the term dictionary that cannot match are skipped. Where
// the DFA loops (e.g. after a `*`), seeking would not skip much, so terms
// below the loop's bound are tested one by one instead.
//
// FuzzyTermsEnum adds each matched term's edit distance. Not thread-safe;
// the reader and the compiled automaton must outlive the enum.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "text/compiled_automaton.h"
#include "text/filtered_terms_enum.h"
#include "text/levenshtein_automaton.h"

namespace quiver::text {

class AutomatonTermsEnum : public FilteredTermsEnum {
 public:
  AutomatonTermsEnum(const FieldIndexReader& reader, const CompiledAutomaton& automaton);
  bool Next() override;

  // Terms examined (accepted or not) so far; for tests and profiling.
  uint64_t terms_visited() const { return visited_terms_; }

 private:
  enum class Verdict { kYes, kYesAndSeek, kNo, kNoAndSeek };

  bool NextNormal();
  Verdict Accept(std::string_view term);
  bool NextSeekTerm(bool after_term);
  bool NextString();
  bool NextString(int state, size_t position);
  int64_t Backtrack(size_t position);
  void SetLinear(size_t position);
  bool RunAutomaton(std::string_view term);

  const CompiledAutomaton& automaton_;
  const ByteRunAutomaton* run_ = nullptr;
  bool started_ = false;
  bool done_ = false;
  bool do_seek_ = true;
  std::string seek_;
  std::vector<int> saved_states_;
  std::vector<uint32_t> visited_;
  uint32_t generation_ = 0;
  bool linear_ = false;
  std::string linear_upper_bound_;
  // DFA states along the last term run, to resume from a shared prefix.
  std::string last_run_;
  std::vector<int> run_states_;
  uint64_t visited_terms_ = 0;
};

class FuzzyTermsEnum final : public AutomatonTermsEnum {
 public:
  FuzzyTermsEnum(const FieldIndexReader& reader, const CompiledFuzzy& fuzzy)
      : AutomatonTermsEnum(reader, fuzzy.automaton()), fuzzy_(fuzzy) {}
  // Edit distance of the current term to the query term.
  int edit_distance() const { return fuzzy_.Distance(term()); }

 private:
  const CompiledFuzzy& fuzzy_;
};

}  // namespace quiver::text
