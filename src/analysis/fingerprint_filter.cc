// Lucene FingerprintFilter: the sorted, de-duplicated terms joined by a
// separator as one token (type "fingerprint", offsets 0..end of input); no
// token if there are none or the result exceeds max_output_size UTF-16 units.
// Also FlattenGraphFilter, which is the identity here: positions produced by
// this library's graph filters are already index-safe (see synonym_filter.cc).
#include <algorithm>

#include "analysis/token_filters.h"
#include "analysis/utf8.h"

namespace quiver::analysis {
namespace {

class FingerprintFilter final : public TokenFilter {
 public:
  FingerprintFilter(TokenStream* input, const std::string* separator, int max_output_size)
      : TokenFilter(input), separator_(separator), max_output_size_(max_output_size) {}

  void Reset() override {
    TokenFilter::Reset();
    done_ = false;
  }

  bool Next(Token* token) override {
    if (done_) return false;
    done_ = true;
    terms_.clear();
    while (input_->Next(token)) terms_.push_back(token->term);
    input_->End(&end_);
    if (terms_.empty()) return false;
    std::sort(terms_.begin(), terms_.end(),
              [](const std::string& a, const std::string& b) { return Utf16Less(a, b); });
    terms_.erase(std::unique(terms_.begin(), terms_.end()), terms_.end());
    token->Clear();
    size_t units = 0;
    for (size_t i = 0; i < terms_.size(); ++i) {
      if (i > 0) {
        token->term += *separator_;
        units += CountUtf16Units(*separator_);
      }
      token->term += terms_[i];
      units += CountUtf16Units(terms_[i]);
    }
    if (units > static_cast<size_t>(max_output_size_)) return false;
    token->start_offset = 0;
    token->end_offset = end_.final_offset;
    token->type = token_type::kFingerprint;
    return true;
  }

  void End(EndState* state) override {
    if (!done_) input_->End(&end_);
    *state = end_;
  }

 private:
  // Java String order: by UTF-16 code unit.
  static bool Utf16Less(const std::string& a, const std::string& b) {
    std::u32string x, y;
    DecodeUtf8(a, &x);
    DecodeUtf8(b, &y);
    auto key = [](char32_t c) -> uint32_t {
      // Supplementary characters sort as surrogates (0xD800..) in UTF-16.
      return c >= 0x10000 ? 0xD800 + ((c - 0x10000) >> 10) : (c >= 0xE000 ? c + 0x800 : c);
    };
    return std::lexicographical_compare(x.begin(), x.end(), y.begin(), y.end(),
                                        [&](char32_t p, char32_t q) { return key(p) < key(q); });
  }

  const std::string* separator_;
  int max_output_size_;
  bool done_ = false;
  std::vector<std::string> terms_;
  EndState end_;
};

class FingerprintFilterFactory final : public TokenFilterFactory {
 public:
  FingerprintFilterFactory(std::string name, std::string separator, int max_output_size)
      : TokenFilterFactory(std::move(name)),
        separator_(std::move(separator)),
        max_output_size_(max_output_size) {}
  std::unique_ptr<TokenFilter> Create(TokenStream* input, StreamContext*) const override {
    return std::make_unique<FingerprintFilter>(input, &separator_, max_output_size_);
  }
  SynonymRole synonym_role() const override { return SynonymRole::kReject; }

 private:
  std::string separator_;
  int max_output_size_;
};

class IdentityFilter final : public TokenFilter {
 public:
  using TokenFilter::TokenFilter;
  bool Next(Token* token) override { return input_->Next(token); }
};

class FlattenGraphFilterFactory final : public TokenFilterFactory {
 public:
  using TokenFilterFactory::TokenFilterFactory;
  std::unique_ptr<TokenFilter> Create(TokenStream* input, StreamContext*) const override {
    return std::make_unique<IdentityFilter>(input);
  }
};

}  // namespace

std::shared_ptr<const TokenFilterFactory> NewFingerprintFilterFactory(std::string name,
                                                                      std::string separator,
                                                                      int max_output_size) {
  return std::make_shared<FingerprintFilterFactory>(std::move(name), std::move(separator),
                                                    max_output_size);
}

std::shared_ptr<const TokenFilterFactory> NewFlattenGraphFilterFactory(std::string name) {
  return std::make_shared<FlattenGraphFilterFactory>(std::move(name));
}

}  // namespace quiver::analysis
