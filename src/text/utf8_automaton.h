// Converts an automaton over Unicode code points into one over the bytes of
// their UTF-8 encodings (Lucene's UTF32ToUTF8), so that terms can be matched
// as stored, byte by byte. Each code point range of a transition becomes
// byte paths that share no lead bytes, split where the encodings' lengths
// and continuation-byte bounds change. The result may be nondeterministic
// (two ranges of one state can share a lead byte); determinize it.
#pragma once

#include "text/automaton.h"

namespace quiver::text {

Automaton ConvertToUtf8(const Automaton& code_point_automaton);

}  // namespace quiver::text
