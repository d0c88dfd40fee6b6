// Unicode character properties the tokenizers need, from ICU: the UAX#29
// Word_Break class plus the script/line-break/emoji facts Lucene's
// StandardTokenizer grammar uses, and Java's Character.isLetter/isDigit/
// isWhitespace predicates. BMP lookups use a table built once on first use;
// supplementary characters query ICU. Thread-safe.
#pragma once

#include <cstdint>

namespace quiver::analysis {

enum class WordBreak : uint8_t {
  kOther,
  kCR,
  kLF,
  kNewline,
  kExtend,
  kZWJ,
  kRegionalIndicator,
  kFormat,
  kKatakana,
  kHebrewLetter,
  kALetter,
  kSingleQuote,
  kDoubleQuote,
  kMidNumLet,
  kMidLetter,
  kMidNum,
  kNumeric,
  kExtendNumLet,
  kWSegSpace,
};

namespace char_flag {
inline constexpr uint16_t kHan = 1 << 0;             // Script=Han
inline constexpr uint16_t kHiragana = 1 << 1;        // Script=Hiragana
inline constexpr uint16_t kHangul = 1 << 2;          // Script=Hangul
inline constexpr uint16_t kComplexContext = 1 << 3;  // Line_Break=SA (Thai, Lao, ...)
inline constexpr uint16_t kEmojiChar = 1 << 4;       // Lucene's EmojiChar macro
inline constexpr uint16_t kEmojiModifier = 1 << 5;
inline constexpr uint16_t kEmojiModifierBase = 1 << 6;
inline constexpr uint16_t kLetter = 1 << 7;        // Java Character.isLetter (category L*)
inline constexpr uint16_t kDigit = 1 << 8;         // Java Character.isDigit (category Nd)
inline constexpr uint16_t kWhitespace = 1 << 9;    // Java Character.isWhitespace
inline constexpr uint16_t kPunctuation = 1 << 10;  // category P*
inline constexpr uint16_t kSymbol = 1 << 11;       // category S*
}  // namespace char_flag

struct CharProps {
  WordBreak wb;
  uint16_t flags;
  bool Has(uint16_t f) const { return (flags & f) != 0; }
};

CharProps GetCharProps(char32_t c);

// Extend, Format or ZWJ: absorbed after any character by UAX#29 rule WB4.
inline bool IsExtFmtZwj(WordBreak wb) {
  return wb == WordBreak::kExtend || wb == WordBreak::kFormat || wb == WordBreak::kZWJ;
}

inline bool IsJavaWhitespace(char32_t c) {
  if (c < 0x80) return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
  return GetCharProps(c).Has(char_flag::kWhitespace);
}
inline bool IsJavaLetter(char32_t c) {
  if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  return GetCharProps(c).Has(char_flag::kLetter);
}
inline bool IsJavaDigit(char32_t c) {
  if (c < 0x80) return c >= '0' && c <= '9';
  return GetCharProps(c).Has(char_flag::kDigit);
}

// Simple (1:1) case mappings, as Java's Character.toLowerCase/toUpperCase(int).
char32_t ToLowerCodePoint(char32_t c);
char32_t ToUpperCodePoint(char32_t c);

}  // namespace quiver::analysis
