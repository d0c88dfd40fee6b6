#include "analysis/standard_tokenizer.h"

#include "analysis/char_props.h"
#include "analysis/utf8.h"

namespace quiver::analysis {
namespace {

struct Char {
  char32_t cp = 0;
  size_t len = 0;
  CharProps props{WordBreak::kOther, 0};
};

// Reads characters forward from a byte position, refusing any character that
// would take the match past `max_units` UTF-16 units (the JFlex buffer limit
// Lucene uses to split over-long tokens).
class Cursor {
 public:
  Cursor(std::string_view text, size_t pos, int max_units)
      : text_(text), pos_(pos), max_units_(max_units) {}

  size_t pos() const { return pos_; }

  bool Peek(Char* c) const {
    if (pos_ >= text_.size()) return false;
    const unsigned char b = static_cast<unsigned char>(text_[pos_]);
    if (b < 0x80) {
      c->cp = b;
      c->len = 1;
    } else {
      c->len = DecodeUtf8(text_, pos_, &c->cp);
    }
    if (units_ + Utf16Length(c->cp) > max_units_) return false;
    c->props = GetCharProps(c->cp);
    return true;
  }
  void Consume(const Char& c) {
    pos_ += c.len;
    units_ += Utf16Length(c.cp);
  }
  // UAX#29 WB4: X (Extend | Format | ZWJ)*. With `sans_presentation`, the
  // emoji presentation selectors U+FE0E/U+FE0F are not absorbed. Returns true
  // if the last absorbed character was a ZWJ.
  bool SkipExtFmtZwj(bool sans_presentation = false, char32_t stop_at = 0) {
    Char c;
    bool last_zwj = false;
    while (Peek(&c) && IsExtFmtZwj(c.props.wb)) {
      if (sans_presentation && (c.cp == 0xFE0E || c.cp == 0xFE0F)) break;
      if (c.cp == stop_at) break;
      Consume(c);
      last_zwj = c.props.wb == WordBreak::kZWJ;
    }
    return last_zwj;
  }

