// Automaton: a finite automaton over integer labels — Unicode code points
// (0..0x10FFFF) while queries are compiled, bytes (0..255) once converted
// to UTF-8 for matching terms. Transitions carry label ranges; there are
// no epsilon transitions; state 0 is the initial state. Follows the model
// of Lucene's org.apache.lucene.util.automaton (after dk.brics.automaton,
// Møller): operations in automaton_operations.h, compilation for term
// matching in compiled_automaton.h. A plain value; not thread-safe to
// mutate.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace quiver::text {

inline constexpr int32_t kMaxCodePoint = 0x10ffff;
inline constexpr int32_t kMaxByte = 0xff;

struct Transition {
  int32_t min;
  int32_t max;
  int32_t dest;
  bool operator==(const Transition&) const = default;
};

class Automaton {
 public:
  // An automaton accepting nothing (one non-accepting state).
  explicit Automaton(int32_t max_label = kMaxCodePoint);

  int32_t max_label() const { return max_label_; }
  int num_states() const { return static_cast<int>(accept_.size()); }
  int num_transitions() const;
  bool accept(int state) const { return accept_[state] != 0; }
  std::span<const Transition> transitions(int state) const { return transitions_[state]; }

  int AddState(bool accept = false);
  void SetAccept(int state, bool accept) { accept_[state] = accept ? 1 : 0; }
  void AddTransition(int from, int to, int32_t min, int32_t max) {
    transitions_[from].push_back(Transition{min, max, to});
  }
  // Copies `other`'s states after this one's; returns the offset of its
  // state 0.
  int Append(const Automaton& other);
  // Gives `from` the outgoing transitions (and acceptance) of `to`.
  void AddEpsilon(int from, int to);

  // Sorts every state's transitions by (min, max, dest) and merges
  // adjacent or overlapping ranges with the same destination.
  void Normalize();
  // No state has two transitions with overlapping ranges.
  bool IsDeterministic() const;
  // Whether the automaton accepts `labels` (NFA simulation; for tests).
  bool Run(std::span<const int32_t> labels) const;

 private:
  int32_t max_label_;
  std::vector<uint8_t> accept_;
  std::vector<std::vector<Transition>> transitions_;
};

// Basic automata (Lucene's Automata).
Automaton MakeEmpty();
Automaton MakeEmptyString();
Automaton MakeAnyString();
Automaton MakeAnyChar();
Automaton MakeChar(int32_t c);
Automaton MakeCharRange(int32_t min, int32_t max);  // empty when min > max
Automaton MakeString(std::span<const int32_t> code_points);
// Decimal strings of the integers in [min, max]: of exactly `digits`
// digits (zero-padded) when digits > 0, else with any number of leading
// zeros (RegExp's <min-max>). Empty when min > max or max needs more than
// `digits` digits.
Automaton MakeDecimalInterval(uint32_t min, uint32_t max, int digits);

// UTF-8 helpers. DecodeUtf8 fails (false) on invalid UTF-8.
bool DecodeUtf8(std::string_view s, std::vector<int32_t>* code_points);
void AppendUtf8(int32_t code_point, std::string* out);

}  // namespace quiver::text
