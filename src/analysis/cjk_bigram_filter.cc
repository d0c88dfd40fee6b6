// Lucene CJKBigramFilter: runs of adjacent Han/Hiragana/Katakana/Hangul
// characters (from StandardTokenizer's <IDEOGRAPHIC>, <HIRAGANA>, <KATAKANA>,
// <HANGUL> tokens) become overlapping bigrams of type <DOUBLE>; a lone
// character stays a unigram of type <SINGLE>. With output_unigrams every
// character is also emitted, bigrams then stacking on it with position
// length 2. Other tokens pass through.
#include "analysis/token_filters.h"
#include "analysis/utf8.h"

namespace quiver::analysis {
namespace {

class CjkBigramFilter final : public TokenFilter {
 public:
  CjkBigramFilter(TokenStream* input, const CjkBigramOptions* options)
      : TokenFilter(input), options_(options) {}

  void Reset() override {
    TokenFilter::Reset();
    run_.clear();
    emit_index_ = 0;
    emit_unigram_next_ = true;
    have_pending_ = false;
    input_done_ = false;
  }

  bool Next(Token* token) override {
    while (true) {
      if (EmitFromRun(token)) return true;
      run_.clear();
      emit_index_ = 0;
      emit_unigram_next_ = true;
      if (have_pending_) {
        // The non-CJK token that ended the previous run.
        have_pending_ = false;
        *token = pending_;
        return true;
      }
      if (!deferred_.empty()) {
        run_.swap(deferred_);  // a CJK token not adjacent to the previous run
        deferred_.clear();
      } else if (input_done_) {
        return false;
      }
      // Extend the run with adjacent CJK tokens.
      while (!input_done_) {
        if (!input_->Next(&pending_)) {
          input_done_ = true;
          break;
        }
        if (!IsCjk(pending_.type)) {
          if (run_.empty()) {
            *token = pending_;
            return true;
          }
          have_pending_ = true;
          break;
        }
        if (!run_.empty() && pending_.start_offset != run_.back().end) {
          AppendChars(pending_, /*defer=*/true);
          break;
        }
        AppendChars(pending_, /*defer=*/false);
      }
    }
  }

 private:
  struct Char {
    std::string text;
    int32_t start;
    int32_t end;
    int32_t increment;
  };

  bool IsCjk(std::string_view type) const {
    return (options_->han && type == token_type::kIdeographic) ||
           (options_->hiragana && type == token_type::kHiragana) ||
           (options_->katakana && type == token_type::kKatakana) ||
           (options_->hangul && type == token_type::kHangul);
  }

  void AppendChars(const Token& t, bool defer) {
    std::vector<Char>& dest = defer ? deferred_ : run_;
    const bool exact = static_cast<size_t>(t.end_offset - t.start_offset) == t.term.size();
    bool first = true;
    for (size_t i = 0; i < t.term.size();) {
      char32_t cp;
      const size_t n = DecodeUtf8(t.term, i, &cp);
      Char c;
      c.text.assign(t.term, i, n);
      c.start = exact ? t.start_offset + static_cast<int32_t>(i) : t.start_offset;
      c.end = exact ? c.start + static_cast<int32_t>(n) : t.end_offset;
      c.increment = first ? t.position_increment : 1;
      first = false;
      dest.push_back(std::move(c));
      i += n;
    }
  }

  bool EmitFromRun(Token* token) {
    if (emit_index_ >= run_.size()) return false;
    const size_t n = run_.size();
    const size_t i = emit_index_;
    const bool lone = n == 1;
    if (lone || (options_->output_unigrams && emit_unigram_next_)) {
      Fill(token, i, i, token_type::kSingle);
      token->position_increment = run_[i].increment;
      if (lone || i + 1 >= n) {
        ++emit_index_;
      } else {
        emit_unigram_next_ = false;
      }
      return true;
    }
    if (i + 1 >= n) {
      ++emit_index_;
      return EmitFromRun(token);
    }
    Fill(token, i, i + 1, token_type::kDouble);
    if (options_->output_unigrams) {
      token->position_increment = 0;
      token->position_length = 2;
    } else {
      token->position_increment = run_[i].increment;
    }
    emit_unigram_next_ = true;
    ++emit_index_;
    return true;
  }

  void Fill(Token* token, size_t from, size_t to, std::string_view type) {
    token->Clear();
    for (size_t k = from; k <= to; ++k) token->term += run_[k].text;
    token->start_offset = run_[from].start;
    token->end_offset = run_[to].end;
    token->type = type;
  }

  const CjkBigramOptions* options_;
  std::vector<Char> run_;
  std::vector<Char> deferred_;
  size_t emit_index_ = 0;
  bool emit_unigram_next_ = true;
  Token pending_;
  bool have_pending_ = false;
  bool input_done_ = false;
};

class CjkBigramFilterFactory final : public TokenFilterFactory {
 public:
  CjkBigramFilterFactory(std::string name, CjkBigramOptions options)
      : TokenFilterFactory(std::move(name)), options_(options) {}
  std::unique_ptr<TokenFilter> Create(TokenStream* input, StreamContext*) const override {
    return std::make_unique<CjkBigramFilter>(input, &options_);
  }

 private:
  CjkBigramOptions options_;
};

}  // namespace

std::shared_ptr<const TokenFilterFactory> NewCjkBigramFilterFactory(std::string name,
                                                                    CjkBigramOptions options) {
  return std::make_shared<CjkBigramFilterFactory>(std::move(name), options);
}

}  // namespace quiver::analysis