 private:
  std::string_view text_;
  size_t pos_;
  int units_ = 0;
  int max_units_;
};

bool IsKeycapBase(char32_t c) { return (c >= '0' && c <= '9') || c == '#' || c == '*'; }

// Lucene's EmojiCharOrPresSeqOrModSeq: ZWJ* EmojiCharEx FE0F? |
// (ZWJ* EmojiModifierBaseEx)? EmojiModifierEx. Sets *tail_zwj if the match
// ends with an absorbed ZWJ (which may start a ZWJ sequence).
bool MatchEmojiElement(Cursor* cur, bool* tail_zwj) {
  Cursor k = *cur;
  Char c;
  while (k.Peek(&c) && c.props.wb == WordBreak::kZWJ) k.Consume(c);
  if (!k.Peek(&c)) return false;
  if (c.props.Has(char_flag::kEmojiChar)) {
    k.Consume(c);
    *tail_zwj = k.SkipExtFmtZwj(true);
    if (k.Peek(&c) && c.cp == 0xFE0F) {
      k.Consume(c);
      *tail_zwj = false;
    }
  } else if (c.props.Has(char_flag::kEmojiModifierBase)) {
    k.Consume(c);
    k.SkipExtFmtZwj(true, 0x1F3FB);
    if (!k.Peek(&c) || !c.props.Has(char_flag::kEmojiModifier)) return false;
    k.Consume(c);
    *tail_zwj = k.SkipExtFmtZwj(true);
  } else if (c.props.Has(char_flag::kEmojiModifier)) {
    k.Consume(c);
    *tail_zwj = k.SkipExtFmtZwj(true);
  } else {
    return false;
  }
  *cur = k;
  return true;
}

// The EMOJI rule: element (ZWJ element)* | keycap sequence | flag (RI pair).
size_t MatchEmoji(Cursor cur) {
  const size_t start = cur.pos();
  Char c;
  if (!cur.Peek(&c)) return start;
  if (c.props.wb == WordBreak::kRegionalIndicator) {
    cur.Consume(c);
    cur.SkipExtFmtZwj();
    if (!cur.Peek(&c) || c.props.wb != WordBreak::kRegionalIndicator) return start;
    cur.Consume(c);
    cur.SkipExtFmtZwj();
    return cur.pos();
  }
  if (IsKeycapBase(c.cp)) {
    cur.Consume(c);
    cur.SkipExtFmtZwj(true, 0x20E3);
    if (cur.Peek(&c) && c.cp == 0xFE0F) cur.Consume(c);
    if (!cur.Peek(&c) || c.cp != 0x20E3) return start;
    cur.Consume(c);
    cur.SkipExtFmtZwj(true);
    return cur.pos();
  }
  bool tail_zwj = false;
  if (!MatchEmojiElement(&cur, &tail_zwj)) return start;
  while (true) {
    Cursor k = cur;
    bool zwj = tail_zwj;
    while (k.Peek(&c) && c.props.wb == WordBreak::kZWJ) {
      k.Consume(c);
      zwj = true;
    }
    if (!zwj || !MatchEmojiElement(&k, &tail_zwj)) break;
    cur = k;
  }
  return cur.pos();
}

struct WordMatch {
  size_t end;
  bool has_letter = false;
  bool all_hangul = false;
  bool all_katakana = false;
};

// The WORD rule of the grammar (UAX#29 WB5-WB13b), as a DFA:
//   ENL* Core (ENL+ Core)* ENL*
//   Core = Katakana (ENL* Katakana)* | (HebSeg | NumSeg | LetSeg)+
//   HebSeg = Hebrew (SingleQuote | DoubleQuote Hebrew)
//   NumSeg = Numeric ((ENL* | MidNumeric) Numeric)*
//   LetSeg = AHLetter ((ENL* | MidLetter) AHLetter)*
// Every character may be followed by Extend/Format/ZWJ characters.
WordMatch MatchWord(Cursor cur) {
  enum State {
    kStart,      // nothing consumed
    kPrefix,     // leading ENL+, no core yet
    kKatakana,   // in a Katakana core (accepting)
    kAfterEnl,   // core then ENL+ (accepting)
    kLetter,     // AHLetter (non-Hebrew) last (accepting)
    kHebrew,     // Hebrew letter last (accepting)
    kHebQuote,   // Hebrew + single quote (accepting)
    kHebDQuote,  // Hebrew + double quote, needs Hebrew
    kLetterMid,  // letter + MidLetter, needs AHLetter
    kNumber,     // Numeric last (accepting)
    kNumberMid,  // Numeric + MidNum, needs Numeric
    kFail,
  };
  WordMatch best{cur.pos()};
  State state = kStart;
  bool has_letter = false, all_hangul = true, all_katakana = true;
  Char c;
  while (cur.Peek(&c)) {
    const WordBreak wb = c.props.wb;
    const bool aletter = wb == WordBreak::kALetter;
    const bool hebrew = wb == WordBreak::kHebrewLetter;
    const bool numeric = wb == WordBreak::kNumeric;
    const bool katakana = wb == WordBreak::kKatakana;
    const bool enl = wb == WordBreak::kExtendNumLet;
    State next = kFail;
    auto segment_start = [&]() {
      return aletter ? kLetter : hebrew ? kHebrew : numeric ? kNumber : kFail;
    };
    switch (state) {
      case kStart:
      case kPrefix:
      case kAfterEnl:
        if (enl) {
          next = state == kAfterEnl ? kAfterEnl : kPrefix;
        } else if (katakana) {
          next = kKatakana;
        } else {
          next = segment_start();
        }
        break;
      case kKatakana:
        next = katakana ? kKatakana : enl ? kAfterEnl : kFail;
        break;
      case kLetter:
      case kHebrew:
      case kHebQuote:
        if (enl) {
          next = kAfterEnl;
        } else if (aletter || hebrew || numeric) {
          next = segment_start();
        } else if (state == kHebrew && wb == WordBreak::kSingleQuote) {
          next = kHebQuote;
        } else if (state == kHebrew && wb == WordBreak::kDoubleQuote) {
          next = kHebDQuote;
        } else if (state != kHebQuote &&
                   (wb == WordBreak::kMidLetter || wb == WordBreak::kMidNumLet ||
                    wb == WordBreak::kSingleQuote)) {
          next = kLetterMid;
        }
        break;
      case kHebDQuote:
        next = hebrew ? kHebrew : kFail;
        break;
      case kLetterMid:
        next = aletter ? kLetter : hebrew ? kHebrew : kFail;
        break;
      case kNumber:
        if (enl) {
          next = kAfterEnl;
        } else if (aletter || hebrew || numeric) {
          next = segment_start();
        } else if (wb == WordBreak::kMidNum || wb == WordBreak::kMidNumLet ||
                   wb == WordBreak::kSingleQuote) {
          next = kNumberMid;
        }
        break;
      case kNumberMid:
        next = numeric ? kNumber : kFail;
        break;
      case kFail:
        break;
    }
    if (next == kFail) break;
    cur.Consume(c);
    if (aletter || hebrew) {
      has_letter = true;
      all_katakana = false;
      if (!(aletter && c.props.Has(char_flag::kHangul))) all_hangul = false;
    } else if (katakana) {
      has_letter = true;
      all_hangul = false;
    } else {
      all_hangul = false;
      all_katakana = false;
    }
    state = next;
    cur.SkipExtFmtZwj();
    if (state == kKatakana || state == kAfterEnl || state == kLetter || state == kHebrew ||
        state == kHebQuote || state == kNumber) {
      best = WordMatch{cur.pos(), has_letter, all_hangul, all_katakana};
    }
  }
  return best;
}

// {ComplexContextEx}+, or one {HanEx} / {HiraganaEx}.
size_t MatchRun(Cursor cur, uint16_t flag, bool repeat) {
  Char c;
  while (cur.Peek(&c) && c.props.Has(flag)) {
    cur.Consume(c);
    cur.SkipExtFmtZwj();
    if (!repeat) break;
  }
  return cur.pos();
}

class StandardTokenizer final : public Tokenizer {
 public:
  explicit StandardTokenizer(int max_token_length) : max_token_length_(max_token_length) {}

