// Lucene's regular expression syntax (org.apache.lucene.util.automaton.
// RegExp, as Elasticsearch's `regexp` query uses it) compiled into a code
// point automaton. The grammar, the optional operators enabled by flags
// (`&` intersection, `~` complement, `#` empty language, `@` any string,
// `<n-m>` numeric intervals, `<name>` named automata), the predefined
// classes (\d \D \s \S \w \W), ASCII-only case insensitivity, and where
// minimization (and hence the determinization work limit) applies all
// follow Lucene 9's RegExp.toAutomaton. Patterns always match whole terms.
#pragma once

#include <string_view>

#include "common/status.h"
#include "text/automaton.h"
#include "text/automaton_operations.h"
#include "text/compiled_automaton.h"

namespace quiver::text {

// Syntax flags (Lucene RegExp constants; ES `flags`).
enum RegexpFlag : int {
  kRegexpNone = 0,
  kRegexpIntersection = 0x01,  // &
  kRegexpComplement = 0x02,    // ~
  kRegexpEmpty = 0x04,         // #
  kRegexpAnyString = 0x08,     // @
  kRegexpAutomaton = 0x10,     // <name> (no automata are registered: always an error)
  kRegexpInterval = 0x20,      // <n-m>
  kRegexpAll = 0xff,
};

struct RegexpOptions {
  int flags = kRegexpAll;
  bool case_insensitive = false;  // ES `case_insensitive`: ASCII letters only
  int max_determinized_states = kDefaultDeterminizeWorkLimit;
};

// Parses ES's `flags` string ("ALL", "INTERSECTION|COMPLEMENT", ...; empty
// means ALL). kInvalidArgument on an unknown flag.
Result<int> ParseRegexpFlags(std::string_view flags);

// kInvalidArgument on a syntax error; too_complex_to_determinize_exception
// beyond the work limit.
Result<Automaton> RegexpToAutomaton(std::string_view pattern, const RegexpOptions& options);
Result<CompiledAutomaton> CompileRegexp(std::string_view pattern, const RegexpOptions& options);

}  // namespace quiver::text
