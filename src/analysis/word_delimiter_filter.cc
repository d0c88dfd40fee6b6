// Lucene WordDelimiterFilter (word_delimiter) and WordDelimiterGraphFilter
// (word_delimiter_graph): splits tokens into subwords at non-alphanumeric
// characters, case changes ("PowerShot" -> Power, Shot) and letter/digit
// transitions ("SD500" -> SD, 500), drops a trailing English possessive
// ("Neil's" -> Neil), and optionally adds catenations ("wifi") and the
// original token.
//
// Output order and positions follow Lucene: the legacy filter sorts by start
// offset (the token carrying the position increment first) and stacks
// catenations on their first part; the graph filter sorts by start position
// then longest span first and gives catenations/original a position length
// spanning their parts.
#include <unicode/uchar.h>

#include <algorithm>

#include "analysis/token_filters.h"
#include "analysis/utf8.h"

namespace quiver::analysis {
namespace {

namespace wdt = word_delimiter_type;

uint8_t DefaultType(char32_t c) {
  if (c < 0x80) {
    if (c >= 'a' && c <= 'z') return wdt::kLower;
    if (c >= 'A' && c <= 'Z') return wdt::kUpper;
    if (c >= '0' && c <= '9') return wdt::kDigit;
    return wdt::kSubwordDelim;
  }
  switch (u_charType(static_cast<UChar32>(c))) {
    case U_UPPERCASE_LETTER:
      return wdt::kUpper;
    case U_LOWERCASE_LETTER:
      return wdt::kLower;
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
    case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_COMBINING_SPACING_MARK:
      return wdt::kAlpha;
    case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
      return wdt::kDigit;
    default:
      return wdt::kSubwordDelim;
  }
}

bool IsAlpha(uint8_t t) { return (t & wdt::kAlpha) != 0; }
bool IsDigit(uint8_t t) { return (t & wdt::kDigit) != 0; }
bool IsDelim(uint8_t t) { return (t & wdt::kSubwordDelim) != 0; }
bool IsUpper(uint8_t t) { return (t & wdt::kUpper) != 0; }

struct Subword {
  size_t start;  // code point index
  size_t end;
  bool alpha;
};

struct Part {
  size_t first_sub;  // subword range [first_sub, last_sub)
  size_t last_sub;
  bool original = false;
  int32_t increment = 0;  // legacy filter
  int32_t start_pos = 0;  // graph filter
  int32_t end_pos = 0;
};

class WordDelimiterFilter final : public TokenFilter {
 public:
  WordDelimiterFilter(TokenStream* input, const WordDelimiterOptions* options, bool graph)
      : TokenFilter(input), options_(options), graph_(graph) {}

  void Reset() override {
    TokenFilter::Reset();
    queue_.clear();
    next_ = 0;
    carried_increment_ = 0;
  }

  bool Next(Token* token) override {
    while (true) {
      if (next_ < queue_.size()) {
        Emit(queue_[next_++], token);
        return true;
      }
      queue_.clear();
      next_ = 0;
      if (!input_->Next(&current_)) return false;
      current_.position_increment += carried_increment_;
      carried_increment_ = 0;
      if (options_->ignore_keywords && current_.keyword) {
        *token = current_;
        return true;
      }
      if (options_->protected_words && options_->protected_words->Contains(current_.term)) {
        *token = current_;
        return true;
      }
      Split();
      if (subwords_.size() == 1 && subwords_[0].start == 0 && subwords_[0].end == cps_.size()) {
        *token = current_;  // nothing to split
        return true;
      }
      if (subwords_.empty()) {
        if (options_->preserve_original) {
          *token = current_;
          return true;
        }
        carried_increment_ = current_.position_increment;
        continue;
      }
      BuildParts();
      if (queue_.empty()) carried_increment_ = current_.position_increment;
    }
  }

 private:
  uint8_t TypeOf(char32_t c) const {
    for (const auto& [ch, type] : options_->type_table) {
      if (ch == c) return type;
    }
    return DefaultType(c);
  }

  bool IsBreak(uint8_t last, uint8_t type) const {
    if ((type & last) != 0) return false;
    if (!options_->split_on_case_change && IsAlpha(last) && IsAlpha(type)) return false;
    if (IsUpper(last) && IsAlpha(type)) return false;
    if (!options_->split_on_numerics &&
        ((IsAlpha(last) && IsDigit(type)) || (IsDigit(last) && IsAlpha(type)))) {
      return false;
    }
    return true;
  }

  // "'s" after a letter, followed by the end or a delimiter.
  bool PossessiveAt(size_t i) const {
    const size_t n = cps_.size();
    return options_->stem_english_possessive && i > 0 && i + 1 < n && cps_[i] == '\'' &&
           (cps_[i + 1] == 's' || cps_[i + 1] == 'S') && IsAlpha(types_[i - 1]) &&
           (i + 2 == n || IsDelim(types_[i + 2]));
  }

  void Split() {
    DecodeUtf8(current_.term, &cps_);
    const size_t n = cps_.size();
    types_.resize(n);
    byte_pos_.resize(n + 1);
    size_t b = 0;
    for (size_t i = 0; i < n; ++i) {
      types_[i] = TypeOf(cps_[i]);
      byte_pos_[i] = b;
      b += Utf8Length(cps_[i]);
    }
    byte_pos_[n] = b;
    subwords_.clear();
    size_t i = 0;
    while (i < n) {
      if (PossessiveAt(i)) {
        i += 2;
        continue;
      }
      if (IsDelim(types_[i])) {
        ++i;
        continue;
      }
      const size_t start = i;
      uint8_t last = types_[i++];
      while (i < n && !IsDelim(types_[i]) && !IsBreak(last, types_[i])) last = types_[i++];
      subwords_.push_back({start, i, IsAlpha(types_[start])});
    }
  }

