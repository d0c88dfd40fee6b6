// Automata for Elasticsearch's wildcard, prefix and term queries.
// Wildcards follow Lucene's WildcardQuery.toAutomaton: `*` matches any
// string, `?` any single code point, `\` escapes the next code point (a
// trailing `\` is literal). With `case_insensitive` every literal ASCII
// letter also matches its other case, as ES's AutomatonQueries does (other
// characters are matched exactly).
#pragma once

#include <string_view>

#include "common/status.h"
#include "text/automaton.h"
#include "text/automaton_operations.h"
#include "text/compiled_automaton.h"

namespace quiver::text {

Result<Automaton> WildcardToAutomaton(std::string_view pattern, bool case_insensitive);
Result<CompiledAutomaton> CompileWildcard(std::string_view pattern, bool case_insensitive,
                                          int work_limit = kDefaultDeterminizeWorkLimit);

// Terms starting with `prefix`. (Without case_insensitive, PrefixTermsEnum
// is the direct way.)
Result<CompiledAutomaton> CompilePrefix(std::string_view prefix, bool case_insensitive);
// The term itself, or with case_insensitive its ASCII case variants.
Result<CompiledAutomaton> CompileTerm(std::string_view term, bool case_insensitive);

}  // namespace quiver::text
