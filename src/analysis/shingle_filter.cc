// Lucene ShingleFilter: word n-grams ("quick brown") of min..max tokens,
// after the unigram at each position when output_unigrams is set. Shingles
// have type "shingle" and a position length equal to their token count.
// Position gaps (removed stop words) become filler tokens ("_"), which can
// appear inside shingles but are never output alone.
#include <deque>

#include "analysis/token_filters.h"

namespace quiver::analysis {
namespace {

class ShingleFilter final : public TokenFilter {
 public:
  ShingleFilter(TokenStream* input, const ShingleOptions* options)
      : TokenFilter(input), options_(options) {}

  void Reset() override {
    TokenFilter::Reset();
    window_.clear();
    input_done_ = false;
    started_ = false;
    unigram_mode_ = false;
    next_size_ = 0;
    position_ = -1;
    last_emitted_position_ = -1;
  }

  bool Next(Token* token) override {
    if (!started_) {
      started_ = true;
      Fill();
      unigram_mode_ = options_->output_unigrams ||
                      (options_->output_unigrams_if_no_shingles && input_done_ &&
                       static_cast<int>(window_.size()) < options_->min_shingle_size);
    }
    while (!window_.empty()) {
      const Entry& head = window_.front();
      // next_size_: 1 = unigram, then shingle sizes; 0 = position not started.
      if (next_size_ == 0) {
        next_size_ = unigram_mode_ ? 1 : options_->min_shingle_size;
        if (next_size_ == 1 && head.filler) next_size_ = options_->min_shingle_size;
      }
      if (next_size_ == 1) {
        next_size_ =
            options_->output_unigrams ? options_->min_shingle_size : options_->max_shingle_size + 1;
        *token = head.token;
        SetIncrement(token);
        return true;
      }
      if (next_size_ <= options_->max_shingle_size &&
          next_size_ <= static_cast<int>(window_.size())) {
        const int size = next_size_++;
        if (BuildShingle(size, token)) return true;
        continue;
      }
      Advance();
    }
    return false;
  }

 private:
  struct Entry {
    Token token;
    bool filler = false;
  };

  void Fill() {
    const size_t want = static_cast<size_t>(std::max(options_->max_shingle_size, 1));
    while (!input_done_ && window_.size() < want) {
      if (!input_->Next(&scratch_)) {
        input_done_ = true;
        break;
      }
      for (int32_t i = 1; i < scratch_.position_increment && !window_.empty(); ++i) {
        Entry filler;
        filler.filler = true;
        filler.token.term = options_->filler_token;
        filler.token.start_offset = scratch_.start_offset;
        filler.token.end_offset = scratch_.start_offset;
        window_.push_back(std::move(filler));
      }
      if (window_.empty() && position_ < 0) position_ = scratch_.position_increment - 1;
      window_.push_back(Entry{scratch_, false});
    }
  }

  void Advance() {
    window_.pop_front();
    ++position_;
    next_size_ = 0;
    Fill();
  }

  void SetIncrement(Token* token) {
    token->position_increment = position_ - last_emitted_position_;
    last_emitted_position_ = position_;
  }

  bool BuildShingle(int size, Token* token) {
    bool all_filler = true;
    for (int i = 0; i < size; ++i) all_filler &= window_[static_cast<size_t>(i)].filler;
    if (all_filler) return false;
    const Entry& first = window_.front();
    const Entry& last = window_[static_cast<size_t>(size - 1)];
    *token = first.token;
    token->term.clear();
    for (int i = 0; i < size; ++i) {
      if (i > 0) token->term += options_->token_separator;
      token->term += window_[static_cast<size_t>(i)].token.term;
    }
    token->start_offset = first.token.start_offset;
    token->end_offset = last.token.end_offset;
    token->type = token_type::kShingle;
    token->position_length = size;
    token->keyword = false;
    SetIncrement(token);
    return true;
  }

  const ShingleOptions* options_;
  std::deque<Entry> window_;
  Token scratch_;
  bool input_done_ = false;
  bool started_ = false;
  bool unigram_mode_ = false;
  int next_size_ = 0;
  int32_t position_ = -1;
  int32_t last_emitted_position_ = -1;
};

class ShingleFilterFactory final : public TokenFilterFactory {
 public:
  ShingleFilterFactory(std::string name, ShingleOptions options)
      : TokenFilterFactory(std::move(name)), options_(std::move(options)) {}
  std::unique_ptr<TokenFilter> Create(TokenStream* input, StreamContext*) const override {
    return std::make_unique<ShingleFilter>(input, &options_);
  }
  SynonymRole synonym_role() const override { return SynonymRole::kReject; }

 private:
  ShingleOptions options_;
};

}  // namespace

std::shared_ptr<const TokenFilterFactory> NewShingleFilterFactory(std::string name,
                                                                  ShingleOptions options) {
  return std::make_shared<ShingleFilterFactory>(std::move(name), std::move(options));
}

}  // namespace quiver::analysis
