// Keyword attribute filters: Lucene SetKeywordMarkerFilter /
// PatternKeywordMarkerFilter (keyword_marker), KeywordRepeatFilter
// (keyword_repeat: each token twice, first marked as keyword) and
// StemmerOverrideFilter (stemmer_override: dictionary stems, marked keyword).
#include <unordered_map>

#include "analysis/filter_base.h"
#include "analysis/token_filters.h"

namespace quiver::analysis {
namespace {

class KeywordRepeatFilter final : public TokenFilter {
 public:
  using TokenFilter::TokenFilter;
  void Reset() override {
    TokenFilter::Reset();
    pending_ = false;
  }
  bool Next(Token* token) override {
    if (pending_) {
      pending_ = false;
      *token = saved_;
      token->position_increment = 0;
      token->keyword = false;
      return true;
    }
    if (!input_->Next(token)) return false;
    saved_ = *token;
    pending_ = true;
    token->keyword = true;
    return true;
  }

 private:
  Token saved_;
  bool pending_ = false;
};

class KeywordRepeatFilterFactory final : public TokenFilterFactory {
 public:
  using TokenFilterFactory::TokenFilterFactory;
  std::unique_ptr<TokenFilter> Create(TokenStream* input, StreamContext*) const override {
    return std::make_unique<KeywordRepeatFilter>(input);
  }
  bool uses_keyword_attribute() const override { return true; }
};

class KeywordMarkerFilter final : public TokenFilter {
 public:
  KeywordMarkerFilter(TokenStream* input, const WordSet* words, const Regex* pattern)
      : TokenFilter(input), words_(words), matcher_(pattern ? pattern->NewMatcher() : nullptr) {}
  bool Next(Token* token) override {
    if (!input_->Next(token)) return false;
    if (words_ != nullptr && words_->Contains(token->term)) token->keyword = true;
    if (matcher_) {
      // PatternKeywordMarkerFilter: the whole term must match.
      matcher_->Reset(token->term);
      if (matcher_->Matches()) token->keyword = true;
    }
    return true;
  }

 private:
  const WordSet* words_;
  std::unique_ptr<RegexMatcher> matcher_;
};

class KeywordMarkerFilterFactory final : public TokenFilterFactory {
 public:
  KeywordMarkerFilterFactory(std::string name, std::shared_ptr<const WordSet> words,
                             std::shared_ptr<const Regex> pattern)
      : TokenFilterFactory(std::move(name)),
        words_(std::move(words)),
        pattern_(std::move(pattern)) {}
  std::unique_ptr<TokenFilter> Create(TokenStream* input, StreamContext*) const override {
    return std::make_unique<KeywordMarkerFilter>(input, words_.get(), pattern_.get());
  }
  bool uses_keyword_attribute() const override { return true; }

 private:
  std::shared_ptr<const WordSet> words_;
  std::shared_ptr<const Regex> pattern_;
};

}  // namespace

std::shared_ptr<const TokenFilterFactory> NewKeywordMarkerFilterFactory(
    std::string name, std::shared_ptr<const WordSet> keywords,
    std::shared_ptr<const Regex> pattern) {
  return std::make_shared<KeywordMarkerFilterFactory>(std::move(name), std::move(keywords),
                                                      std::move(pattern));
}

std::shared_ptr<const TokenFilterFactory> NewKeywordRepeatFilterFactory(std::string name) {
  return std::make_shared<KeywordRepeatFilterFactory>(std::move(name));
}

std::shared_ptr<const TokenFilterFactory> NewStemmerOverrideFilterFactory(
    std::string name, std::vector<std::pair<std::string, std::string>> overrides) {
  std::unordered_map<std::string, std::string> map;
  for (auto& [from, to] : overrides) map.emplace(std::move(from), std::move(to));
  auto fn = [map = std::move(map)](Token* t) {
    if (t->keyword) return;
    auto it = map.find(t->term);
    if (it == map.end()) return;
    t->term = it->second;
    t->keyword = true;
  };
  return MakeMapFilterFactory(std::move(name), std::move(fn), FilterTraits{.uses_keyword = true});
}

}  // namespace quiver::analysis
