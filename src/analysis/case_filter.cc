// Lucene LowerCaseFilter / UpperCaseFilter (per code point, Java's simple
// case mappings) and the language variants ES exposes through `language`:
// GreekLowerCaseFilter (also drops tonos/dialytika and final sigma),
// IrishLowerCaseFilter (n-/t- prefixes before uppercase vowels) and
// TurkishLowerCaseFilter (dotted/dotless i).
#include "analysis/char_props.h"
#include "analysis/filter_base.h"
#include "analysis/token_filters.h"
#include "analysis/utf8.h"

namespace quiver::analysis {
namespace {

char32_t GreekLower(char32_t c) {
  switch (c) {
    case 0x03C2:
      return 0x03C3;  // final sigma
    case 0x0386:
    case 0x03AC:
      return 0x03B1;
    case 0x0388:
    case 0x03AD:
      return 0x03B5;
    case 0x0389:
    case 0x03AE:
      return 0x03B7;
    case 0x038A:
    case 0x03AF:
    case 0x03AA:
    case 0x03CA:
    case 0x0390:
      return 0x03B9;
    case 0x038E:
    case 0x03CD:
    case 0x03AB:
    case 0x03CB:
    case 0x03B0:
      return 0x03C5;
    case 0x038C:
    case 0x03CC:
      return 0x03BF;
    case 0x038F:
    case 0x03CE:
      return 0x03C9;
    case 0x03A2:
      return 0x03C2;
    default:
      return ToLowerCodePoint(c);
  }
}

bool IsIrishUpperVowel(char32_t c) {
  switch (c) {
    case 'A':
    case 'E':
    case 'I':
    case 'O':
    case 'U':
    case 0xC1:
    case 0xC9:
    case 0xCD:
    case 0xD3:
    case 0xDA:
      return true;
    default:
      return false;
  }
}

// Lowercases or uppercases in place; ASCII-only terms never allocate.
void MapCase(std::string* term, bool upper) {
  std::string& t = *term;
  size_t i = 0;
  for (; i < t.size(); ++i) {
    unsigned char b = static_cast<unsigned char>(t[i]);
    if (b >= 0x80) break;
    if (upper) {
      if (b >= 'a' && b <= 'z') t[i] = static_cast<char>(b - 32);
    } else if (b >= 'A' && b <= 'Z') {
      t[i] = static_cast<char>(b + 32);
    }
  }
  if (i == t.size()) return;
  thread_local std::string out;
  out.assign(t, 0, i);
  while (i < t.size()) {
    char32_t cp;
    i += DecodeUtf8(t, i, &cp);
    AppendUtf8(upper ? ToUpperCodePoint(cp) : ToLowerCodePoint(cp), &out);
  }
  t.swap(out);
}

struct CaseFn {
  CaseMode mode;
  void operator()(Token* token) const {
    switch (mode) {
      case CaseMode::kLower:
        MapCase(&token->term, false);
        return;
      case CaseMode::kUpper:
        MapCase(&token->term, true);
        return;
      default:
        break;
    }
    thread_local std::u32string cps;
    DecodeUtf8(token->term, &cps);
    if (mode == CaseMode::kGreekLower) {
      for (char32_t& c : cps) c = GreekLower(c);
    } else if (mode == CaseMode::kIrishLower) {
      if (cps.size() > 1 && (cps[0] == 'n' || cps[0] == 't') && IsIrishUpperVowel(cps[1])) {
        cps.insert(cps.begin() + 1, U'-');
      }
      for (char32_t& c : cps) c = ToLowerCodePoint(c);
    } else {  // Turkish
      thread_local std::u32string out;
      out.clear();
      for (size_t i = 0; i < cps.size(); ++i) {
        char32_t c = cps[i];
        if (c == 'I') {
          if (i + 1 < cps.size() && cps[i + 1] == 0x0307) {
            out.push_back('i');
            ++i;
          } else {
            out.push_back(0x0131);
          }
        } else if (c == 0x0130) {
          out.push_back('i');
        } else {
          out.push_back(ToLowerCodePoint(c));
        }
      }
      cps.swap(out);
    }
    token->term.clear();
    AppendUtf8(cps, &token->term);
  }
};

}  // namespace

std::shared_ptr<const TokenFilterFactory> NewCaseFilterFactory(std::string name, CaseMode mode) {
  return MakeMapFilterFactory(std::move(name), CaseFn{mode}, FilterTraits{.normalizing = true});
}

}  // namespace quiver::analysis
