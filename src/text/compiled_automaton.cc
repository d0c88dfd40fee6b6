#include "text/compiled_automaton.h"

#include "text/utf8_automaton.h"

namespace quiver::text {

Result<CompiledAutomaton> CompiledAutomaton::Compile(const Automaton& code_points, int work_limit) {
  CompiledAutomaton c;
  QUIVER_ASSIGN_OR_RETURN(const Automaton minimal, Minimize(code_points, work_limit));
  if (IsEmpty(minimal)) {
    c.type_ = Type::kNone;
    return c;
  }
  if (IsTotal(minimal)) {
    c.type_ = Type::kAll;
    return c;
  }
  std::vector<int32_t> single;
  if (GetSingleton(minimal, &single)) {
    c.type_ = Type::kSingle;
    for (int32_t cp : single) AppendUtf8(cp, &c.term_);
    return c;
  }
  QUIVER_ASSIGN_OR_RETURN(Automaton bytes, Determinize(ConvertToUtf8(minimal), work_limit));
  bytes = RemoveDeadStates(bytes);
  c.type_ = Type::kNormal;
  c.finite_ = IsFinite(bytes);
  c.run_ = std::make_shared<const ByteRunAutomaton>(std::move(bytes));
  return c;
}

CompiledAutomaton CompiledAutomaton::CompileNormal(const Automaton& dfa) {
  CompiledAutomaton c;
  // Determinization cannot fail without a work limit.
  Automaton bytes = RemoveDeadStates(*Determinize(ConvertToUtf8(dfa), 0));
  c.type_ = Type::kNormal;
  c.finite_ = IsFinite(bytes);
  c.run_ = std::make_shared<const ByteRunAutomaton>(std::move(bytes));
  return c;
}

bool CompiledAutomaton::Matches(std::string_view term) const {
  switch (type_) {
    case Type::kNone:
      return false;
    case Type::kAll:
      return true;
    case Type::kSingle:
      return term == term_;
    case Type::kNormal:
      return run_->Run(term);
  }
  return false;
}

}  // namespace quiver::text
