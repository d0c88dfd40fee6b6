// Lucene ASCIIFoldingFilter: characters outside Basic Latin are replaced by
// their ASCII equivalents when one exists ("açaí" -> "acai", "Æ" -> "AE",
// "“" -> "\"", "½" -> "1/2").
//
// Lucene's table is a hand-written switch over ~1,300 characters. Here the
// mapping is derived: an explicit table for letters and punctuation with no
// Unicode decomposition (ø, ß, ł, quotes, dashes, ...) and, for letters,
// numbers and compatibility blocks, the NFKD decomposition minus combining
// marks when that is pure ASCII. The result matches Lucene on the Latin,
// punctuation and compatibility characters it covers; rare symbols may differ.
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>

#include "analysis/filter_base.h"
#include "analysis/token_filters.h"
#include "analysis/utf8.h"

namespace quiver::analysis {
namespace {

struct Fold {
  char32_t cp;
  const char* ascii;
};

// Characters without a decomposition to ASCII that Lucene folds. Sorted.
constexpr Fold kExplicitFolds[] = {
    {0x00AB, "\""},  {0x00BB, "\""}, {0x00C6, "AE"}, {0x00D0, "D"},  {0x00D8, "O"},
    {0x00DE, "TH"},  {0x00DF, "ss"}, {0x00E6, "ae"}, {0x00F0, "d"},  {0x00F8, "o"},
    {0x00FE, "th"},  {0x0110, "D"},  {0x0111, "d"},  {0x0126, "H"},  {0x0127, "h"},
    {0x0131, "i"},   {0x0138, "q"},  {0x013F, "L"},  {0x0140, "l"},  {0x0141, "L"},
    {0x0142, "l"},   {0x0149, "'n"}, {0x014A, "N"},  {0x014B, "n"},  {0x0152, "OE"},
    {0x0153, "oe"},  {0x017F, "s"},  {0x0180, "b"},  {0x0181, "B"},  {0x0182, "B"},
    {0x0183, "b"},   {0x0186, "O"},  {0x0187, "C"},  {0x0188, "c"},  {0x0189, "D"},
    {0x018A, "D"},   {0x018B, "D"},  {0x018C, "d"},  {0x018E, "E"},  {0x018F, "A"},
    {0x0190, "E"},   {0x0191, "F"},  {0x0192, "f"},  {0x0193, "G"},  {0x0194, "G"},
    {0x0195, "hv"},  {0x0196, "I"},  {0x0197, "I"},  {0x0198, "K"},  {0x0199, "k"},
    {0x019A, "l"},   {0x019C, "M"},  {0x019D, "N"},  {0x019E, "n"},  {0x019F, "O"},
    {0x01A2, "OI"},  {0x01A3, "oi"}, {0x01A4, "P"},  {0x01A5, "p"},  {0x01AB, "t"},
    {0x01AC, "T"},   {0x01AD, "t"},  {0x01AE, "T"},  {0x01B2, "V"},  {0x01B3, "Y"},
    {0x01B4, "y"},   {0x01B5, "Z"},  {0x01B6, "z"},  {0x01DD, "e"},  {0x01F6, "Hv"},
    {0x01F7, "W"},   {0x021C, "Y"},  {0x021D, "y"},  {0x0220, "N"},  {0x0221, "d"},
    {0x0222, "OU"},  {0x0223, "ou"}, {0x0224, "Z"},  {0x0225, "z"},  {0x0234, "l"},
    {0x0235, "n"},   {0x0236, "t"},  {0x0237, "j"},  {0x0238, "db"}, {0x0239, "qp"},
    {0x023A, "A"},   {0x023B, "C"},  {0x023C, "c"},  {0x023D, "L"},  {0x023E, "T"},
    {0x023F, "s"},   {0x0240, "z"},  {0x0243, "B"},  {0x0244, "U"},  {0x0245, "V"},
    {0x0246, "E"},   {0x0247, "e"},  {0x0248, "J"},  {0x0249, "j"},  {0x024A, "Q"},
    {0x024B, "q"},   {0x024C, "R"},  {0x024D, "r"},  {0x024E, "Y"},  {0x024F, "y"},
    {0x0250, "a"},   {0x0253, "b"},  {0x0254, "o"},  {0x0255, "c"},  {0x0256, "d"},
    {0x0257, "d"},   {0x0258, "e"},  {0x0259, "a"},  {0x025A, "a"},  {0x025B, "e"},
    {0x025C, "e"},   {0x025D, "e"},  {0x025E, "e"},  {0x025F, "j"},  {0x0260, "g"},
    {0x0261, "g"},   {0x0262, "G"},  {0x0265, "h"},  {0x0266, "h"},  {0x0268, "i"},
    {0x026A, "I"},   {0x026B, "l"},  {0x026C, "l"},  {0x026D, "l"},  {0x026F, "m"},
    {0x0270, "m"},   {0x0271, "m"},  {0x0272, "n"},  {0x0273, "n"},  {0x0274, "N"},
    {0x0275, "o"},   {0x0276, "OE"}, {0x0279, "r"},  {0x027A, "r"},  {0x027B, "r"},
    {0x027C, "r"},   {0x027D, "r"},  {0x027E, "r"},  {0x027F, "r"},  {0x0280, "R"},
    {0x0281, "R"},   {0x0282, "s"},  {0x0287, "t"},  {0x0288, "t"},  {0x0289, "u"},
    {0x028B, "v"},   {0x028C, "v"},  {0x028D, "w"},  {0x028E, "y"},  {0x028F, "Y"},
    {0x0290, "z"},   {0x0291, "z"},  {0x0297, "C"},  {0x0299, "B"},  {0x029B, "G"},
    {0x029C, "H"},   {0x029D, "j"},  {0x029E, "k"},  {0x029F, "L"},  {0x02A0, "q"},
    {0x02A3, "dz"},  {0x02A5, "dz"}, {0x02A6, "ts"}, {0x02AA, "ls"}, {0x02AB, "lz"},
    {0x02AE, "h"},   {0x02AF, "h"},  {0x1D00, "A"},  {0x1D01, "AE"}, {0x1D02, "ae"},
    {0x1D03, "B"},   {0x1D04, "C"},  {0x1D05, "D"},  {0x1D06, "D"},  {0x1D07, "E"},
    {0x1D08, "e"},   {0x1D09, "i"},  {0x1D0A, "J"},  {0x1D0B, "K"},  {0x1D0C, "L"},
    {0x1D0D, "M"},   {0x1D0E, "N"},  {0x1D0F, "O"},  {0x1D10, "O"},  {0x1D14, "oe"},
    {0x1D15, "OU"},  {0x1D16, "o"},  {0x1D17, "o"},  {0x1D18, "P"},  {0x1D19, "R"},
    {0x1D1A, "R"},   {0x1D1B, "T"},  {0x1D1C, "U"},  {0x1D20, "V"},  {0x1D21, "W"},
    {0x1D22, "Z"},   {0x1D6B, "ue"}, {0x1D6C, "b"},  {0x1D6D, "d"},  {0x1D6E, "f"},
    {0x1D6F, "m"},   {0x1D70, "n"},  {0x1D71, "p"},  {0x1D72, "r"},  {0x1D73, "r"},
    {0x1D74, "s"},   {0x1D75, "t"},  {0x1D76, "z"},  {0x1D7A, "th"}, {0x1D7B, "I"},
    {0x1D7D, "p"},   {0x1D7E, "U"},  {0x1D80, "b"},  {0x1D81, "d"},  {0x1D82, "f"},
    {0x1D83, "g"},   {0x1D84, "k"},  {0x1D85, "l"},  {0x1D86, "m"},  {0x1D87, "n"},
    {0x1D88, "p"},   {0x1D89, "r"},  {0x1D8A, "s"},  {0x1D8C, "v"},  {0x1D8D, "x"},
    {0x1D8E, "z"},   {0x1E9C, "s"},  {0x1E9D, "s"},  {0x1E9E, "SS"}, {0x1EFA, "LL"},
    {0x1EFB, "ll"},  {0x1EFC, "V"},  {0x1EFD, "v"},  {0x1EFE, "Y"},  {0x1EFF, "y"},
    {0x2010, "-"},   {0x2011, "-"},  {0x2012, "-"},  {0x2013, "-"},  {0x2014, "-"},
    {0x2018, "'"},   {0x2019, "'"},  {0x201A, "'"},  {0x201B, "'"},  {0x201C, "\""},
    {0x201D, "\""},  {0x201E, "\""}, {0x201F, "\""}, {0x2032, "'"},  {0x2033, "\""},
    {0x2035, "'"},   {0x2036, "\""}, {0x2038, "^"},  {0x2039, "'"},  {0x203A, "'"},
    {0x203C, "!!"},  {0x2044, "/"},  {0x2045, "["},  {0x2046, "]"},  {0x2047, "??"},
    {0x2048, "?!"},  {0x2049, "!?"}, {0x204E, "*"},  {0x204F, ";"},  {0x2052, "%"},
    {0x2053, "~"},   {0x207A, "+"},  {0x207B, "-"},  {0x207C, "="},  {0x207D, "("},
    {0x207E, ")"},   {0x208A, "+"},  {0x208B, "-"},  {0x208C, "="},  {0x208D, "("},
    {0x208E, ")"},   {0x2C60, "L"},  {0x2C61, "l"},  {0x2C62, "L"},  {0x2C63, "P"},
    {0x2C64, "R"},   {0x2C65, "a"},  {0x2C66, "t"},  {0x2C67, "H"},  {0x2C68, "h"},
    {0x2C69, "K"},   {0x2C6A, "k"},  {0x2C6B, "Z"},  {0x2C6C, "z"},  {0x2C6E, "M"},
    {0x2C71, "v"},   {0x2C72, "W"},  {0x2C73, "w"},  {0x2C74, "v"},  {0x2C78, "e"},
    {0x2C7A, "o"},   {0x2C7E, "S"},  {0x2C7F, "Z"},  {0x275B, "'"},  {0x275C, "'"},
    {0x275D, "\""},  {0x275E, "\""}, {0x2768, "("},  {0x2769, ")"},  {0x276A, "("},
    {0x276B, ")"},   {0x276C, "<"},  {0x276D, ">"},  {0x276E, "\""}, {0x276F, "\""},
    {0x2770, "<"},   {0x2771, ">"},  {0x2772, "["},  {0x2773, "]"},  {0x2774, "{"},
    {0x2775, "}"},   {0x301D, "\""}, {0x301E, "\""}, {0xA728, "TZ"}, {0xA729, "tz"},
    {0xA732, "AA"},  {0xA733, "aa"}, {0xA734, "AO"}, {0xA735, "ao"}, {0xA736, "AU"},
    {0xA737, "au"},  {0xA738, "AV"}, {0xA739, "av"}, {0xA73A, "AV"}, {0xA73B, "av"},
    {0xA73C, "AY"},  {0xA73D, "ay"}, {0xA74E, "OO"}, {0xA74F, "oo"}, {0xA760, "VY"},
    {0xA761, "vy"},  {0xFB00, "ff"}, {0xFB01, "fi"}, {0xFB02, "fl"}, {0xFB03, "ffi"},
    {0xFB04, "ffl"}, {0xFB05, "st"}, {0xFB06, "st"},
};

const char* ExplicitFold(char32_t c) {
  auto it = std::lower_bound(std::begin(kExplicitFolds), std::end(kExplicitFolds), c,
                             [](const Fold& f, char32_t v) { return f.cp < v; });
  return it != std::end(kExplicitFolds) && it->cp == c ? it->ascii : nullptr;
}

// Whether NFKD may be used for c: letters, numbers and the compatibility
// blocks of fullwidth forms, enclosed alphanumerics and super/subscripts.
bool DecompositionAllowed(char32_t c) {
  if ((c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x2460 && c <= 0x24FF) ||
      (c >= 0x2070 && c <= 0x209F) || (c >= 0x2150 && c <= 0x218F)) {
    return true;
  }
  const int8_t type = u_charType(static_cast<UChar32>(c));
  return type == U_UPPERCASE_LETTER || type == U_LOWERCASE_LETTER || type == U_TITLECASE_LETTER ||
         type == U_MODIFIER_LETTER || type == U_OTHER_LETTER || type == U_DECIMAL_DIGIT_NUMBER ||
         type == U_LETTER_NUMBER || type == U_OTHER_NUMBER;
}

bool ComputeFold(char32_t c, std::string* out) {
  out->clear();
  if (const char* e = ExplicitFold(c)) {
    out->assign(e);
    return true;
  }
  if (!DecompositionAllowed(c)) return false;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
  if (U_FAILURE(status)) return false;
  icu::UnicodeString decomposed =
      nfkd->normalize(icu::UnicodeString(static_cast<UChar32>(c)), status);
  if (U_FAILURE(status)) return false;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 d = decomposed.char32At(i);
    i += U16_LENGTH(d);
    if (u_charType(d) == U_NON_SPACING_MARK || u_charType(d) == U_ENCLOSING_MARK) continue;
    if (d < 0x80) {
      out->push_back(static_cast<char>(d));
    } else if (const char* e = ExplicitFold(static_cast<char32_t>(d))) {
      out->append(e);
    } else {
      return false;
    }
  }
  return !out->empty();
}

// Fold results for every BMP character, computed once: (offset << 8) | length
// into pool_, length 0 meaning "unchanged".
class FoldTable {
 public:
  FoldTable() : entries_(new uint32_t[0x10000]()) {
    std::string folded;
    for (char32_t c = 0x80; c < 0x10000; ++c) {
      if (c >= 0xD800 && c <= 0xDFFF) continue;
      if (ComputeFold(c, &folded) && folded.size() < 256) {
        entries_[c] = static_cast<uint32_t>(pool_.size() << 8 | folded.size());
        pool_ += folded;
      }
    }
  }
  // Appends the fold of c (or nothing) and returns whether c folds.
  bool Append(char32_t c, std::string* out) const {
    if (c >= 0x10000) return false;
    uint32_t e = entries_[c];
    if (e == 0) return false;
    out->append(pool_, e >> 8, e & 0xFF);
    return true;
  }

