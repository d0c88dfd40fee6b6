// TokenFilter: a stage that transforms the token stream of its input, and
// TokenFilterFactory: the immutable, named, thread-safe configuration that
// creates one TokenFilter per pipeline.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "analysis/char_filter.h"
#include "analysis/token_stream.h"
#include "analysis/tokenizer.h"
#include "common/status.h"

namespace quiver::analysis {

class TokenFilter : public TokenStream {
 public:
  explicit TokenFilter(TokenStream* input) : input_(input) {}

  void Reset() override { input_->Reset(); }
  void End(EndState* state) override { input_->End(state); }

 protected:
  TokenStream* input_;
};

class TokenFilterFactory;

// The stages in front of a chain-aware filter (synonyms parse their rules
// with them).
struct AnalysisChain {
  std::vector<std::shared_ptr<const CharFilter>> char_filters;
  std::shared_ptr<const TokenizerFactory> tokenizer;
  std::vector<std::shared_ptr<const TokenFilterFactory>> filters;
};

class TokenFilterFactory {
 public:
  // How a filter takes part when synonym rules are analyzed by the chain in
  // front of a synonym filter (ES TokenFilterFactory.getSynonymFilter).
  enum class SynonymRole { kApply, kSkip, kReject };

  explicit TokenFilterFactory(std::string name) : name_(std::move(name)) {}
  virtual ~TokenFilterFactory() = default;

  const std::string& name() const { return name_; }
  virtual std::unique_ptr<TokenFilter> Create(TokenStream* input, StreamContext* context) const = 0;

  // True if the filter works character by character and may be used in a
  // normalizer (ES NormalizingTokenFilterFactory).
  virtual bool normalizing() const { return false; }
  // True if the filter reads or sets the keyword attribute (stemmers, markers):
  // _analyze's explain output then shows "keyword" for its tokens.
  virtual bool uses_keyword_attribute() const { return false; }
  virtual SynonymRole synonym_role() const { return SynonymRole::kApply; }

  // Chain-aware filters (synonyms) return a factory bound to the stages in
  // front of them; others return nullptr, meaning "use this factory as is".
  virtual Result<std::shared_ptr<const TokenFilterFactory>> BindToChain(
      const AnalysisChain& chain) const {
    return std::shared_ptr<const TokenFilterFactory>();
  }

 private:
  std::string name_;
};

}  // namespace quiver::analysis
