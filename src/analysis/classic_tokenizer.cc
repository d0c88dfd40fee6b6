// Lucene ClassicTokenizer (the pre-UAX#29 StandardTokenizer grammar, for
// English): <ALPHANUM>, <APOSTROPHE> (o'reilly), <ACRONYM> (U.S.A.),
// <COMPANY> (AT&T), <EMAIL>, <HOST> (www.example.com), <NUM> (numbers,
// dates, product codes) and <CJ> (one CJK character). The grammar's rules
// are regular expressions here; at each position the longest match wins,
// earlier rules on ties, as in JFlex. Tokens longer than max_token_length
// are skipped (their position is kept), as Lucene does for this tokenizer.
#include "analysis/char_props.h"
#include "analysis/tokenizers.h"
#include "analysis/utf8.h"

namespace quiver::analysis {
namespace {

#define CJ_SET                                                                                 \
  "\\u3100-\\u312f\\u3040-\\u309F\\u30A0-\\u30FF\\u31F0-\\u31FF\\u3300-\\u337f\\u3400-\\u4dbf" \
  "\\u4e00-\\u9fff\\uf900-\\ufaff\\uff65-\\uff9f"
#define LETTER "[[\\p{L}]-[" CJ_SET "]]"
#define AN "[[\\p{L}\\p{Nd}\\u0E00-\\u0E59]-[" CJ_SET "]]+"
#define LD "[[\\p{L}\\p{Nd}]-[" CJ_SET "]]"
#define ALPHA LETTER "+"
#define P "[_\\-/.,]"
#define HD "(?:" LD "*\\p{Nd}" LD "*)"

struct Rule {
  const char* pattern;
  std::string_view type;
  bool acronym_dep = false;
};

const Rule kRules[] = {
    {AN, token_type::kAlphanum},
    {ALPHA "(?:'" ALPHA ")+", token_type::kApostrophe},
    {LETTER "\\.(?:" LETTER "\\.)+", token_type::kAcronym},
    {ALPHA "[&@]" ALPHA, token_type::kCompany},
    {AN "(?:[._\\-]" AN ")*@" AN "(?:[.\\-]" AN ")+", token_type::kEmail},
    {AN "(?:\\." AN ")+", token_type::kHost},
    {"(?:" AN P HD ")", token_type::kNum},
    {"(?:" HD P AN ")", token_type::kNum},
    {"(?:" AN "(?:" P HD P AN ")+)", token_type::kNum},
    {"(?:" HD "(?:" P AN P HD ")+)", token_type::kNum},
    {"(?:" AN P HD "(?:" P AN P HD ")+)", token_type::kNum},
    {"(?:" HD P AN "(?:" P HD P AN ")+)", token_type::kNum},
    {"[" CJ_SET "]", token_type::kCj},
    {AN "\\.(?:" AN "\\.)+", token_type::kHost, true},
};

const std::vector<std::shared_ptr<const Regex>>& CompiledRules() {
  static const std::vector<std::shared_ptr<const Regex>> rules = [] {
    std::vector<std::shared_ptr<const Regex>> out;
    for (const Rule& r : kRules) {
      auto compiled = Regex::Compile(r.pattern, "UNICODE_CHARACTER_CLASS");
      out.push_back(compiled.ok() ? *compiled : nullptr);
    }
    return out;
  }();
  return rules;
}

class ClassicTokenizer final : public Tokenizer {
 public:
  explicit ClassicTokenizer(int max_token_length) : max_token_length_(max_token_length) {
    for (const auto& r : CompiledRules()) matchers_.push_back(r ? r->NewMatcher() : nullptr);
  }

  void Reset() override {
    pos_ = 0;
    for (auto& m : matchers_) {
      if (m) m->Reset(input_);
    }
  }

  bool Next(Token* token) override {
    int32_t skipped = 0;
    while (pos_ < input_.size()) {
      char32_t cp;
      const size_t n = DecodeUtf8(input_, pos_, &cp);
      const CharProps p = GetCharProps(cp);
      const bool cj = (cp >= 0x3040 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                      (cp >= 0xFF65 && cp <= 0xFF9F);
      if (!p.Has(char_flag::kLetter) && !p.Has(char_flag::kDigit) && !cj &&
          !(cp >= 0x0E00 && cp <= 0x0E59)) {
        pos_ += n;
        continue;
      }
      size_t best_end = pos_;
      size_t best_rule = 0;
      for (size_t r = 0; r < matchers_.size(); ++r) {
        if (!matchers_[r] || !matchers_[r]->LookingAt(pos_)) continue;
        const size_t end = static_cast<size_t>(matchers_[r]->end());
        if (end > best_end) {
          best_end = end;
          best_rule = r;
        }
      }
      if (best_end == pos_) {
        pos_ += n;
        continue;
      }
      const size_t start = pos_;
      pos_ = best_end;
      if (CountUtf16Units(input_.substr(start, best_end - start)) >
          static_cast<size_t>(max_token_length_)) {
        ++skipped;
        continue;
      }
      token->term.assign(input_.data() + start, best_end - start);
      if (kRules[best_rule].acronym_dep) token->term.pop_back();
      token->position_increment = 1 + skipped;
      token->position_length = 1;
      token->start_offset = static_cast<int32_t>(start);
      token->end_offset = static_cast<int32_t>(best_end);
      token->type = kRules[best_rule].type;
      token->keyword = false;
      return true;
    }
    skipped_at_end_ = skipped;
    return false;
  }

  void End(EndState* state) override {
    Tokenizer::End(state);
    state->position_increment = skipped_at_end_;
  }

 private:
  int max_token_length_;
  std::vector<std::unique_ptr<RegexMatcher>> matchers_;
  size_t pos_ = 0;
  int32_t skipped_at_end_ = 0;
};

class ClassicTokenizerFactory final : public TokenizerFactory {
 public:
  ClassicTokenizerFactory(std::string name, int max_token_length)
      : TokenizerFactory(std::move(name)), max_token_length_(max_token_length) {}
  std::unique_ptr<Tokenizer> Create(StreamContext*) const override {
    return std::make_unique<ClassicTokenizer>(max_token_length_);
  }

 private:
  int max_token_length_;
};

}  // namespace

std::shared_ptr<const TokenizerFactory> NewClassicTokenizerFactory(std::string name,
                                                                   int max_token_length) {
  return std::make_shared<ClassicTokenizerFactory>(std::move(name), max_token_length);
}

}  // namespace quiver::analysis
