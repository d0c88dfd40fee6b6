// Lucene StopFilter, and SuggestStopFilter for remove_trailing=false: a stop
// word that ends the input with no separator after it is kept (and marked as
// a keyword), since the user may still be typing it.
#include "analysis/filter_base.h"
#include "analysis/token_filters.h"

namespace quiver::analysis {
namespace {

class StopFilter final : public FilteringTokenFilter {
 public:
  StopFilter(TokenStream* input, const WordSet* words)
      : FilteringTokenFilter(input), words_(words) {}

 protected:
  bool Accept(const Token& token) override { return !words_->Contains(token.term); }

 private:
  const WordSet* words_;
};

class SuggestStopFilter final : public TokenFilter {
 public:
  SuggestStopFilter(TokenStream* input, const WordSet* words) : TokenFilter(input), words_(words) {}

  void Reset() override {
    TokenFilter::Reset();
    ended_ = false;
    have_lookahead_ = false;
  }

  bool Next(Token* token) override {
    if (ended_) return false;
    int32_t skipped = 0;
    bool have = have_lookahead_;
    if (have) {
      *token = lookahead_;
      have_lookahead_ = false;
    } else {
      have = input_->Next(token);
    }
    if (!have) return false;
    while (true) {
      if (!words_->Contains(token->term)) {
        token->position_increment += skipped;
        return true;
      }
      // A stop word: drop it unless it is the last token and nothing follows it.
      if (input_->Next(&lookahead_)) {
        skipped += token->position_increment;
        std::swap(*token, lookahead_);
        continue;
      }
      input_->End(&end_);
      ended_ = true;
      if (end_.final_offset > token->end_offset) return false;
      token->position_increment += skipped;
      token->keyword = true;
      return true;
    }
  }

  void End(EndState* state) override {
    if (ended_) {
      *state = end_;
    } else {
      input_->End(state);
    }
  }

 private:
  const WordSet* words_;
  Token lookahead_;
  bool have_lookahead_ = false;
  bool ended_ = false;
  EndState end_;
};

class StopFilterFactory final : public TokenFilterFactory {
 public:
  StopFilterFactory(std::string name, std::shared_ptr<const WordSet> words, bool remove_trailing)
      : TokenFilterFactory(std::move(name)),
        words_(std::move(words)),
        remove_trailing_(remove_trailing) {}

  std::unique_ptr<TokenFilter> Create(TokenStream* input, StreamContext*) const override {
    if (!remove_trailing_) return std::make_unique<SuggestStopFilter>(input, words_.get());
    return std::make_unique<StopFilter>(input, words_.get());
  }
  bool uses_keyword_attribute() const override { return !remove_trailing_; }

 private:
  std::shared_ptr<const WordSet> words_;
  bool remove_trailing_;
};

}  // namespace

std::shared_ptr<const TokenFilterFactory> NewStopFilterFactory(std::string name,
                                                               std::shared_ptr<const WordSet> words,
                                                               bool remove_trailing) {
  return std::make_shared<StopFilterFactory>(std::move(name), std::move(words), remove_trailing);
}

}  // namespace quiver::analysis