  bool Generates(const Subword& s) const {
    return s.alpha ? options_->generate_word_parts : options_->generate_number_parts;
  }

  void BuildParts() {
    const size_t n = subwords_.size();
    // Relative position of each subword: generated parts before it.
    std::vector<int32_t> pos(n + 1, 0);
    for (size_t i = 0; i < n; ++i) pos[i + 1] = pos[i] + (Generates(subwords_[i]) ? 1 : 0);
    const int32_t total = std::max<int32_t>(pos[n], 1);
    auto add = [&](size_t first, size_t last, bool original, bool primary) {
      Part p;
      p.first_sub = first;
      p.last_sub = last;
      p.original = original;
      p.increment = primary ? 1 : 0;
      p.start_pos = original ? 0 : pos[first];
      p.end_pos = original ? total : std::max(pos[last], p.start_pos + 1);
      queue_.push_back(p);
    };
    if (options_->preserve_original) add(0, n, true, true);
    for (size_t i = 0; i < n; ++i) {
      if (Generates(subwords_[i])) add(i, i + 1, false, true);
    }
    size_t last_concat_count = 0;
    for (size_t i = 0; i < n;) {
      size_t j = i;
      while (j < n && subwords_[j].alpha == subwords_[i].alpha) ++j;
      const bool wanted =
          subwords_[i].alpha ? options_->catenate_words : options_->catenate_numbers;
      if (wanted && (j - i > 1 || !Generates(subwords_[i]))) {
        add(i, j, false, false);
        last_concat_count = j - i;
      }
      i = j;
    }
    if (options_->catenate_all && n > last_concat_count && (n > 1 || !Generates(subwords_[0]))) {
      add(0, n, false, false);
    }
    if (queue_.empty()) return;
    if (graph_) {
      std::stable_sort(queue_.begin(), queue_.end(), [](const Part& a, const Part& b) {
        if (a.start_pos != b.start_pos) return a.start_pos < b.start_pos;
        return a.end_pos > b.end_pos;
      });
    } else {
      // The original (when kept) carries the position; the first part stacks on it.
      if (options_->preserve_original) {
        for (Part& p : queue_) {
          if (!p.original && p.increment == 1) {
            p.increment = 0;
            break;
          }
        }
      }
      std::stable_sort(queue_.begin(), queue_.end(), [&](const Part& a, const Part& b) {
        const size_t sa = a.original ? 0 : subwords_[a.first_sub].start;
        const size_t sb = b.original ? 0 : subwords_[b.first_sub].start;
        if (sa != sb) return sa < sb;
        return a.increment > b.increment;
      });
    }
    last_start_pos_ = 0;
    first_emit_ = true;
  }

  void Emit(const Part& p, Token* token) {
    *token = current_;
    token->keyword = false;
    size_t from_cp, to_cp;
    if (p.original) {
      from_cp = 0;
      to_cp = cps_.size();
      token->term = current_.term;
    } else {
      token->term.clear();
      for (size_t s = p.first_sub; s < p.last_sub; ++s) {
        const Subword& sw = subwords_[s];
        token->term.append(current_.term, byte_pos_[sw.start],
                           byte_pos_[sw.end] - byte_pos_[sw.start]);
      }
      from_cp = subwords_[p.first_sub].start;
      to_cp = subwords_[p.last_sub - 1].end;
    }
    const bool legal_offsets =
        static_cast<size_t>(current_.end_offset - current_.start_offset) == current_.term.size();
    if (legal_offsets && (!graph_ || options_->adjust_offsets) && !p.original) {
      token->start_offset = current_.start_offset + static_cast<int32_t>(byte_pos_[from_cp]);
      token->end_offset = current_.start_offset + static_cast<int32_t>(byte_pos_[to_cp]);
    }
    if (graph_) {
      token->position_increment =
          first_emit_ ? current_.position_increment : p.start_pos - last_start_pos_;
      token->position_length = p.end_pos - p.start_pos;
      last_start_pos_ = p.start_pos;
    } else {
      token->position_increment = first_emit_ ? current_.position_increment : p.increment;
      token->position_length = 1;
    }
    first_emit_ = false;
  }

  const WordDelimiterOptions* options_;
  bool graph_;
  Token current_;
  std::u32string cps_;
  std::vector<uint8_t> types_;
  std::vector<size_t> byte_pos_;
  std::vector<Subword> subwords_;
  std::vector<Part> queue_;
  size_t next_ = 0;
  int32_t carried_increment_ = 0;
  int32_t last_start_pos_ = 0;
  bool first_emit_ = true;
};

class WordDelimiterFilterFactory final : public TokenFilterFactory {
 public:
  WordDelimiterFilterFactory(std::string name, WordDelimiterOptions options, bool graph)
      : TokenFilterFactory(std::move(name)), options_(std::move(options)), graph_(graph) {}
  std::unique_ptr<TokenFilter> Create(TokenStream* input, StreamContext*) const override {
    return std::make_unique<WordDelimiterFilter>(input, &options_, graph_);
  }
  bool uses_keyword_attribute() const override { return graph_; }
  SynonymRole synonym_role() const override { return SynonymRole::kReject; }

 private:
  WordDelimiterOptions options_;
  bool graph_;
};

}  // namespace

std::shared_ptr<const TokenFilterFactory> NewWordDelimiterFilterFactory(
    std::string name, WordDelimiterOptions options, bool graph) {
  return std::make_shared<WordDelimiterFilterFactory>(std::move(name), std::move(options), graph);
}

}  // namespace quiver::analysis