 private:
  std::unique_ptr<uint32_t[]> entries_;
  std::string pool_;
};

const FoldTable& Table() {
  static const FoldTable table;
  return table;
}

class AsciiFoldingFilter final : public TokenFilter {
 public:
  AsciiFoldingFilter(TokenStream* input, bool preserve_original)
      : TokenFilter(input), preserve_original_(preserve_original) {}

  void Reset() override {
    TokenFilter::Reset();
    pending_ = false;
  }

  bool Next(Token* token) override {
    if (pending_) {
      pending_ = false;
      *token = original_;
      token->position_increment = 0;
      return true;
    }
    if (!input_->Next(token)) return false;
    if (FoldToAscii(token->term, &folded_)) {
      if (preserve_original_) {
        original_ = *token;
        pending_ = true;
      }
      token->term.swap(folded_);
    }
    return true;
  }

 private:
  bool preserve_original_;
  bool pending_ = false;
  Token original_;
  std::string folded_;
};

class AsciiFoldingFilterFactory final : public TokenFilterFactory {
 public:
  AsciiFoldingFilterFactory(std::string name, bool preserve_original)
      : TokenFilterFactory(std::move(name)), preserve_original_(preserve_original) {}
  std::unique_ptr<TokenFilter> Create(TokenStream* input, StreamContext*) const override {
    return std::make_unique<AsciiFoldingFilter>(input, preserve_original_);
  }
  bool normalizing() const override { return true; }

 private:
  bool preserve_original_;
};

}  // namespace

bool FoldToAscii(std::string_view in, std::string* out) {
  size_t i = 0;
  while (i < in.size() && static_cast<unsigned char>(in[i]) < 0x80) ++i;
  if (i == in.size()) return false;
  const FoldTable& table = Table();
  out->assign(in.data(), i);
  bool changed = false;
  while (i < in.size()) {
    char32_t cp;
    const size_t n = DecodeUtf8(in, i, &cp);
    if (cp >= 0x80 && table.Append(cp, out)) {
      changed = true;
    } else {
      out->append(in.data() + i, n);
    }
    i += n;
  }
  return changed;
}

std::shared_ptr<const TokenFilterFactory> NewAsciiFoldingFilterFactory(std::string name,
                                                                       bool preserve_original) {
  return std::make_shared<AsciiFoldingFilterFactory>(std::move(name), preserve_original);
}

}  // namespace quiver::analysis
