// Light and minimal stemmers after Jacques Savoy ("Light Stemming Approaches
// for the French, Portuguese, German and Hungarian Languages"; "Report on
// CLEF-2001 Experiments"), following the rule order of Lucene's
// implementations, plus English minimal/possessive stemming and
// GermanNormalizationFilter's rules.
#include "analysis/char_props.h"
#include "analysis/stemmers.h"

namespace quiver::analysis {
namespace {

bool EndsWith(const std::u32string& s, size_t len, std::u32string_view suffix) {
  return len >= suffix.size() &&
         std::u32string_view(s).substr(len - suffix.size(), suffix.size()) == suffix;
}

// Removes s[i] (StemmerUtil.delete).
void DeleteAt(std::u32string* s, size_t i, size_t* len) {
  s->erase(i, 1);
  --*len;
}

char32_t Unaccent(char32_t c, bool portuguese) {
  switch (c) {
    case U'à':
    case U'á':
    case U'â':
    case U'ä':
      return 'a';
    case U'ã':
      return portuguese ? U'a' : c;
    case U'ò':
    case U'ó':
    case U'ô':
    case U'ö':
      return 'o';
    case U'õ':
      return portuguese ? U'o' : c;
    case U'è':
    case U'é':
    case U'ê':
    case U'ë':
      return 'e';
    case U'ù':
    case U'ú':
    case U'û':
    case U'ü':
      return 'u';
    case U'ì':
    case U'í':
    case U'î':
    case U'ï':
      return 'i';
    case U'ç':
      return portuguese ? U'c' : c;
    default:
      return c;
  }
}

size_t FrenchNorm(std::u32string* s, size_t len) {
  std::u32string& b = *s;
  if (len > 4) {
    for (size_t i = 0; i < len; ++i) {
      switch (b[i]) {
        case U'à':
        case U'á':
        case U'â':
          b[i] = 'a';
          break;
        case U'ô':
          b[i] = 'o';
          break;
        case U'è':
        case U'é':
        case U'ê':
          b[i] = 'e';
          break;
        case U'ù':
        case U'û':
          b[i] = 'u';
          break;
        case U'î':
          b[i] = 'i';
          break;
        case U'ç':
          b[i] = 'c';
          break;
        default:
          break;
      }
    }
    char32_t ch = b[0];
    for (size_t i = 1; i < len; ++i) {
      if (b[i] == ch && IsJavaLetter(ch)) {
        DeleteAt(s, i--, &len);
      } else {
        ch = b[i];
      }
    }
  }
  if (len > 4 && EndsWith(b, len, U"ie")) len -= 2;
  if (len > 4) {
    if (b[len - 1] == 'r') --len;
    if (b[len - 1] == 'e') --len;
    if (b[len - 1] == 'e') --len;
    if (b[len - 1] == b[len - 2] && IsJavaLetter(b[len - 1])) --len;
  }
  return len;
}

size_t FrenchLight(std::u32string* s, size_t len) {
  std::u32string& b = *s;
  if (len > 5 && b[len - 1] == 'x') {
    if (b[len - 3] == 'a' && b[len - 2] == 'u' && b[len - 4] != 'e') b[len - 2] = 'l';
    --len;
  }
  if (len > 3 && b[len - 1] == 'x') --len;
  if (len > 3 && b[len - 1] == 's') --len;
  if (len > 9 && EndsWith(b, len, U"issement")) {
    len -= 6;
    b[len - 1] = 'r';
    return FrenchNorm(s, len);
  }
  if (len > 8 && EndsWith(b, len, U"issant")) {
    len -= 4;
    b[len - 1] = 'r';
    return FrenchNorm(s, len);
  }
  if (len > 6 && EndsWith(b, len, U"ement")) {
    len -= 4;
    if (len > 3 && EndsWith(b, len, U"ive")) {
      --len;
      b[len - 1] = 'f';
    }
    return FrenchNorm(s, len);
  }
  if (len > 11 && EndsWith(b, len, U"ficatrice")) {
    len -= 5;
    b[len - 2] = 'e';
    b[len - 1] = 'r';
    return FrenchNorm(s, len);
  }
  if (len > 10 && EndsWith(b, len, U"ficateur")) {
    len -= 4;
    b[len - 2] = 'e';
    b[len - 1] = 'r';
    return FrenchNorm(s, len);
  }
  if (len > 9 && EndsWith(b, len, U"catrice")) {
    len -= 3;
    b[len - 4] = 'q';
    b[len - 3] = 'u';
    b[len - 2] = 'e';
    return FrenchNorm(s, len);
  }
  if (len > 8 && EndsWith(b, len, U"cateur")) {
    len -= 2;
    b[len - 4] = 'q';
    b[len - 3] = 'u';
    b[len - 2] = 'e';
    b[len - 1] = 'r';
    return FrenchNorm(s, len);
  }
  if (len > 8 && EndsWith(b, len, U"atrice")) {
    len -= 4;
    b[len - 2] = 'e';
    b[len - 1] = 'r';
    return FrenchNorm(s, len);
  }
  if (len > 7 && EndsWith(b, len, U"ateur")) {
    len -= 3;
    b[len - 2] = 'e';
    b[len - 1] = 'r';
    return FrenchNorm(s, len);
  }
  if (len > 6 && EndsWith(b, len, U"trice")) {
    --len;
    b[len - 3] = 'e';
    b[len - 2] = 'u';
    b[len - 1] = 'r';
  }
  if (len > 5 && EndsWith(b, len, U"ième")) return FrenchNorm(s, len - 4);
  if (len > 7 && EndsWith(b, len, U"teuse")) {
    len -= 2;
    b[len - 1] = 'r';
    return FrenchNorm(s, len);
  }
  if (len > 6 && EndsWith(b, len, U"teur")) {
    --len;
    b[len - 1] = 'r';
    return FrenchNorm(s, len);
  }
  if (len > 5 && EndsWith(b, len, U"euse")) return FrenchNorm(s, len - 2);
  if (len > 8 && EndsWith(b, len, U"ère")) {
    --len;
    b[len - 2] = 'e';
    return FrenchNorm(s, len);
  }
  if (len > 7 && EndsWith(b, len, U"ive")) {
    --len;
    b[len - 1] = 'f';
    return FrenchNorm(s, len);
  }
  if (len > 4 && (EndsWith(b, len, U"folle") || EndsWith(b, len, U"molle"))) {
    len -= 2;
    b[len - 1] = 'u';
    return FrenchNorm(s, len);
  }
  if (len > 9 && EndsWith(b, len, U"nnelle")) return FrenchNorm(s, len - 5);
  if (len > 9 && EndsWith(b, len, U"nnel")) return FrenchNorm(s, len - 3);
  if (len > 4 && EndsWith(b, len, U"ète")) {
    --len;
    b[len - 2] = 'e';
  }
  if (len > 8 && EndsWith(b, len, U"ique")) len -= 4;
  if (len > 8 && EndsWith(b, len, U"esse")) return FrenchNorm(s, len - 3);
  if (len > 7 && EndsWith(b, len, U"inage")) return FrenchNorm(s, len - 3);
  if (len > 9 && EndsWith(b, len, U"isation")) {
    len -= 7;
    if (len > 5 && EndsWith(b, len, U"ual")) b[len - 2] = 'e';
    return FrenchNorm(s, len);
  }
  if (len > 9 && EndsWith(b, len, U"isateur")) return FrenchNorm(s, len - 7);
  if (len > 8 && EndsWith(b, len, U"ation")) return FrenchNorm(s, len - 5);
  if (len > 8 && EndsWith(b, len, U"ition")) return FrenchNorm(s, len - 5);
  return FrenchNorm(s, len);
}

bool GermanStEnding(char32_t c) {
  switch (c) {
    case 'b':
    case 'd':
    case 'f':
    case 'g':
    case 'h':
    case 'k':
    case 'l':
    case 'm':
    case 'n':
    case 't':
      return true;
    default:
      return false;
  }
}

size_t PortugueseRemoveSuffix(std::u32string& b, size_t len) {
  if (len > 4 && EndsWith(b, len, U"es")) {
    switch (b[len - 3]) {
      case 'r':
      case 's':
      case 'l':
      case 'z':
        return len - 2;
      default:
        break;
    }
  }
  if (len > 3 && EndsWith(b, len, U"ns")) {
    b[len - 2] = 'm';
    return len - 1;
  }
  if (len > 4 && (EndsWith(b, len, U"eis") || EndsWith(b, len, U"éis"))) {
    b[len - 3] = 'e';
    b[len - 2] = 'l';
    return len - 1;
  }
  if (len > 4 && EndsWith(b, len, U"ais")) {
    b[len - 2] = 'l';
    return len - 1;
  }
  if (len > 4 && EndsWith(b, len, U"óis")) {
    b[len - 3] = 'o';
    b[len - 2] = 'l';
    return len - 1;
  }
  if (len > 4 && EndsWith(b, len, U"is")) {
    b[len - 1] = 'l';
    return len;
  }
  if (len > 3 && (EndsWith(b, len, U"ões") || EndsWith(b, len, U"ães"))) {
    --len;
    b[len - 2] = U'ã';
    b[len - 1] = 'o';
    return len;
  }
  if (len > 6 && EndsWith(b, len, U"mente")) return len - 5;
  if (len > 3 && b[len - 1] == 's') return len - 1;
  return len;
}

size_t PortugueseNormFeminine(std::u32string& b, size_t len) {
  if (len > 7 &&
      (EndsWith(b, len, U"inha") || EndsWith(b, len, U"iaca") || EndsWith(b, len, U"eira"))) {
    b[len - 1] = 'o';
    return len;
  }
  if (len > 6) {
    if (EndsWith(b, len, U"osa") || EndsWith(b, len, U"ica") || EndsWith(b, len, U"ida") ||
        EndsWith(b, len, U"ada") || EndsWith(b, len, U"iva") || EndsWith(b, len, U"ama")) {
      b[len - 1] = 'o';
      return len;
    }
    if (EndsWith(b, len, U"ona")) {
      b[len - 3] = U'ã';
      b[len - 2] = 'o';
      return len - 1;
    }
    if (EndsWith(b, len, U"ora")) return len - 1;
    if (EndsWith(b, len, U"esa")) {
      b[len - 3] = U'ê';
      return len - 1;
    }
    if (EndsWith(b, len, U"na")) {
      b[len - 1] = 'o';
      return len;
    }
  }
  return len;
}

}  // namespace

void FrenchLightStem(std::u32string* s) { s->resize(FrenchLight(s, s->size())); }

void FrenchMinimalStem(std::u32string* s) {
  std::u32string& b = *s;
  size_t len = b.size();
  if (len < 6) return;
  if (b[len - 1] == 'x') {
    if (b[len - 3] == 'a' && b[len - 2] == 'u') b[len - 2] = 'l';
    b.resize(len - 1);
    return;
  }
  if (b[len - 1] == 's') --len;
  if (b[len - 1] == 'r') --len;
  if (b[len - 1] == 'e') --len;
  if (b[len - 1] == U'é') --len;
  if (b[len - 1] == b[len - 2] && IsJavaLetter(b[len - 1])) --len;
  b.resize(len);
}

void GermanLightStem(std::u32string* s) {
  std::u32string& b = *s;
  for (char32_t& c : b) {
    switch (c) {
      case U'ä':
      case U'à':
      case U'á':
      case U'â':
        c = 'a';
        break;
      case U'ö':
      case U'ò':
      case U'ó':
      case U'ô':
        c = 'o';
        break;
      case U'ï':
      case U'ì':
      case U'í':
      case U'î':
        c = 'i';
        break;
      case U'ü':
      case U'ù':
      case U'ú':
      case U'û':
        c = 'u';
        break;
      default:
        break;
    }
  }
  size_t len = b.size();
  // Step 1.
  if (len > 5 && b[len - 3] == 'e' && b[len - 2] == 'r' && b[len - 1] == 'n') {
    len -= 3;
  } else if (len > 4 && b[len - 2] == 'e' &&
             (b[len - 1] == 'm' || b[len - 1] == 'n' || b[len - 1] == 'r' || b[len - 1] == 's')) {
    len -= 2;
  } else if (len > 3 && b[len - 1] == 'e') {
    len -= 1;
  } else if (len > 3 && b[len - 1] == 's' && GermanStEnding(b[len - 2])) {
    len -= 1;
  }
  // Step 2.
  if (len > 5 && b[len - 3] == 'e' && b[len - 2] == 's' && b[len - 1] == 't') {
    len -= 3;
  } else if (len > 4 && b[len - 2] == 'e' && (b[len - 1] == 'r' || b[len - 1] == 'n')) {
    len -= 2;
  } else if (len > 4 && b[len - 2] == 's' && b[len - 1] == 't' && GermanStEnding(b[len - 3])) {
    len -= 2;
  }
  b.resize(len);
}

void GermanMinimalStem(std::u32string* s) {
  std::u32string& b = *s;
  size_t len = b.size();
  if (len < 5) return;
  for (char32_t& c : b) {
    if (c == U'ä') c = 'a';
    if (c == U'ö') c = 'o';
    if (c == U'ü') c = 'u';
  }
  if (len > 6 && b[len - 3] == 'n' && b[len - 2] == 'e' && b[len - 1] == 'n') {
    b.resize(len - 3);
    return;
  }
  if (len > 5) {
    const char32_t last = b[len - 1], prev = b[len - 2];
    if ((last == 'n' && prev == 'e') || (last == 'e' && prev == 's') ||
        (last == 's' && prev == 'e') || (last == 'r' && prev == 'e')) {
      b.resize(len - 2);
      return;
    }
  }
  const char32_t last = b[len - 1];
  if (last == 'n' || last == 'e' || last == 's' || last == 'r') b.resize(len - 1);
}

void ItalianLightStem(std::u32string* s) {
  std::u32string& b = *s;
  const size_t len = b.size();
  if (len < 6) return;
  for (char32_t& c : b) c = Unaccent(c, false);
  const char32_t prev = b[len - 2];
  switch (b[len - 1]) {
    case 'e':
      b.resize(prev == 'i' || prev == 'h' ? len - 2 : len - 1);
      return;
    case 'i':
      b.resize(prev == 'h' || prev == 'i' ? len - 2 : len - 1);
      return;
    case 'a':
    case 'o':
      b.resize(prev == 'i' ? len - 2 : len - 1);
      return;
    default:
      return;
  }
}

void SpanishLightStem(std::u32string* s) {
  std::u32string& b = *s;
  const size_t len = b.size();
  if (len < 5) return;
  for (char32_t& c : b) c = Unaccent(c, false);
  switch (b[len - 1]) {
    case 'o':
    case 'a':
    case 'e':
      b.resize(len - 1);
      return;
    case 's':
      if (b[len - 2] == 'e' && b[len - 3] == 's' && b[len - 4] == 'e') {
        b.resize(len - 2);
        return;
      }
      if (b[len - 2] == 'e' && b[len - 3] == 'c') {
        b[len - 3] = 'z';
        b.resize(len - 2);
        return;
      }
      if (b[len - 2] == 'o' || b[len - 2] == 'a' || b[len - 2] == 'e') b.resize(len - 2);
      return;
    default:
      return;
  }
}

void PortugueseLightStem(std::u32string* s) {
  std::u32string& b = *s;
  size_t len = b.size();
  if (len < 4) return;
  len = PortugueseRemoveSuffix(b, len);
  if (len > 3 && b[len - 1] == 'a') len = PortugueseNormFeminine(b, len);
  if (len > 4 && (b[len - 1] == 'e' || b[len - 1] == 'a' || b[len - 1] == 'o')) --len;
  b.resize(len);
  for (char32_t& c : b) c = Unaccent(c, true);
}

void GermanNormalize(std::u32string* s) {
  enum { kN, kV, kU } state = kN;
  std::u32string& b = *s;
  for (size_t i = 0; i < b.size(); ++i) {
    switch (b[i]) {
      case 'a':
      case 'o':
        state = kU;
        break;
      case 'u':
        state = state == kN ? kU : kV;
        break;
      case 'e':
        if (state == kU) {
          b.erase(i--, 1);
        }
        state = kV;
        break;
      case 'i':
      case 'q':
      case 'y':
        state = kV;
        break;
      case U'ä':
        b[i] = 'a';
        state = kV;
        break;
      case U'ö':
        b[i] = 'o';
        state = kV;
        break;
      case U'ü':
        b[i] = 'u';
        state = kV;
        break;
      case U'ß':
        b[i] = 's';
        b.insert(b.begin() + static_cast<std::ptrdiff_t>(++i), U's');
        state = kN;
        break;
      default:
        state = kN;
        break;
    }
  }
}

void EnglishMinimalStem(std::string* word) {
  std::string& s = *word;
  const size_t len = s.size();
  if (len < 3 || s[len - 1] != 's') return;
  switch (s[len - 2]) {
    case 'u':
    case 's':
      return;
    case 'e':
      if (len > 3 && s[len - 3] == 'i' && s[len - 4] != 'a' && s[len - 4] != 'e') {
        s[len - 3] = 'y';
        s.resize(len - 2);
        return;
      }
      if (s[len - 3] == 'i' || s[len - 3] == 'a' || s[len - 3] == 'o' || s[len - 3] == 'e') return;
      [[fallthrough]];
    default:
      s.resize(len - 1);
  }
}

void StripEnglishPossessive(std::string* word) {
  std::string& s = *word;
  if (s.size() < 2) return;
  const char last = s.back();
  if (last != 's' && last != 'S') return;
  const std::string_view head(s.data(), s.size() - 1);
  if (head.ends_with("'")) {
    s.resize(s.size() - 2);
  } else if (head.ends_with("\u2019") || head.ends_with("\uFF07")) {
    s.resize(s.size() - 4);
  }
}

}  // namespace quiver::analysis
