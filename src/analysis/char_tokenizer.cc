// Lucene's CharTokenizer family: WhitespaceTokenizer, LetterTokenizer,
// LowerCaseTokenizer and ES's CharGroupTokenizer.
#include <unicode/uchar.h>

#include <algorithm>

#include "analysis/char_props.h"
#include "analysis/tokenizers.h"
#include "analysis/utf8.h"

namespace quiver::analysis {

bool CharClassSet::Contains(char32_t c) const {
  if (!chars.empty() && chars.find(c) != std::u32string::npos) return true;
  if (categories != 0 && (categories & (1u << u_charType(static_cast<UChar32>(c)))) != 0) {
    return true;
  }
  if (!letter && !digit && !whitespace && !punctuation && !symbol) return false;
  if (whitespace && IsJavaWhitespace(c)) return true;
  if (c < 0x80) {
    if (letter && IsJavaLetter(c)) return true;
    if (digit && IsJavaDigit(c)) return true;
    if (!punctuation && !symbol) return false;
  }
  const CharProps p = GetCharProps(c);
  return (letter && p.Has(char_flag::kLetter)) || (digit && p.Has(char_flag::kDigit)) ||
         (punctuation && p.Has(char_flag::kPunctuation)) || (symbol && p.Has(char_flag::kSymbol));
}

namespace {

class CharTokenizer final : public Tokenizer {
 public:
  explicit CharTokenizer(const CharTokenizerOptions* options) : options_(options) {}

  void Reset() override { pos_ = 0; }

  bool Next(Token* token) override {
    const std::string_view text = input_;
    token->term.clear();
    int units = 0;
    size_t start = 0;
    size_t end = 0;
    while (pos_ < text.size()) {
      char32_t cp;
      const size_t n = DecodeUtf8(text, pos_, &cp);
      if (IsTokenChar(cp)) {
        if (units == 0) start = pos_;
        if (options_->kind == CharTokenizerOptions::Kind::kLowercase) {
          AppendUtf8(ToLowerCodePoint(cp), &token->term);
        } else {
          token->term.append(text.data() + pos_, n);
        }
        pos_ += n;
        end = pos_;
        units += Utf16Length(cp);
        if (units >= options_->max_token_length) break;
      } else {
        pos_ += n;
        if (units > 0) break;
      }
    }
    if (units == 0) return false;
    token->position_increment = 1;
    token->position_length = 1;
    token->start_offset = static_cast<int32_t>(start);
    token->end_offset = static_cast<int32_t>(end);
    token->type = token_type::kWord;
    token->keyword = false;
    return true;
  }

 private:
  bool IsTokenChar(char32_t c) const {
    switch (options_->kind) {
      case CharTokenizerOptions::Kind::kWhitespace:
        return !IsJavaWhitespace(c);
      case CharTokenizerOptions::Kind::kLetter:
      case CharTokenizerOptions::Kind::kLowercase:
        return IsJavaLetter(c);
      case CharTokenizerOptions::Kind::kCharGroup:
        return !options_->split_on.Contains(c);
    }
    return false;
  }

  const CharTokenizerOptions* options_;
  size_t pos_ = 0;
};

class CharTokenizerFactory final : public TokenizerFactory {
 public:
  CharTokenizerFactory(std::string name, CharTokenizerOptions options)
      : TokenizerFactory(std::move(name)), options_(std::move(options)) {}
  std::unique_ptr<Tokenizer> Create(StreamContext*) const override {
    return std::make_unique<CharTokenizer>(&options_);
  }

 private:
  CharTokenizerOptions options_;
};

}  // namespace

std::shared_ptr<const TokenizerFactory> NewCharTokenizerFactory(std::string name,
                                                                CharTokenizerOptions options) {
  return std::make_shared<CharTokenizerFactory>(std::move(name), std::move(options));
}

}  // namespace quiver::analysis
