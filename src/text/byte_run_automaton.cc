#include "text/byte_run_automaton.h"

#include <algorithm>

namespace quiver::text {

ByteRunAutomaton::ByteRunAutomaton(Automaton dfa) : dfa_(std::move(dfa)) {
  std::array<bool, 257> starts{};
  starts[0] = true;
  for (int s = 0; s < dfa_.num_states(); ++s) {
    for (const Transition& t : dfa_.transitions(s)) {
      starts[std::clamp(t.min, 0, 256)] = true;
      starts[std::clamp(t.max + 1, 0, 256)] = true;
    }
  }
  int cls = -1;
  for (int b = 0; b < 256; ++b) {
    if (starts[b]) ++cls;
    class_of_[b] = static_cast<uint8_t>(cls);
  }
  num_classes_ = cls + 1;
  const int n = dfa_.num_states();
  table_.assign(static_cast<size_t>(n) * num_classes_, -1);
  accept_.resize(n);
  for (int s = 0; s < n; ++s) {
    accept_[s] = dfa_.accept(s) ? 1 : 0;
    for (const Transition& t : dfa_.transitions(s)) {
      for (int b = std::max(t.min, 0); b <= std::min(t.max, 255); ++b) {
        table_[static_cast<size_t>(s) * num_classes_ + class_of_[b]] = t.dest;
      }
    }
  }
}

bool ByteRunAutomaton::Run(std::string_view bytes) const {
  int state = 0;
  for (char c : bytes) {
    state = Step(state, static_cast<uint8_t>(c));
    if (state < 0) return false;
  }
  return IsAccept(state);
}

}  // namespace quiver::text
