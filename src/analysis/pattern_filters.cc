// Regex token filters: Lucene PatternReplaceFilter (pattern_replace: first or
// all matches in the term replaced, Java replacement syntax) and
// PatternCaptureGroupTokenFilter (pattern_capture: emits each non-empty
// capture group of every match, ordered by start offset, at the position of
// the original token).
#include <climits>

#include "analysis/token_filters.h"

namespace quiver::analysis {
namespace {

class PatternReplaceFilter final : public TokenFilter {
 public:
  PatternReplaceFilter(TokenStream* input, const Regex* regex, const std::string* replacement,
                       bool all, StreamContext* context)
      : TokenFilter(input),
        matcher_(regex->NewMatcher()),
        replacement_(replacement),
        all_(all),
        context_(context) {}

  bool Next(Token* token) override {
    if (!input_->Next(token)) return false;
    const std::string& term = token->term;
    matcher_->Reset(term);
    if (!matcher_->Find()) {
      if (!matcher_->status().ok()) context_->Fail(matcher_->status());
      return true;
    }
    out_.clear();
    size_t last = 0;
    do {
      const size_t start = static_cast<size_t>(matcher_->start());
      out_.append(term, last, start - last);
      matcher_->AppendReplacement(*replacement_, &out_);
      last = static_cast<size_t>(matcher_->end());
    } while (all_ && matcher_->Find());
    if (!matcher_->status().ok()) context_->Fail(matcher_->status());
    out_.append(term, last, std::string::npos);
    token->term.swap(out_);
    return true;
  }

 private:
  std::unique_ptr<RegexMatcher> matcher_;
  const std::string* replacement_;
  bool all_;
  StreamContext* context_;
  std::string out_;
};

class PatternReplaceFilterFactory final : public TokenFilterFactory {
 public:
  PatternReplaceFilterFactory(std::string name, std::shared_ptr<const Regex> regex,
                              std::string replacement, bool all)
      : TokenFilterFactory(std::move(name)),
        regex_(std::move(regex)),
        replacement_(std::move(replacement)),
        all_(all) {}
  std::unique_ptr<TokenFilter> Create(TokenStream* input, StreamContext* context) const override {
    return std::make_unique<PatternReplaceFilter>(input, regex_.get(), &replacement_, all_,
                                                  context);
  }
  bool normalizing() const override { return true; }

 private:
  std::shared_ptr<const Regex> regex_;
  std::string replacement_;
  bool all_;
};

class PatternCaptureFilter final : public TokenFilter {
 public:
  PatternCaptureFilter(TokenStream* input,
                       const std::vector<std::shared_ptr<const Regex>>* patterns,
                       bool preserve_original, StreamContext* context)
      : TokenFilter(input), preserve_original_(preserve_original), context_(context) {
    for (const auto& p : *patterns) {
      matchers_.push_back(p->NewMatcher());
      group_counts_.push_back(p->group_count());
    }
    current_group_.assign(matchers_.size(), -1);
  }

  void Reset() override {
    TokenFilter::Reset();
    current_ = -1;
  }

  bool Next(Token* token) override {
    if (current_ != -1 && NextCapture()) {
      *token = original_;
      EmitCapture(token);
      token->position_increment = 0;
      return true;
    }
    if (!input_->Next(token)) return false;
    original_ = *token;
    for (size_t i = 0; i < matchers_.size(); ++i) {
      matchers_[i]->Reset(original_.term);
      current_group_[i] = -1;
    }
    if (preserve_original_) {
      current_ = 0;
    } else if (NextCapture()) {
      EmitCapture(token);
    }
    return true;
  }

 private:
  void EmitCapture(Token* token) {
    RegexMatcher& m = *matchers_[static_cast<size_t>(current_)];
    int& group = current_group_[static_cast<size_t>(current_)];
    const int64_t start = m.start(group), end = m.end(group);
    token->term.assign(original_.term, static_cast<size_t>(start),
                       static_cast<size_t>(end - start));
    ++group;
  }

  bool NextCapture() {
    int64_t min_offset = INT64_MAX;
    current_ = -1;
    for (int i = 0; i < static_cast<int>(matchers_.size()); ++i) {
      RegexMatcher& m = *matchers_[static_cast<size_t>(i)];
      int& group = current_group_[static_cast<size_t>(i)];
      const int groups = group_counts_[static_cast<size_t>(i)];
      if (group == -1) {
        group = m.Find() ? 1 : 0;
        if (!m.status().ok()) {
          context_->Fail(m.status());
          group = 0;
        }
      }
      if (group == 0) continue;
      while (group < groups + 1) {
        const int64_t start = m.start(group), end = m.end(group);
        if (start == end || (preserve_original_ && start == 0 &&
                             end == static_cast<int64_t>(original_.term.size()))) {
          ++group;
          continue;
        }
        if (start < min_offset) {
          min_offset = start;
          current_ = i;
        }
        break;
      }
      if (group == groups + 1) {
        group = -1;
        --i;
      }
    }
    return current_ != -1;
  }

  std::vector<std::unique_ptr<RegexMatcher>> matchers_;
  std::vector<int> group_counts_;
  std::vector<int> current_group_;
  bool preserve_original_;
  StreamContext* context_;
  int current_ = -1;
  Token original_;
};

class PatternCaptureFilterFactory final : public TokenFilterFactory {
 public:
  PatternCaptureFilterFactory(std::string name, std::vector<std::shared_ptr<const Regex>> patterns,
                              bool preserve_original)
      : TokenFilterFactory(std::move(name)),
        patterns_(std::move(patterns)),
        preserve_original_(preserve_original) {}
  std::unique_ptr<TokenFilter> Create(TokenStream* input, StreamContext* context) const override {
    return std::make_unique<PatternCaptureFilter>(input, &patterns_, preserve_original_, context);
  }

 private:
  std::vector<std::shared_ptr<const Regex>> patterns_;
  bool preserve_original_;
};

}  // namespace

std::shared_ptr<const TokenFilterFactory> NewPatternReplaceFilterFactory(
    std::string name, std::shared_ptr<const Regex> regex, std::string replacement, bool all) {
  return std::make_shared<PatternReplaceFilterFactory>(std::move(name), std::move(regex),
                                                       std::move(replacement), all);
}

std::shared_ptr<const TokenFilterFactory> NewPatternCaptureFilterFactory(
    std::string name, std::vector<std::shared_ptr<const Regex>> patterns, bool preserve_original) {
  return std::make_shared<PatternCaptureFilterFactory>(std::move(name), std::move(patterns),
                                                       preserve_original);
}

}  // namespace quiver::analysis
