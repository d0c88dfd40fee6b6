// Lucene ThaiTokenizer: dictionary-based word segmentation (here ICU's Thai
// word break iterator; Lucene uses the JDK's, whose dictionary may differ on
// rare words). Segments that do not start with a letter or digit are skipped.
#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include "analysis/char_props.h"
#include "analysis/tokenizers.h"
#include "analysis/utf8.h"

namespace quiver::analysis {
namespace {

class ThaiTokenizer final : public Tokenizer {
 public:
  ThaiTokenizer() {
    UErrorCode status = U_ZERO_ERROR;
    breaker_.reset(icu::BreakIterator::createWordInstance(icu::Locale("th"), status));
    if (U_FAILURE(status)) breaker_.reset();
  }
  ~ThaiTokenizer() override { utext_close(&text_); }

  void Reset() override {
    if (!breaker_) return;
    UErrorCode status = U_ZERO_ERROR;
    utext_openUTF8(&text_, input_.data(), static_cast<int64_t>(input_.size()), &status);
    breaker_->setText(&text_, status);
    start_ = breaker_->first();
  }

  bool Next(Token* token) override {
    if (!breaker_) return false;
    while (true) {
      const int32_t end = breaker_->next();
      if (end == icu::BreakIterator::DONE) return false;
      const int32_t start = start_;
      start_ = end;
      char32_t cp;
      DecodeUtf8(input_, static_cast<size_t>(start), &cp);
      if (!IsJavaLetter(cp) && !IsJavaDigit(cp)) continue;
      token->term.assign(input_.data() + start, static_cast<size_t>(end - start));
      token->position_increment = 1;
      token->position_length = 1;
      token->start_offset = start;
      token->end_offset = end;
      token->type = token_type::kWord;
      token->keyword = false;
      return true;
    }
  }

 private:
  std::unique_ptr<icu::BreakIterator> breaker_;
  UText text_ = UTEXT_INITIALIZER;
  int32_t start_ = 0;
};

class ThaiTokenizerFactory final : public TokenizerFactory {
 public:
  using TokenizerFactory::TokenizerFactory;
  std::unique_ptr<Tokenizer> Create(StreamContext*) const override {
    return std::make_unique<ThaiTokenizer>();
  }
};

}  // namespace

std::shared_ptr<const TokenizerFactory> NewThaiTokenizerFactory(std::string name) {
  return std::make_shared<ThaiTokenizerFactory>(std::move(name));
}

}  // namespace quiver::analysis