  void Reset() override { pos_ = 0; }

  bool Next(Token* token) override {
    while (pos_ < input_.size()) {
      const unsigned char b = static_cast<unsigned char>(input_[pos_]);
      // Fast skip of ASCII that can never start a token.
      if (b < 0x80 && !IsAsciiTokenStart(b)) {
        ++pos_;
        continue;
      }
      StandardMatch m = MatchStandardToken(input_, pos_, max_token_length_);
      if (m.length_bytes == 0) {
        char32_t cp;
        pos_ += DecodeUtf8(input_, pos_, &cp);
        continue;
      }
      token->term.assign(input_.data() + pos_, m.length_bytes);
      token->position_increment = 1;
      token->position_length = 1;
      token->start_offset = static_cast<int32_t>(pos_);
      token->end_offset = static_cast<int32_t>(pos_ + m.length_bytes);
      token->type = m.type;
      token->keyword = false;
      pos_ += m.length_bytes;
      return true;
    }
    return false;
  }

 private:
  static bool IsAsciiTokenStart(unsigned char b) {
    return (b >= '0' && b <= '9') || ((b | 0x20) >= 'a' && (b | 0x20) <= 'z') || b == '_' ||
           b == '#' || b == '*';
  }

  int max_token_length_;
  size_t pos_ = 0;
};

class StandardTokenizerFactory final : public TokenizerFactory {
 public:
  StandardTokenizerFactory(std::string name, int max_token_length)
      : TokenizerFactory(std::move(name)), max_token_length_(max_token_length) {}
  std::unique_ptr<Tokenizer> Create(StreamContext*) const override {
    return std::make_unique<StandardTokenizer>(max_token_length_);
  }

 private:
  int max_token_length_;
};

}  // namespace

StandardMatch MatchStandardToken(std::string_view text, size_t pos, int max_units) {
  // ASCII fast path: a run of [A-Za-z0-9] that ends the text, or is followed
  // by an ASCII byte that cannot continue a word (anything but the
  // MidLetter/MidNum/ExtendNumLet characters ' . , : ; _), is the whole
  // match, exactly as the grammar below would find it.
  {
    size_t end = pos;
    bool has_letter = false;
    while (end < text.size()) {
      const unsigned char b = static_cast<unsigned char>(text[end]);
      if ((b | 0x20) >= 'a' && (b | 0x20) <= 'z') {
        has_letter = true;
      } else if (b < '0' || b > '9') {
        break;
      }
      ++end;
    }
    const size_t len = end - pos;
    if (len > 0 && len <= static_cast<size_t>(max_units)) {
      const unsigned char next = end < text.size() ? static_cast<unsigned char>(text[end]) : ' ';
      if (next < 0x80 && next != '\'' && next != '.' && next != ',' && next != ':' && next != ';' &&
          next != '_') {
        return StandardMatch{len, has_letter ? token_type::kAlphanum : token_type::kNum};
      }
    }
  }
  StandardMatch best;
  Cursor cur(text, pos, max_units);
  Char c;
  if (!cur.Peek(&c)) return best;
  auto offer = [&](size_t end, std::string_view type) {
    if (end > pos && end - pos > best.length_bytes) best = StandardMatch{end - pos, type};
  };
  // Candidates in the grammar's rule order; on equal length the earlier wins.
  const CharProps& p = c.props;
  if (p.Has(char_flag::kEmojiChar | char_flag::kEmojiModifier | char_flag::kEmojiModifierBase) ||
      p.wb == WordBreak::kZWJ || p.wb == WordBreak::kRegionalIndicator || IsKeycapBase(c.cp)) {
    offer(MatchEmoji(cur), token_type::kEmoji);
  }
  if (p.wb == WordBreak::kALetter || p.wb == WordBreak::kHebrewLetter ||
      p.wb == WordBreak::kNumeric || p.wb == WordBreak::kKatakana ||
      p.wb == WordBreak::kExtendNumLet) {
    WordMatch w = MatchWord(cur);
    std::string_view type = !w.has_letter    ? token_type::kNum
                            : w.all_hangul   ? token_type::kHangul
                            : w.all_katakana ? token_type::kKatakana
                                             : token_type::kAlphanum;
    offer(w.end, type);
  }
  if (p.Has(char_flag::kComplexContext)) {
    offer(MatchRun(cur, char_flag::kComplexContext, true), token_type::kSoutheastAsian);
  }
  if (p.Has(char_flag::kHan))
    offer(MatchRun(cur, char_flag::kHan, false), token_type::kIdeographic);
  if (p.Has(char_flag::kHiragana)) {
    offer(MatchRun(cur, char_flag::kHiragana, false), token_type::kHiragana);
  }
  return best;
}

std::shared_ptr<const TokenizerFactory> NewStandardTokenizerFactory(std::string name,
                                                                    int max_token_length) {
  return std::make_shared<StandardTokenizerFactory>(std::move(name), max_token_length);
}

}  // namespace quiver::analysis
