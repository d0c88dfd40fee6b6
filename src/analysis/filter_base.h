// Building blocks shared by token filter implementations: a filter that
// rewrites each term in place, and Lucene's FilteringTokenFilter (drops
// tokens, carrying their position increments to the next kept token).
#pragma once

#include <memory>
#include <string>
#include <utility>

#include "analysis/token_filter.h"

namespace quiver::analysis {

// Applies fn(Token*) to every token. Fn must be thread-safe (const state).
template <typename Fn>
class MapTokenFilter final : public TokenFilter {
 public:
  MapTokenFilter(TokenStream* input, const Fn* fn) : TokenFilter(input), fn_(fn) {}
  bool Next(Token* token) override {
    if (!input_->Next(token)) return false;
    (*fn_)(token);
    return true;
  }

 private:
  const Fn* fn_;
};

struct FilterTraits {
  bool normalizing = false;
  bool uses_keyword = false;
  TokenFilterFactory::SynonymRole synonym_role = TokenFilterFactory::SynonymRole::kApply;
};

template <typename Fn>
class MapTokenFilterFactory final : public TokenFilterFactory {
 public:
  MapTokenFilterFactory(std::string name, Fn fn, FilterTraits traits)
      : TokenFilterFactory(std::move(name)), fn_(std::move(fn)), traits_(traits) {}
  std::unique_ptr<TokenFilter> Create(TokenStream* input, StreamContext*) const override {
    return std::make_unique<MapTokenFilter<Fn>>(input, &fn_);
  }
  bool normalizing() const override { return traits_.normalizing; }
  bool uses_keyword_attribute() const override { return traits_.uses_keyword; }
  SynonymRole synonym_role() const override { return traits_.synonym_role; }

 private:
  Fn fn_;
  FilterTraits traits_;
};

template <typename Fn>
std::shared_ptr<const TokenFilterFactory> MakeMapFilterFactory(std::string name, Fn fn,
                                                               FilterTraits traits = {}) {
  return std::make_shared<MapTokenFilterFactory<Fn>>(std::move(name), std::move(fn), traits);
}

// Lucene FilteringTokenFilter: subclasses decide per token; removed tokens'
// position increments are added to the next kept token (or to End()).
class FilteringTokenFilter : public TokenFilter {
 public:
  using TokenFilter::TokenFilter;

  void Reset() override {
    TokenFilter::Reset();
    skipped_ = 0;
  }
  bool Next(Token* token) override {
    skipped_ = 0;
    while (input_->Next(token)) {
      if (Accept(*token)) {
        token->position_increment += skipped_;
        return true;
      }
      skipped_ += token->position_increment;
    }
    return false;
  }
  void End(EndState* state) override {
    TokenFilter::End(state);
    state->position_increment += skipped_;
  }

 protected:
  virtual bool Accept(const Token& token) = 0;

 private:
  int32_t skipped_ = 0;
};

// Applies accept(const Token&) -> bool as a FilteringTokenFilter.
template <typename Pred>
class PredicateFilter final : public FilteringTokenFilter {
 public:
  PredicateFilter(TokenStream* input, const Pred* pred)
      : FilteringTokenFilter(input), pred_(pred) {}

 protected:
  bool Accept(const Token& token) override { return (*pred_)(token); }

 private:
  const Pred* pred_;
};

template <typename Pred>
class PredicateFilterFactory final : public TokenFilterFactory {
 public:
  PredicateFilterFactory(std::string name, Pred pred, FilterTraits traits)
      : TokenFilterFactory(std::move(name)), pred_(std::move(pred)), traits_(traits) {}
  std::unique_ptr<TokenFilter> Create(TokenStream* input, StreamContext*) const override {
    return std::make_unique<PredicateFilter<Pred>>(input, &pred_);
  }
  bool normalizing() const override { return traits_.normalizing; }
  bool uses_keyword_attribute() const override { return traits_.uses_keyword; }
  SynonymRole synonym_role() const override { return traits_.synonym_role; }

 private:
  Pred pred_;
  FilterTraits traits_;
};

template <typename Pred>
std::shared_ptr<const TokenFilterFactory> MakePredicateFilterFactory(std::string name, Pred pred,
                                                                     FilterTraits traits = {}) {
  return std::make_shared<PredicateFilterFactory<Pred>>(std::move(name), std::move(pred), traits);
}

}  // namespace quiver::analysis
