// Lucene LimitTokenCountFilter: passes the first `max_count` tokens. With
// consume_all_tokens the rest of the input is still read (so End() sees it).
#include "analysis/token_filters.h"

namespace quiver::analysis {
namespace {

class LimitFilter final : public TokenFilter {
 public:
  LimitFilter(TokenStream* input, int max_count, bool consume_all)
      : TokenFilter(input), max_count_(max_count), consume_all_(consume_all) {}

  void Reset() override {
    TokenFilter::Reset();
    count_ = 0;
    exhausted_ = false;
  }
  bool Next(Token* token) override {
    if (exhausted_) return false;
    if (count_ < max_count_) {
      if (input_->Next(token)) {
        ++count_;
        return true;
      }
      exhausted_ = true;
      return false;
    }
    if (consume_all_) {
      while (input_->Next(token)) {
      }
    }
    exhausted_ = true;
    return false;
  }

 private:
  int max_count_;
  bool consume_all_;
  int count_ = 0;
  bool exhausted_ = false;
};

class LimitFilterFactory final : public TokenFilterFactory {
 public:
  LimitFilterFactory(std::string name, int max_count, bool consume_all)
      : TokenFilterFactory(std::move(name)), max_count_(max_count), consume_all_(consume_all) {}
  std::unique_ptr<TokenFilter> Create(TokenStream* input, StreamContext*) const override {
    return std::make_unique<LimitFilter>(input, max_count_, consume_all_);
  }

 private:
  int max_count_;
  bool consume_all_;
};

}  // namespace

std::shared_ptr<const TokenFilterFactory> NewLimitFilterFactory(std::string name, int max_count,
                                                                bool consume_all_tokens) {
  return std::make_shared<LimitFilterFactory>(std::move(name), max_count, consume_all_tokens);
}

}  // namespace quiver::analysis
