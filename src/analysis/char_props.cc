#include "analysis/char_props.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <memory>

namespace quiver::analysis {
namespace {

WordBreak MapWordBreak(int32_t v, char32_t c) {
  switch (v) {
    case U_WB_CR:
      return WordBreak::kCR;
    case U_WB_LF:
      return WordBreak::kLF;
    case U_WB_NEWLINE:
      return WordBreak::kNewline;
    case U_WB_EXTEND:
      return WordBreak::kExtend;
    case U_WB_ZWJ:
      return WordBreak::kZWJ;
    case U_WB_REGIONAL_INDICATOR:
      return WordBreak::kRegionalIndicator;
    case U_WB_FORMAT:
      return WordBreak::kFormat;
    case U_WB_KATAKANA:
      return WordBreak::kKatakana;
    case U_WB_HEBREW_LETTER:
      return WordBreak::kHebrewLetter;
    case U_WB_ALETTER:
      return WordBreak::kALetter;
    case U_WB_SINGLE_QUOTE:
      return WordBreak::kSingleQuote;
    case U_WB_DOUBLE_QUOTE:
      return WordBreak::kDoubleQuote;
    case U_WB_MIDNUMLET:
      return WordBreak::kMidNumLet;
    case U_WB_MIDLETTER:
      return WordBreak::kMidLetter;
    case U_WB_MIDNUM:
      return WordBreak::kMidNum;
    case U_WB_NUMERIC:
      return WordBreak::kNumeric;
    case U_WB_EXTENDNUMLET:
      return WordBreak::kExtendNumLet;
    case U_WB_WSEGSPACE:
      return WordBreak::kWSegSpace;
    case U_WB_E_MODIFIER:
      return WordBreak::kExtend;
    default:
      break;
  }
  // Lucene's NumericEx also admits decimal digits of the Halfwidth and
  // Fullwidth Forms block (U+FF10..U+FF19).
  if (c >= 0xFF10 && c <= 0xFF19) return WordBreak::kNumeric;
  return WordBreak::kOther;
}

CharProps ComputeProps(char32_t c) {
  const UChar32 uc = static_cast<UChar32>(c);
  CharProps p{MapWordBreak(u_getIntPropertyValue(uc, UCHAR_WORD_BREAK), c), 0};
  UErrorCode err = U_ZERO_ERROR;
  UScriptCode script = uscript_getScript(uc, &err);
  if (U_SUCCESS(err)) {
    if (script == USCRIPT_HAN) p.flags |= char_flag::kHan;
    if (script == USCRIPT_HIRAGANA) p.flags |= char_flag::kHiragana;
    if (script == USCRIPT_HANGUL) p.flags |= char_flag::kHangul;
  }
  if (u_getIntPropertyValue(uc, UCHAR_LINE_BREAK) == U_LB_COMPLEX_CONTEXT) {
    p.flags |= char_flag::kComplexContext;
  }
  const bool modifier = u_hasBinaryProperty(uc, UCHAR_EMOJI_MODIFIER);
  if (modifier) p.flags |= char_flag::kEmojiModifier;
  if (u_hasBinaryProperty(uc, UCHAR_EMOJI_MODIFIER_BASE)) p.flags |= char_flag::kEmojiModifierBase;
  // EmojiChar = Extended_Pictographic | (Emoji - [Regional_Indicator, [0-9#*],
  // [©®™〰〽], Emoji_Modifier]) (Lucene StandardTokenizerImpl.jflex).
  const bool rkam = p.wb == WordBreak::kRegionalIndicator || (c >= '0' && c <= '9') || c == '#' ||
                    c == '*' || c == 0xA9 || c == 0xAE || c == 0x2122 || c == 0x3030 ||
                    c == 0x303D || modifier;
  if (u_hasBinaryProperty(uc, UCHAR_EXTENDED_PICTOGRAPHIC) ||
      (u_hasBinaryProperty(uc, UCHAR_EMOJI) && !rkam)) {
    p.flags |= char_flag::kEmojiChar;
  }
  const int8_t type = u_charType(uc);
  switch (type) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
      p.flags |= char_flag::kLetter;
      break;
    case U_DECIMAL_DIGIT_NUMBER:
      p.flags |= char_flag::kDigit;
      break;
    case U_DASH_PUNCTUATION:
    case U_START_PUNCTUATION:
    case U_END_PUNCTUATION:
    case U_CONNECTOR_PUNCTUATION:
    case U_OTHER_PUNCTUATION:
    case U_INITIAL_PUNCTUATION:
    case U_FINAL_PUNCTUATION:
      p.flags |= char_flag::kPunctuation;
      break;
    case U_MATH_SYMBOL:
    case U_CURRENCY_SYMBOL:
    case U_MODIFIER_SYMBOL:
    case U_OTHER_SYMBOL:
      p.flags |= char_flag::kSymbol;
      break;
    default:
      break;
  }
  // Java isWhitespace: space separators except no-break spaces, plus line and
  // paragraph separators and the ASCII controls \t \n \v \f \r \x1C-\x1F.
  const bool java_ws =
      ((type == U_SPACE_SEPARATOR || type == U_LINE_SEPARATOR || type == U_PARAGRAPH_SEPARATOR) &&
       c != 0xA0 && c != 0x2007 && c != 0x202F) ||
      (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
  if (java_ws) p.flags |= char_flag::kWhitespace;
  return p;
}

struct BmpTable {
  std::unique_ptr<CharProps[]> props{new CharProps[0x10000]};
  BmpTable() {
    for (char32_t c = 0; c < 0x10000; ++c) props[c] = ComputeProps(c);
  }
};

const BmpTable& Table() {
  static const BmpTable table;
  return table;
}

}  // namespace

CharProps GetCharProps(char32_t c) {
  if (c < 0x10000) return Table().props[c];
  return ComputeProps(c);
}

char32_t ToLowerCodePoint(char32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  return static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
}

char32_t ToUpperCodePoint(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') ? c - 32 : c;
  return static_cast<char32_t>(u_toupper(static_cast<UChar32>(c)));
}

}  // namespace quiver::analysis
