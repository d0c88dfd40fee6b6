// Lucene UAX29URLEmailTokenizer: the StandardTokenizer rules plus <URL> and
// <EMAIL> tokens, preferred when at least as long as the standard match.
// Lucene recognises bare domains only with a TLD from IANA's list; here a
// TLD is any two-letter code or one of the common generic TLDs.
#include "analysis/tokenizers.h"
#include "analysis/utf8.h"

namespace quiver::analysis {
namespace {

#define TLD                                                                                  \
  "(?:[A-Za-z]{2}|com|net|org|edu|gov|mil|int|info|biz|name|pro|aero|coop|museum|mobi|asia|" \
  "tel|travel|jobs|cat|post|arpa|app|dev|xyz|online|site|tech|store|blog|cloud|page|news|"   \
  "shop)"
#define LABEL "[A-Za-z0-9](?:[A-Za-z0-9\\-]*[A-Za-z0-9])?"
#define DOMAIN "(?:" LABEL "\\.)+" TLD "(?![A-Za-z0-9\\-])"

const char* const kEmail =
    "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-]+)*@(?:" DOMAIN
    "|\\[[0-9.]+\\])";
const char* const kUrl =
    "(?:(?:[A-Za-z][A-Za-z0-9+.\\-]*)://[^\\s<>\"]+|" DOMAIN "(?::[0-9]+)?(?:/[^\\s<>\"]*)?)";

const std::shared_ptr<const Regex>& EmailRegex() {
  static const std::shared_ptr<const Regex> r = Regex::Compile(kEmail, "CASE_INSENSITIVE").value();
  return r;
}
const std::shared_ptr<const Regex>& UrlRegex() {
  static const std::shared_ptr<const Regex> r = Regex::Compile(kUrl, "CASE_INSENSITIVE").value();
  return r;
}

bool MayStartUrlOrEmail(unsigned char b) {
  return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') ||
         (b < 0x80 && std::string_view("!#$%&'*+/=?^_`{|}~-").find(static_cast<char>(b)) !=
                          std::string_view::npos);
}

class UaxUrlEmailTokenizer final : public Tokenizer {
 public:
  explicit UaxUrlEmailTokenizer(int max_token_length)
      : max_token_length_(max_token_length),
        email_(EmailRegex()->NewMatcher()),
        url_(UrlRegex()->NewMatcher()) {}

  void Reset() override {
    pos_ = 0;
    email_->Reset(input_);
    url_->Reset(input_);
  }

  bool Next(Token* token) override {
    while (pos_ < input_.size()) {
      StandardMatch m = MatchStandardToken(input_, pos_, max_token_length_);
      const unsigned char b = static_cast<unsigned char>(input_[pos_]);
      if (MayStartUrlOrEmail(b)) {
        size_t url_len = 0, email_len = 0;
        if (url_->LookingAt(pos_)) url_len = TrimUrl(pos_, static_cast<size_t>(url_->end()));
        if (email_->LookingAt(pos_)) email_len = static_cast<size_t>(email_->end()) - pos_;
        const size_t limit = static_cast<size_t>(max_token_length_);
        if (url_len > limit) url_len = 0;
        if (email_len > limit) email_len = 0;
        if (url_len >= m.length_bytes && url_len >= email_len && url_len > 0) {
          m = StandardMatch{url_len, token_type::kUrl};
        } else if (email_len >= m.length_bytes && email_len > 0) {
          m = StandardMatch{email_len, token_type::kEmail};
        }
      }
      if (m.length_bytes == 0) {
        char32_t cp;
        pos_ += DecodeUtf8(input_, pos_, &cp);
        continue;
      }
      token->term.assign(input_.data() + pos_, m.length_bytes);
      token->position_increment = 1;
      token->position_length = 1;
      token->start_offset = static_cast<int32_t>(pos_);
      token->end_offset = static_cast<int32_t>(pos_ + m.length_bytes);
      token->type = m.type;
      token->keyword = false;
      pos_ += m.length_bytes;
      return true;
    }
    return false;
  }

 private:
  // URLs do not end with sentence punctuation.
  size_t TrimUrl(size_t start, size_t end) const {
    while (end > start &&
           std::string_view(".,;:!?)'\"").find(input_[end - 1]) != std::string_view::npos) {
      --end;
    }
    return end - start;
  }

  int max_token_length_;
  std::unique_ptr<RegexMatcher> email_;
  std::unique_ptr<RegexMatcher> url_;
  size_t pos_ = 0;
};

class UaxUrlEmailTokenizerFactory final : public TokenizerFactory {
 public:
  UaxUrlEmailTokenizerFactory(std::string name, int max_token_length)
      : TokenizerFactory(std::move(name)), max_token_length_(max_token_length) {}
  std::unique_ptr<Tokenizer> Create(StreamContext*) const override {
    return std::make_unique<UaxUrlEmailTokenizer>(max_token_length_);
  }

 private:
  int max_token_length_;
};

}  // namespace

std::shared_ptr<const TokenizerFactory> NewUaxUrlEmailTokenizerFactory(std::string name,
                                                                       int max_token_length) {
  return std::make_shared<UaxUrlEmailTokenizerFactory>(std::move(name), max_token_length);
}

}  // namespace quiver::analysis
