// StandardTokenizer: Unicode text segmentation (UAX#29 word boundaries) with
// the token rules and types of Lucene's StandardTokenizer (its JFlex grammar
// StandardTokenizerImpl.jflex): <ALPHANUM>, <NUM>, <SOUTHEAST_ASIAN> (runs of
// Thai/Lao/Myanmar/Khmer kept whole), <IDEOGRAPHIC> and <HIRAGANA> (one
// character each), <KATAKANA>, <HANGUL>, <EMOJI> (emoji sequences). Text
// between matches (punctuation, spaces) is skipped. A token longer than
// max_token_length UTF-16 units is split at that length, as Lucene does.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "analysis/tokenizer.h"

namespace quiver::analysis {

inline constexpr int kDefaultMaxTokenLength = 255;

// One match of the StandardTokenizer grammar at a position.
struct StandardMatch {
  size_t length_bytes = 0;  // 0: no rule matches (skip one character)
  std::string_view type;
};

// Finds the longest grammar match starting at byte `pos` of `text`, limited to
// `max_units` UTF-16 units. Shared with the UAX29 URL/email tokenizer.
StandardMatch MatchStandardToken(std::string_view text, size_t pos, int max_units);

std::shared_ptr<const TokenizerFactory> NewStandardTokenizerFactory(
    std::string name, int max_token_length = kDefaultMaxTokenLength);

}  // namespace quiver::analysis
