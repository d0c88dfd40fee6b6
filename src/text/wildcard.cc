#include "text/wildcard.h"

#include <vector>

namespace quiver::text {

namespace {

Automaton LiteralChar(int32_t c, bool case_insensitive) {
  int32_t alt = c;
  if (case_insensitive) {
    if (c >= 'a' && c <= 'z') alt = c - 'a' + 'A';
    if (c >= 'A' && c <= 'Z') alt = c - 'A' + 'a';
  }
  Automaton a = MakeChar(c);
  if (alt != c) a.AddTransition(0, 1, alt, alt);
  a.Normalize();
  return a;
}

Result<std::vector<int32_t>> Decode(std::string_view s, const char* what) {
  std::vector<int32_t> code_points;
  if (!DecodeUtf8(s, &code_points)) {
    return Status::InvalidArgument(std::string(what) + " is not valid UTF-8");
  }
  return code_points;
}

}  // namespace

Result<Automaton> WildcardToAutomaton(std::string_view pattern, bool case_insensitive) {
  QUIVER_ASSIGN_OR_RETURN(const std::vector<int32_t> cps, Decode(pattern, "wildcard"));
  std::vector<Automaton> parts;
  for (size_t i = 0; i < cps.size(); ++i) {
    const int32_t c = cps[i];
    if (c == '*') {
      parts.push_back(MakeAnyString());
    } else if (c == '?') {
      parts.push_back(MakeAnyChar());
    } else if (c == '\\' && i + 1 < cps.size()) {
      parts.push_back(LiteralChar(cps[++i], case_insensitive));
    } else {
      parts.push_back(LiteralChar(c, case_insensitive));
    }
  }
  return Concatenate(parts);
}

Result<CompiledAutomaton> CompileWildcard(std::string_view pattern, bool case_insensitive,
                                          int work_limit) {
  QUIVER_ASSIGN_OR_RETURN(const Automaton a, WildcardToAutomaton(pattern, case_insensitive));
  return CompiledAutomaton::Compile(a, work_limit);
}

Result<CompiledAutomaton> CompilePrefix(std::string_view prefix, bool case_insensitive) {
  QUIVER_ASSIGN_OR_RETURN(const std::vector<int32_t> cps, Decode(prefix, "prefix"));
  std::vector<Automaton> parts;
  for (int32_t c : cps) parts.push_back(LiteralChar(c, case_insensitive));
  parts.push_back(MakeAnyString());
  return CompiledAutomaton::Compile(Concatenate(parts), 0);
}

Result<CompiledAutomaton> CompileTerm(std::string_view term, bool case_insensitive) {
  QUIVER_ASSIGN_OR_RETURN(const std::vector<int32_t> cps, Decode(term, "term"));
  std::vector<Automaton> parts;
  for (int32_t c : cps) parts.push_back(LiteralChar(c, case_insensitive));
  return CompiledAutomaton::Compile(Concatenate(parts), 0);
}

}  // namespace quiver::text
