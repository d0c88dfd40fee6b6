#include "text/automaton_terms_enum.h"

#include <algorithm>
#include <cstring>

namespace quiver::text {

namespace {

int CompareBytes(std::string_view a, std::string_view b) {
  const size_t n = std::min(a.size(), b.size());
  const int c = n == 0 ? 0 : std::memcmp(a.data(), b.data(), n);
  if (c != 0) return c;
  return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
}

}  // namespace

AutomatonTermsEnum::AutomatonTermsEnum(const FieldIndexReader& reader,
                                       const CompiledAutomaton& automaton)
    : FilteredTermsEnum(reader), automaton_(automaton) {
  if (automaton_.type() == CompiledAutomaton::Type::kNormal) {
    run_ = &automaton_.run();
    visited_.assign(run_->num_states(), 0);
    run_states_.push_back(0);
  }
}

bool AutomatonTermsEnum::Next() {
  if (done_) return false;
  bool ok = false;
  switch (automaton_.type()) {
    case CompiledAutomaton::Type::kNone:
      break;
    case CompiledAutomaton::Type::kAll:
      ok = terms_.Next();
      visited_terms_ += ok;
      break;
    case CompiledAutomaton::Type::kSingle:
      ok = !started_ && terms_.SeekExact(automaton_.term());
      visited_terms_ += ok;
      break;
    case CompiledAutomaton::Type::kNormal:
      ok = NextNormal();
      break;
  }
  started_ = true;
  if (!ok) done_ = true;
  return ok;
}

bool AutomatonTermsEnum::NextNormal() {
  // Lucene's FilteredTermsEnum.next(): seek when told to, else step.
  while (true) {
    if (do_seek_) {
      do_seek_ = false;
      if (!NextSeekTerm(started_)) return false;
      if (terms_.SeekCeil(seek_) == TermsEnum::SeekStatus::kEnd) return false;
      // Seeking must move forward; only an unsorted (corrupt) dictionary
      // could make it loop.
      if (CompareBytes(terms_.term(), seek_) < 0) {
        status_ = Status::Corruption("terms: dictionary is not sorted");
        return false;
      }
    } else if (!terms_.Next()) {
      return false;
    }
    started_ = true;
    ++visited_terms_;
    switch (Accept(terms_.term())) {
      case Verdict::kYesAndSeek:
        do_seek_ = true;
        return true;
      case Verdict::kYes:
        return true;
      case Verdict::kNoAndSeek:
        do_seek_ = true;
        break;
      case Verdict::kNo:
        break;
    }
  }
}

bool AutomatonTermsEnum::RunAutomaton(std::string_view term) {
  // Resume from the states of the previous run's common prefix: sorted
  // enumeration makes neighbouring terms share long prefixes.
  size_t shared = 0;
  const size_t limit = std::min({term.size(), last_run_.size(), run_states_.size() - 1});
  while (shared < limit && term[shared] == last_run_[shared]) ++shared;
  last_run_.assign(term.substr(0, shared));
  run_states_.resize(shared + 1);
  int state = run_states_[shared];
  for (size_t i = shared; i < term.size(); ++i) {
    state = run_->Step(state, static_cast<uint8_t>(term[i]));
    if (state < 0) return false;
    last_run_.push_back(term[i]);
    run_states_.push_back(state);
  }
  return run_->IsAccept(state);
}

AutomatonTermsEnum::Verdict AutomatonTermsEnum::Accept(std::string_view term) {
  const bool below_bound = linear_ && CompareBytes(term, linear_upper_bound_) < 0;
  if (RunAutomaton(term)) return linear_ ? Verdict::kYes : Verdict::kYesAndSeek;
  return below_bound ? Verdict::kNo : Verdict::kNoAndSeek;
}

bool AutomatonTermsEnum::NextSeekTerm(bool after_term) {
  if (!after_term) {
    seek_.clear();
    if (run_->IsAccept(0)) return true;  // the empty term is a valid target
  } else {
    seek_.assign(terms_.term());
  }
  return NextString();
}

void AutomatonTermsEnum::SetLinear(size_t position) {
  int state = 0;
  for (size_t i = 0; i < position; ++i) state = run_->Step(state, static_cast<uint8_t>(seek_[i]));
  int max_interval = 0xff;
  const int c = static_cast<uint8_t>(seek_[position]);
  for (const Transition& t : run_->automaton().transitions(state)) {
    if (t.min <= c && c <= t.max) {
      max_interval = t.max;
      break;
    }
  }
  // Terms ending in 0xff bytes do not get the optimization.
  if (max_interval != 0xff) ++max_interval;
  linear_upper_bound_.assign(seek_, 0, position);
  linear_upper_bound_.push_back(static_cast<char>(max_interval));
  linear_ = true;
}

bool AutomatonTermsEnum::NextString() {
  size_t pos = 0;
  saved_states_.assign(seek_.size() + 1, 0);
  while (true) {
    if (++generation_ == 0) {
      std::fill(visited_.begin(), visited_.end(), 0);
      generation_ = 1;
    }
    linear_ = false;
    int state = saved_states_[pos];
    // Walk the automaton until a byte is rejected.
    for (; pos < seek_.size(); ++pos) {
      visited_[state] = generation_;
      const int next = run_->Step(state, static_cast<uint8_t>(seek_[pos]));
      if (next < 0) break;
      saved_states_[pos + 1] = next;
      if (!automaton_.finite() && !linear_ && visited_[next] == generation_) SetLinear(pos);
      state = next;
    }
    // Extend the useful portion with the least bytes the automaton allows.
    if (NextString(state, pos)) return true;
    const int64_t back = Backtrack(pos);
    if (back < 0) return false;  // no more solutions at all
    pos = static_cast<size_t>(back);
    const int next = run_->Step(saved_states_[pos], static_cast<uint8_t>(seek_[pos]));
    if (next >= 0 && run_->IsAccept(next)) return true;
    // Loop detection needs a walk from the start for infinite automata.
    if (!automaton_.finite()) pos = 0;
  }
}

bool AutomatonTermsEnum::NextString(int state, size_t position) {
  // The next byte must exceed the existing one at `position`, if any.
  int c = 0;
  if (position < seek_.size()) {
    c = static_cast<uint8_t>(seek_[position]);
    // 0xff cannot be exceeded: this path is dead.
    if (c++ == 0xff) return false;
  }
  seek_.resize(position);
  visited_[state] = generation_;
  for (const Transition& t : run_->automaton().transitions(state)) {
    if (t.max < c) continue;
    seek_.push_back(static_cast<char>(std::max(c, t.min)));
    state = t.dest;
    // Follow the least transitions until a loop or an accept state: the
    // automaton has no dead states, so a non-accepting state has one.
    while (visited_[state] != generation_ && !run_->IsAccept(state)) {
      visited_[state] = generation_;
      const Transition& first = run_->automaton().transitions(state)[0];
      state = first.dest;
      seek_.push_back(static_cast<char>(first.min));
      if (!automaton_.finite() && !linear_ && visited_[state] == generation_) {
        SetLinear(seek_.size() - 1);
      }
    }
    return true;
  }
  return false;
}

int64_t AutomatonTermsEnum::Backtrack(size_t position) {
  while (position-- > 0) {
    int next = static_cast<uint8_t>(seek_[position]);
    // 0xff is a dead end too: no byte sorts above it.
    if (next++ != 0xff) {
      seek_[position] = static_cast<char>(next);
      seek_.resize(position + 1);
      return static_cast<int64_t>(position);
    }
  }
  return -1;
}

}  // namespace quiver::text
