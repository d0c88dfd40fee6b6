// Stand-in for Lucene's KStemFilter (R. Krovetz, "Viewing morphology as an
// inference process", SIGIR 1993). Krovetz's stemmer validates every
// candidate against a large English lexicon that is not reproduced here;
// without it we apply only its inflectional rules (plurals, -ed, -ing), with
// Porter's short-word heuristics deciding when to restore a final "e".
#include "analysis/stemmers.h"

namespace quiver::analysis {
namespace {

bool IsVowel(const std::string& s, size_t i) {
  switch (s[i]) {
    case 'a':
    case 'e':
    case 'i':
    case 'o':
    case 'u':
      return true;
    case 'y':
      return i > 0 && !IsVowel(s, i - 1);
    default:
      return false;
  }
}

bool HasVowel(const std::string& s, size_t end) {
  for (size_t i = 0; i < end; ++i) {
    if (IsVowel(s, i)) return true;
  }
  return false;
}

bool EndsWith(const std::string& s, std::string_view suffix) {
  return std::string_view(s).ends_with(suffix);
}

// Consonant-vowel-consonant at the end, the last not w/x/y ("hop" -> "hope").
bool EndsCvc(const std::string& s) {
  const size_t n = s.size();
  if (n < 3) return false;
  const char last = s[n - 1];
  return !IsVowel(s, n - 1) && IsVowel(s, n - 2) && !IsVowel(s, n - 3) && last != 'w' &&
         last != 'x' && last != 'y';
}

void StripInflection(std::string* word, size_t suffix_len) {
  std::string& s = *word;
  const size_t n = s.size() - suffix_len;
  s.erase(n);
  if (n >= 2 && s[n - 1] == s[n - 2] && !IsVowel(s, n - 1) && s[n - 1] != 'l' && s[n - 1] != 's' &&
      s[n - 1] != 'z') {
    s.pop_back();  // "stopped" -> "stop"
  } else if (EndsWith(s, "at") || EndsWith(s, "bl") || EndsWith(s, "iz") ||
             (n <= 3 && EndsCvc(s))) {
    s.push_back('e');  // "related" -> "relate", "hoped" -> "hope"
  }
}

}  // namespace

void KStemApproximation(std::string* word) {
  std::string& s = *word;
  for (char c : s) {
    if (c < 'a' || c > 'z') return;  // like KStem: only lowercase ASCII words
  }
  const size_t n = s.size();
  if (n < 3) return;
  if (s.back() == 's') {
    if (EndsWith(s, "ies") && n > 4) {
      s.replace(n - 3, 3, "y");
    } else if (EndsWith(s, "sses") || EndsWith(s, "xes") || EndsWith(s, "ches") ||
               EndsWith(s, "shes") || EndsWith(s, "zzes")) {
      s.resize(n - 2);
    } else if (!EndsWith(s, "ss") && !EndsWith(s, "us") && !EndsWith(s, "is") && n > 3) {
      s.pop_back();
    }
    return;
  }
  if (EndsWith(s, "ied") && n > 4) {
    s.replace(n - 3, 3, "y");
  } else if (EndsWith(s, "eed")) {
    return;
  } else if (EndsWith(s, "ed") && n > 4 && HasVowel(s, n - 2)) {
    StripInflection(word, 2);
  } else if (EndsWith(s, "ing") && n > 5 && HasVowel(s, n - 3)) {
    StripInflection(word, 3);
  }
}

}  // namespace quiver::analysis
