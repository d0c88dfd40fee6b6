// Lucene NGramTokenFilter / EdgeNGramTokenFilter: each token becomes its grams
// of min_gram..max_gram code points (by start position, then length; edge:
// prefixes only). Grams keep the token's offsets; the first carries its
// position increment, the rest stack on it. preserve_original also emits the
// original when its length is outside [min_gram, max_gram]. ES's side=back
// takes suffixes instead of prefixes.
#include "analysis/token_filters.h"
#include "analysis/utf8.h"

namespace quiver::analysis {
namespace {

class NGramFilter final : public TokenFilter {
 public:
  NGramFilter(TokenStream* input, const NGramFilterOptions* options)
      : TokenFilter(input), options_(options) {}

  void Reset() override {
    TokenFilter::Reset();
    active_ = false;
  }

  bool Next(Token* token) override {
    while (true) {
      if (!active_) {
        if (!input_->Next(token)) return false;
        current_ = *token;
        bounds_.clear();
        for (size_t i = 0; i < current_.term.size();) {
          bounds_.push_back(i);
          char32_t cp;
          i += DecodeUtf8(current_.term, i, &cp);
        }
        bounds_.push_back(current_.term.size());
        count_ = static_cast<int>(bounds_.size()) - 1;
        pos_ = 0;
        gram_ = options_->min_gram;
        pending_increment_ = current_.position_increment;
        active_ = true;
      }
      if (options_->edge) {
        if (gram_ <= options_->max_gram && gram_ <= count_) {
          const int start = options_->back ? count_ - gram_ : 0;
          Emit(token, start, gram_++);
          return true;
        }
      } else {
        if (gram_ > options_->max_gram || pos_ + gram_ > count_) {
          ++pos_;
          gram_ = options_->min_gram;
        }
        if (pos_ + gram_ <= count_) {
          Emit(token, pos_, gram_++);
          return true;
        }
      }
      active_ = false;
      if (options_->preserve_original &&
          (count_ < options_->min_gram || count_ > options_->max_gram)) {
        *token = current_;
        token->position_increment = pending_increment_;
        return true;
      }
    }
  }

 private:
  void Emit(Token* token, int start, int length) {
    *token = current_;
    const size_t from = bounds_[static_cast<size_t>(start)];
    const size_t to = bounds_[static_cast<size_t>(start + length)];
    token->term.assign(current_.term, from, to - from);
    token->position_increment = pending_increment_;
    pending_increment_ = 0;
  }

  const NGramFilterOptions* options_;
  bool active_ = false;
  Token current_;
  std::vector<size_t> bounds_;
  int count_ = 0;
  int pos_ = 0;
  int gram_ = 1;
  int32_t pending_increment_ = 0;
};

class NGramFilterFactory final : public TokenFilterFactory {
 public:
  NGramFilterFactory(std::string name, NGramFilterOptions options)
      : TokenFilterFactory(std::move(name)), options_(options) {}
  std::unique_ptr<TokenFilter> Create(TokenStream* input, StreamContext*) const override {
    return std::make_unique<NGramFilter>(input, &options_);
  }
  SynonymRole synonym_role() const override { return SynonymRole::kReject; }

 private:
  NGramFilterOptions options_;
};

}  // namespace

std::shared_ptr<const TokenFilterFactory> NewNGramFilterFactory(std::string name,
                                                                NGramFilterOptions options) {
  return std::make_shared<NGramFilterFactory>(std::move(name), options);
}

}  // namespace quiver::analysis
