// ES UniqueTokenFilter (`unique`: drops terms already seen in the stream, or
// with only_on_same_position, already seen at the same position; positions of
// the dropped tokens are not carried over) and Lucene
// RemoveDuplicatesTokenFilter (`remove_duplicates`: same term at the same
// position).
#include <unordered_set>

#include "analysis/token_filters.h"

namespace quiver::analysis {
namespace {

class UniqueFilter final : public TokenFilter {
 public:
  UniqueFilter(TokenStream* input, bool same_position_only, bool lucene_duplicates)
      : TokenFilter(input),
        same_position_only_(same_position_only),
        lucene_duplicates_(lucene_duplicates) {}

  void Reset() override {
    TokenFilter::Reset();
    seen_.clear();
  }

  bool Next(Token* token) override {
    while (input_->Next(token)) {
      if (same_position_only_ && token->position_increment > 0) seen_.clear();
      if (lucene_duplicates_ && token->position_increment > 0) {
        seen_.insert(token->term);
        return true;
      }
      if (seen_.insert(token->term).second) return true;
    }
    return false;
  }

 private:
  bool same_position_only_;
  bool lucene_duplicates_;
  std::unordered_set<std::string> seen_;
};

class UniqueFilterFactory final : public TokenFilterFactory {
 public:
  UniqueFilterFactory(std::string name, bool same_position_only, bool lucene_duplicates)
      : TokenFilterFactory(std::move(name)),
        same_position_only_(same_position_only),
        lucene_duplicates_(lucene_duplicates) {}
  std::unique_ptr<TokenFilter> Create(TokenStream* input, StreamContext*) const override {
    return std::make_unique<UniqueFilter>(input, same_position_only_, lucene_duplicates_);
  }

 private:
  bool same_position_only_;
  bool lucene_duplicates_;
};

}  // namespace

std::shared_ptr<const TokenFilterFactory> NewUniqueFilterFactory(std::string name,
                                                                 bool only_on_same_position) {
  return std::make_shared<UniqueFilterFactory>(std::move(name), only_on_same_position, false);
}

std::shared_ptr<const TokenFilterFactory> NewRemoveDuplicatesFilterFactory(std::string name) {
  return std::make_shared<UniqueFilterFactory>(std::move(name), true, true);
}

}  // namespace quiver::analysis
