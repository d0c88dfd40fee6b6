// Lucene PatternTokenizer (pattern), SimplePatternTokenizer (simple_pattern)
// and SimplePatternSplitTokenizer (simple_pattern_split). The simple_* ones
// use Lucene's own regexp dialect; here they run on the same Java-compatible
// engine as `pattern`, which accepts the common subset of both.
#include "analysis/tokenizers.h"

namespace quiver::analysis {
namespace {

class PatternTokenizer final : public Tokenizer {
 public:
  // group < 0: split on matches; otherwise emit that group of each match.
  PatternTokenizer(const Regex* regex, int group, StreamContext* context)
      : matcher_(regex->NewMatcher()), group_(group), context_(context) {}

  void Reset() override {
    matcher_->Reset(input_);
    index_ = 0;
    done_ = false;
  }

  bool Next(Token* token) override {
    if (done_) return false;
    if (group_ >= 0) {
      while (matcher_->Find()) {
        const int64_t start = matcher_->start(group_);
        const int64_t end = matcher_->end(group_);
        if (start < 0 || start == end) continue;
        return Emit(token, static_cast<size_t>(start), static_cast<size_t>(end));
      }
      return Finish();
    }
    while (matcher_->Find()) {
      const size_t start = static_cast<size_t>(matcher_->start());
      if (start > index_) {
        const size_t from = index_;
        index_ = static_cast<size_t>(matcher_->end());
        return Emit(token, from, start);
      }
      index_ = static_cast<size_t>(matcher_->end());
    }
    if (!matcher_->status().ok()) return Finish();
    done_ = true;
    if (index_ >= input_.size()) return false;
    return Emit(token, index_, input_.size());
  }

 private:
  bool Emit(Token* token, size_t start, size_t end) {
    token->term.assign(input_.data() + start, end - start);
    token->position_increment = 1;
    token->position_length = 1;
    token->start_offset = static_cast<int32_t>(start);
    token->end_offset = static_cast<int32_t>(end);
    token->type = token_type::kWord;
    token->keyword = false;
    return true;
  }
  bool Finish() {
    done_ = true;
    if (!matcher_->status().ok()) context_->Fail(matcher_->status());
    return false;
  }

  std::unique_ptr<RegexMatcher> matcher_;
  int group_;
  StreamContext* context_;
  size_t index_ = 0;
  bool done_ = false;
};

class PatternTokenizerFactory final : public TokenizerFactory {
 public:
  PatternTokenizerFactory(std::string name, std::shared_ptr<const Regex> regex, int group)
      : TokenizerFactory(std::move(name)), regex_(std::move(regex)), group_(group) {}
  std::unique_ptr<Tokenizer> Create(StreamContext* context) const override {
    return std::make_unique<PatternTokenizer>(regex_.get(), group_, context);
  }

 private:
  std::shared_ptr<const Regex> regex_;
  int group_;
};

}  // namespace

std::shared_ptr<const TokenizerFactory> NewPatternTokenizerFactory(
    std::string name, std::shared_ptr<const Regex> regex, int group) {
  return std::make_shared<PatternTokenizerFactory>(std::move(name), std::move(regex), group);
}

std::shared_ptr<const TokenizerFactory> NewSimplePatternTokenizerFactory(
    std::string name, std::shared_ptr<const Regex> regex, bool split) {
  return std::make_shared<PatternTokenizerFactory>(std::move(name), std::move(regex),
                                                   split ? -1 : 0);
}

}  // namespace quiver::analysis
