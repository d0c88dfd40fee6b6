// Stemming filters: Lucene SnowballFilter (libstemmer), PorterStemFilter,
// KStemFilter, EnglishMinimalStemFilter, EnglishPossessiveFilter and the
// light/minimal stemmers. Keyword-marked tokens are left alone (except by the
// possessive filter, which Lucene does not make keyword-aware).
#include "analysis/filter_base.h"
#include "analysis/stemmers.h"
#include "analysis/token_filters.h"
#include "analysis/utf8.h"

namespace quiver::analysis {
namespace {

enum class StemKind {
  kSnowball,
  kPorter,
  kKStem,
  kMinimalEnglish,
  kPossessive,
  kFrenchLight,
  kFrenchMinimal,
  kGermanLight,
  kGermanMinimal,
  kItalianLight,
  kSpanishLight,
  kPortugueseLight,
};

struct NamedKind {
  std::string_view name;
  StemKind kind;
};

constexpr NamedKind kLuceneStemmers[] = {
    {"porter", StemKind::kPorter},
    {"light_english", StemKind::kKStem},
    {"kstem", StemKind::kKStem},
    {"minimal_english", StemKind::kMinimalEnglish},
    {"possessive_english", StemKind::kPossessive},
    {"light_french", StemKind::kFrenchLight},
    {"minimal_french", StemKind::kFrenchMinimal},
    {"light_german", StemKind::kGermanLight},
    {"minimal_german", StemKind::kGermanMinimal},
    {"light_italian", StemKind::kItalianLight},
    {"light_spanish", StemKind::kSpanishLight},
    {"light_portuguese", StemKind::kPortugueseLight},
};

bool FindKind(std::string_view algorithm, StemKind* kind) {
  for (const NamedKind& k : kLuceneStemmers) {
    if (k.name == algorithm) {
      *kind = k.kind;
      return true;
    }
  }
  if (HasSnowballAlgorithm(std::string(algorithm))) {
    *kind = StemKind::kSnowball;
    return true;
  }
  return false;
}

void StemCodePoints(std::string* term, void (*stem)(std::u32string*)) {
  thread_local std::u32string cps;
  DecodeUtf8(*term, &cps);
  stem(&cps);
  term->clear();
  AppendUtf8(cps, term);
}

class StemmerFilter final : public TokenFilter {
 public:
  StemmerFilter(TokenStream* input, StemKind kind, const std::string& algorithm)
      : TokenFilter(input), kind_(kind) {
    if (kind == StemKind::kSnowball) snowball_ = SnowballStemmer::Create(algorithm);
  }

  bool Next(Token* token) override {
    if (!input_->Next(token)) return false;
    if (kind_ == StemKind::kPossessive) {
      StripEnglishPossessive(&token->term);
      return true;
    }
    if (token->keyword) return true;
    std::string& t = token->term;
    switch (kind_) {
      case StemKind::kSnowball:
        if (snowball_) snowball_->Stem(&t);
        break;
      case StemKind::kPorter:
        PorterStem(&t);
        break;
      case StemKind::kKStem:
        KStemApproximation(&t);
        break;
      case StemKind::kMinimalEnglish:
        EnglishMinimalStem(&t);
        break;
      case StemKind::kFrenchLight:
        StemCodePoints(&t, FrenchLightStem);
        break;
      case StemKind::kFrenchMinimal:
        StemCodePoints(&t, FrenchMinimalStem);
        break;
      case StemKind::kGermanLight:
        StemCodePoints(&t, GermanLightStem);
        break;
      case StemKind::kGermanMinimal:
        StemCodePoints(&t, GermanMinimalStem);
        break;
      case StemKind::kItalianLight:
        StemCodePoints(&t, ItalianLightStem);
        break;
      case StemKind::kSpanishLight:
        StemCodePoints(&t, SpanishLightStem);
        break;
      case StemKind::kPortugueseLight:
        StemCodePoints(&t, PortugueseLightStem);
        break;
      case StemKind::kPossessive:
        break;
    }
    return true;
  }

 private:
  StemKind kind_;
  std::unique_ptr<SnowballStemmer> snowball_;
};

class StemmerFilterFactory final : public TokenFilterFactory {
 public:
  StemmerFilterFactory(std::string name, StemKind kind, std::string algorithm)
      : TokenFilterFactory(std::move(name)), kind_(kind), algorithm_(std::move(algorithm)) {}
  std::unique_ptr<TokenFilter> Create(TokenStream* input, StreamContext*) const override {
    return std::make_unique<StemmerFilter>(input, kind_, algorithm_);
  }
  bool uses_keyword_attribute() const override { return kind_ != StemKind::kPossessive; }

 private:
  StemKind kind_;
  std::string algorithm_;
};

}  // namespace

bool IsKnownStemAlgorithm(std::string_view algorithm) {
  StemKind kind;
  return FindKind(algorithm, &kind);
}

std::shared_ptr<const TokenFilterFactory> NewStemmerFilterFactory(std::string name,
                                                                  std::string algorithm) {
  StemKind kind = StemKind::kSnowball;
  if (!FindKind(algorithm, &kind)) return nullptr;
  return std::make_shared<StemmerFilterFactory>(std::move(name), kind, std::move(algorithm));
}

}  // namespace quiver::analysis
