// Lucene KeywordTokenizer: the whole input is one token, even when empty.
#include "analysis/tokenizers.h"

namespace quiver::analysis {
namespace {

class KeywordTokenizer final : public Tokenizer {
 public:
  void Reset() override { done_ = false; }
  bool Next(Token* token) override {
    if (done_) return false;
    done_ = true;
    token->term.assign(input_);
    token->position_increment = 1;
    token->position_length = 1;
    token->start_offset = 0;
    token->end_offset = static_cast<int32_t>(input_.size());
    token->type = token_type::kWord;
    token->keyword = false;
    return true;
  }

 private:
  bool done_ = false;
};

class KeywordTokenizerFactory final : public TokenizerFactory {
 public:
  using TokenizerFactory::TokenizerFactory;
  std::unique_ptr<Tokenizer> Create(StreamContext*) const override {
    return std::make_unique<KeywordTokenizer>();
  }
};

}  // namespace

std::shared_ptr<const TokenizerFactory> NewKeywordTokenizerFactory(std::string name) {
  return std::make_shared<KeywordTokenizerFactory>(std::move(name));
}

}  // namespace quiver::analysis
