// Token: one term produced by analysis, with the attributes Lucene attaches
// to it (position increment and length, offsets, type, keyword flag).
//
// Offsets are byte offsets into the caller's original text (before char
// filters), end exclusive. Lucene reports UTF-16 code-unit offsets; use
// Utf16OffsetMapper (utf8.h) to convert, as the _analyze API does.
//
// Token owns its term buffer. Streams overwrite tokens in place so a reused
// Token keeps its capacity: no allocation per token in steady state.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace quiver::analysis {

// Token types as Lucene names them. Types are string_views into static
// storage; components compare and copy them freely.
namespace token_type {
inline constexpr std::string_view kWord = "word";
inline constexpr std::string_view kAlphanum = "<ALPHANUM>";
inline constexpr std::string_view kNum = "<NUM>";
inline constexpr std::string_view kSoutheastAsian = "<SOUTHEAST_ASIAN>";
inline constexpr std::string_view kIdeographic = "<IDEOGRAPHIC>";
inline constexpr std::string_view kHiragana = "<HIRAGANA>";
inline constexpr std::string_view kKatakana = "<KATAKANA>";
inline constexpr std::string_view kHangul = "<HANGUL>";
inline constexpr std::string_view kEmoji = "<EMOJI>";
// ClassicTokenizer and UAX29URLEmailTokenizer.
inline constexpr std::string_view kApostrophe = "<APOSTROPHE>";
inline constexpr std::string_view kAcronym = "<ACRONYM>";
inline constexpr std::string_view kCompany = "<COMPANY>";
inline constexpr std::string_view kEmail = "<EMAIL>";
inline constexpr std::string_view kHost = "<HOST>";
inline constexpr std::string_view kCj = "<CJ>";
inline constexpr std::string_view kUrl = "<URL>";
// Filters.
inline constexpr std::string_view kSynonym = "SYNONYM";
inline constexpr std::string_view kShingle = "shingle";
inline constexpr std::string_view kFingerprint = "fingerprint";
inline constexpr std::string_view kDouble = "<DOUBLE>";
inline constexpr std::string_view kSingle = "<SINGLE>";
}  // namespace token_type

struct Token {
  std::string term;  // UTF-8
  int32_t position_increment = 1;
  int32_t position_length = 1;
  int32_t start_offset = 0;  // bytes into the original text
  int32_t end_offset = 0;
  std::string_view type = token_type::kWord;
  bool keyword = false;  // KeywordAttribute: protected from stemming
  // Absolute position, filled in by TokenPipeline (first token: increment - 1).
  int32_t position = -1;

  // Resets every attribute except the term capacity.
  void Clear() {
    term.clear();
    position_increment = 1;
    position_length = 1;
    start_offset = 0;
    end_offset = 0;
    type = token_type::kWord;
    keyword = false;
  }
};

// What a stream reports after its last token (Lucene's end()).
struct EndState {
  int32_t position_increment = 0;  // positions skipped after the last token
  int32_t final_offset = 0;        // end of the input, in original-text bytes
};

}  // namespace quiver::analysis
