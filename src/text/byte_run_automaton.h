// ByteRunAutomaton: a deterministic automaton over bytes compiled into a
// transition table for matching terms (Lucene's ByteRunAutomaton): bytes
// are mapped to equivalence classes (the byte ranges no transition
// splits), so the table is num_states × num_classes. The automaton itself
// (sorted transitions, no dead states) is kept for AutomatonTermsEnum's
// "next possible term" computation. Immutable and thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "text/automaton.h"

namespace quiver::text {

class ByteRunAutomaton {
 public:
  ByteRunAutomaton() = default;
  // `dfa`: deterministic, byte labels, without dead states.
  explicit ByteRunAutomaton(Automaton dfa);

  // Next state, or -1 (dead).
  int Step(int state, uint8_t byte) const {
    return table_[static_cast<size_t>(state) * num_classes_ + class_of_[byte]];
  }
  bool IsAccept(int state) const { return accept_[state] != 0; }
  bool Run(std::string_view bytes) const;
  int num_states() const { return static_cast<int>(accept_.size()); }
  const Automaton& automaton() const { return dfa_; }

 private:
  Automaton dfa_{kMaxByte};
  std::array<uint8_t, 256> class_of_{};
  int num_classes_ = 1;
  std::vector<int32_t> table_;
  std::vector<uint8_t> accept_;
};

}  // namespace quiver::text
