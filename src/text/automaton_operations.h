// Operations on Automaton (Lucene's Operations and MinimizationOperations,
// after dk.brics.automaton). Construction operations (concatenation, union,
// repetition, intersection) may return nondeterministic automata;
// Determinize is the subset construction with Lucene 9's work limit, and
// Minimize is determinization plus Hopcroft's partition refinement
// (Hopcroft, "An n log n algorithm for minimizing states in a finite
// automaton", 1971).
#pragma once

#include <span>
#include <vector>

#include "common/status.h"
#include "text/automaton.h"

namespace quiver::text {

// Lucene's Operations.DEFAULT_DETERMINIZE_WORK_LIMIT, ES's default
// `max_determinized_states`.
inline constexpr int kDefaultDeterminizeWorkLimit = 10000;

Automaton Concatenate(std::span<const Automaton> automata);
Automaton Union(std::span<const Automaton> automata);
Automaton Optional(const Automaton& a);
// Kleene star.
Automaton Repeat(const Automaton& a);
// `min` or more repetitions.
Automaton Repeat(const Automaton& a, int min);
// Between `min` and `max` repetitions (empty when min > max).
Automaton Repeat(const Automaton& a, int min, int max);
Automaton Intersection(const Automaton& a, const Automaton& b);
// Strings over the labels not accepted by `a`.
Result<Automaton> Complement(const Automaton& a, int work_limit);

// Subset construction. Fails with too_complex_to_determinize_exception when
// it would process more than 10 × work_limit subset members (Lucene 9's
// effort measure, LUCENE-9981); work_limit <= 0 means no limit.
Result<Automaton> Determinize(const Automaton& a, int work_limit);
// The minimal deterministic automaton without dead states.
Result<Automaton> Minimize(const Automaton& a, int work_limit);
// Drops states that are unreachable or cannot reach an accepting state.
Automaton RemoveDeadStates(const Automaton& a);

bool IsEmpty(const Automaton& a);
// Accepts every string (checked structurally: use on minimal automata).
bool IsTotal(const Automaton& a);
// Accepts finitely many strings (use on automata without dead states).
bool IsFinite(const Automaton& a);
// If a deterministic automaton accepts exactly one string, stores it.
bool GetSingleton(const Automaton& a, std::vector<int32_t>* labels);

// The error Determinize reports, exposed for callers that check limits.
Status TooComplexToDeterminize(int work_limit);

}  // namespace quiver::text
