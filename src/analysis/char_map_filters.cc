// Per-character term rewrites: Lucene TrimFilter (strips chars <= ' ' at both
// ends), ReverseStringFilter (code points reversed), DecimalDigitFilter (any
// Unicode decimal digit to 0-9), ApostropheFilter (drops an apostrophe and
// everything after it), ClassicFilter ('s off <APOSTROPHE> tokens, dots out of
// <ACRONYM> tokens), GermanNormalizationFilter and CJKWidthFilter.
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>

#include "analysis/filter_base.h"
#include "analysis/stemmers.h"
#include "analysis/token_filters.h"
#include "analysis/utf8.h"

namespace quiver::analysis {
namespace {

// Halfwidth katakana U+FF65..U+FF9F to their fullwidth forms (CJKWidthFilter).
constexpr char16_t kHalfwidthKana[] = {
    0x30fb, 0x30f2, 0x30a1, 0x30a3, 0x30a5, 0x30a7, 0x30a9, 0x30e3, 0x30e5, 0x30e7, 0x30c3, 0x30fc,
    0x30a2, 0x30a4, 0x30a6, 0x30a8, 0x30aa, 0x30ab, 0x30ad, 0x30af, 0x30b1, 0x30b3, 0x30b5, 0x30b7,
    0x30b9, 0x30bb, 0x30bd, 0x30bf, 0x30c1, 0x30c4, 0x30c6, 0x30c8, 0x30ca, 0x30cb, 0x30cc, 0x30cd,
    0x30ce, 0x30cf, 0x30d2, 0x30d5, 0x30d8, 0x30db, 0x30de, 0x30df, 0x30e0, 0x30e1, 0x30e2, 0x30e4,
    0x30e6, 0x30e8, 0x30e9, 0x30ea, 0x30eb, 0x30ec, 0x30ed, 0x30ef, 0x30f3, 0x3099, 0x309A,
};

void CjkWidth(Token* t) {
  bool any = false;
  for (size_t i = 0; i < t->term.size(); ++i) {
    if (static_cast<unsigned char>(t->term[i]) == 0xEF) {
      any = true;
      break;
    }
  }
  if (!any) return;
  std::u32string cps;
  DecodeUtf8(t->term, &cps);
  std::u32string out;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  for (char32_t c : cps) {
    if (c >= 0xFF01 && c <= 0xFF5E) {
      out.push_back(c - 0xFEE0);
    } else if (c >= 0xFF65 && c <= 0xFF9F) {
      char32_t k = kHalfwidthKana[c - 0xFF65];
      if ((k == 0x3099 || k == 0x309A) && !out.empty() && U_SUCCESS(status)) {
        UChar32 composed = nfc->composePair(static_cast<UChar32>(out.back()), k);
        if (composed >= 0) {
          out.back() = static_cast<char32_t>(composed);
          continue;
        }
      }
      out.push_back(k);
    } else {
      out.push_back(c);
    }
  }
  t->term.clear();
  AppendUtf8(out, &t->term);
}

}  // namespace

std::shared_ptr<const TokenFilterFactory> NewTrimFilterFactory(std::string name) {
  auto fn = [](Token* t) {
    std::string& s = t->term;
    size_t b = 0, e = s.size();
    while (b < e && static_cast<unsigned char>(s[b]) <= ' ') ++b;
    while (e > b && static_cast<unsigned char>(s[e - 1]) <= ' ') --e;
    if (b > 0 || e < s.size()) s = s.substr(b, e - b);
  };
  return MakeMapFilterFactory(std::move(name), fn, FilterTraits{.normalizing = true});
}

std::shared_ptr<const TokenFilterFactory> NewReverseFilterFactory(std::string name) {
  auto fn = [](Token* t) {
    thread_local std::u32string cps;
    DecodeUtf8(t->term, &cps);
    t->term.clear();
    for (size_t i = cps.size(); i-- > 0;) AppendUtf8(cps[i], &t->term);
  };
  return MakeMapFilterFactory(std::move(name), fn);
}

std::shared_ptr<const TokenFilterFactory> NewDecimalDigitFilterFactory(std::string name) {
  auto fn = [](Token* t) {
    bool ascii = true;
    for (char c : t->term) ascii &= static_cast<unsigned char>(c) < 0x80;
    if (ascii) return;
    std::u32string cps;
    DecodeUtf8(t->term, &cps);
    for (char32_t& c : cps) {
      if (c >= 0x80 && u_charType(static_cast<UChar32>(c)) == U_DECIMAL_DIGIT_NUMBER) {
        c = U'0' + static_cast<char32_t>(u_charDigitValue(static_cast<UChar32>(c)));
      }
    }
    t->term.clear();
    AppendUtf8(cps, &t->term);
  };
  return MakeMapFilterFactory(std::move(name), fn, FilterTraits{.normalizing = true});
}

std::shared_ptr<const TokenFilterFactory> NewApostropheFilterFactory(std::string name) {
  auto fn = [](Token* t) {
    const size_t a = t->term.find('\'');
    const size_t b = t->term.find("\u2019");
    const size_t cut = std::min(a, b);
    if (cut != std::string::npos) t->term.resize(cut);
  };
  return MakeMapFilterFactory(std::move(name), fn);
}

std::shared_ptr<const TokenFilterFactory> NewClassicFilterFactory(std::string name) {
  auto fn = [](Token* t) {
    std::string& s = t->term;
    if (t->type == token_type::kApostrophe) {
      if (s.size() >= 2 && s[s.size() - 2] == '\'' && (s.back() == 's' || s.back() == 'S')) {
        s.resize(s.size() - 2);
      }
    } else if (t->type == token_type::kAcronym) {
      std::erase(s, '.');
    }
  };
  return MakeMapFilterFactory(std::move(name), fn);
}

std::shared_ptr<const TokenFilterFactory> NewGermanNormalizationFilterFactory(std::string name) {
  auto fn = [](Token* t) {
    thread_local std::u32string cps;
    DecodeUtf8(t->term, &cps);
    GermanNormalize(&cps);
    t->term.clear();
    AppendUtf8(cps, &t->term);
  };
  return MakeMapFilterFactory(std::move(name), fn, FilterTraits{.normalizing = true});
}

std::shared_ptr<const TokenFilterFactory> NewCjkWidthFilterFactory(std::string name) {
  return MakeMapFilterFactory(std::move(name), CjkWidth, FilterTraits{.normalizing = true});
}

}  // namespace quiver::analysis
