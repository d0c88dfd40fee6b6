// Lucene NGramTokenizer / EdgeNGramTokenizer: grams of min_gram..max_gram
// code points taken from each run of token characters, ordered by start
// position then length; edge grams only start at the beginning of a run.
#include "analysis/tokenizers.h"
#include "analysis/utf8.h"

namespace quiver::analysis {
namespace {

class NGramTokenizer final : public Tokenizer {
 public:
  explicit NGramTokenizer(const NGramTokenizerOptions* options) : options_(options) {}

  void Reset() override {
    run_.clear();
    pos_ = 0;
    start_index_ = 0;
    gram_size_ = options_->min_gram;
  }

  bool Next(Token* token) override {
    while (true) {
      // Next gram in the current run.
      while (start_index_ + 1 < run_.size()) {
        const bool edge_ok = !options_->edges_only || start_index_ == 0;
        if (edge_ok && gram_size_ <= options_->max_gram &&
            start_index_ + gram_size_ < run_.size()) {
          const size_t from = run_[start_index_];
          const size_t to = run_[start_index_ + gram_size_];
          ++gram_size_;
          token->term.assign(input_.data() + from, to - from);
          token->position_increment = 1;
          token->position_length = 1;
          token->start_offset = static_cast<int32_t>(from);
          token->end_offset = static_cast<int32_t>(to);
          token->type = token_type::kWord;
          token->keyword = false;
          return true;
        }
        if (options_->edges_only) {
          start_index_ = run_.size();
          break;
        }
        ++start_index_;
        gram_size_ = options_->min_gram;
      }
      if (!NextRun()) return false;
    }
  }

 private:
  // Collects the byte offsets of the next run of token characters (plus its
  // end) into run_.
  bool NextRun() {
    run_.clear();
    start_index_ = 0;
    gram_size_ = options_->min_gram;
    const bool all = options_->token_chars.empty();
    while (pos_ < input_.size()) {
      char32_t cp;
      const size_t n = DecodeUtf8(input_, pos_, &cp);
      if (all || options_->token_chars.Contains(cp)) {
        run_.push_back(pos_);
        pos_ += n;
      } else {
        pos_ += n;
        if (!run_.empty()) break;
      }
    }
    if (run_.empty()) return false;
    // End of the run: the byte after its last character.
    size_t last = run_.back();
    char32_t cp;
    run_.push_back(last + DecodeUtf8(input_, last, &cp));
    return true;
  }

  const NGramTokenizerOptions* options_;
  std::vector<size_t> run_;  // start byte of each code point, then the end
  size_t pos_ = 0;
  size_t start_index_ = 0;
  int gram_size_ = 1;
};

class NGramTokenizerFactory final : public TokenizerFactory {
 public:
  NGramTokenizerFactory(std::string name, NGramTokenizerOptions options)
      : TokenizerFactory(std::move(name)), options_(std::move(options)) {}
  std::unique_ptr<Tokenizer> Create(StreamContext*) const override {
    return std::make_unique<NGramTokenizer>(&options_);
  }

 private:
  NGramTokenizerOptions options_;
};

}  // namespace

std::shared_ptr<const TokenizerFactory> NewNGramTokenizerFactory(std::string name,
                                                                 NGramTokenizerOptions options) {
  return std::make_shared<NGramTokenizerFactory>(std::move(name), std::move(options));
}

}  // namespace quiver::analysis
