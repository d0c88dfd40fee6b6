// The Porter stemming algorithm: M.F. Porter, "An algorithm for suffix
// stripping", Program 14(3), 1980, in the form of Porter's reference
// implementation that Lucene's PorterStemmer follows (steps 1ab, 1c, 2, 3, 4,
// 5; step 2 also maps "bli" -> "ble" and "logi" -> "log"). Works on bytes:
// every non-ASCII byte counts as a consonant, as non-ASCII chars do in Lucene.
#include "analysis/stemmers.h"

namespace quiver::analysis {
namespace {

class Porter {
 public:
  explicit Porter(std::string* w) : b_(*w), k_(static_cast<int>(w->size()) - 1) {}

  void Run() {
    if (k_ <= 1) return;
    Step1ab();
    Step1c();
    Step2();
    Step3();
    Step4();
    Step5();
    b_.resize(static_cast<size_t>(k_ + 1));
  }

 private:
  bool Cons(int i) const {
    switch (b_[i]) {
      case 'a':
      case 'e':
      case 'i':
      case 'o':
      case 'u':
        return false;
      case 'y':
        return i == 0 ? true : !Cons(i - 1);
      default:
        return true;
    }
  }
  // Number of vowel-consonant sequences in b_[0..j_].
  int M() const {
    int n = 0, i = 0;
    while (true) {
      if (i > j_) return n;
      if (!Cons(i)) break;
      ++i;
    }
    ++i;
    while (true) {
      while (true) {
        if (i > j_) return n;
        if (Cons(i)) break;
        ++i;
      }
      ++i;
      ++n;
      while (true) {
        if (i > j_) return n;
        if (!Cons(i)) break;
        ++i;
      }
      ++i;
    }
  }
  bool VowelInStem() const {
    for (int i = 0; i <= j_; ++i) {
      if (!Cons(i)) return true;
    }
    return false;
  }
  bool DoubleC(int j) const { return j >= 1 && b_[j] == b_[j - 1] && Cons(j); }
  bool Cvc(int i) const {
    if (i < 2 || !Cons(i) || Cons(i - 1) || !Cons(i - 2)) return false;
    const char ch = b_[i];
    return !(ch == 'w' || ch == 'x' || ch == 'y');
  }
  bool Ends(std::string_view s) {
    const int len = static_cast<int>(s.size());
    if (len > k_ + 1) return false;
    if (std::string_view(b_).substr(static_cast<size_t>(k_ - len + 1), s.size()) != s) return false;
    j_ = k_ - len;
    return true;
  }
  void SetTo(std::string_view s) {
    b_.replace(static_cast<size_t>(j_ + 1), static_cast<size_t>(k_ - j_), s);
    k_ = j_ + static_cast<int>(s.size());
  }
  void R(std::string_view s) {
    if (M() > 0) SetTo(s);
  }

  void Step1ab() {
    if (b_[k_] == 's') {
      if (Ends("sses")) {
        k_ -= 2;
      } else if (Ends("ies")) {
        SetTo("i");
      } else if (b_[k_ - 1] != 's') {
        --k_;
      }
    }
    if (Ends("eed")) {
      if (M() > 0) --k_;
    } else if ((Ends("ed") || Ends("ing")) && VowelInStem()) {
      k_ = j_;
      if (Ends("at")) {
        SetTo("ate");
      } else if (Ends("bl")) {
        SetTo("ble");
      } else if (Ends("iz")) {
        SetTo("ize");
      } else if (DoubleC(k_)) {
        const char ch = b_[k_--];
        if (ch == 'l' || ch == 's' || ch == 'z') ++k_;
      } else if (j_ = k_, M() == 1 && Cvc(k_)) {
        SetTo("e");
      }
    }
  }
  void Step1c() {
    if (Ends("y") && VowelInStem()) b_[k_] = 'i';
  }
  void Step2() {
    if (k_ == 0) return;
    struct Rule {
      const char* suffix;
      const char* replacement;
    };
    static constexpr Rule kRules[] = {
        {"ational", "ate"}, {"tional", "tion"}, {"enci", "ence"},   {"anci", "ance"},
        {"izer", "ize"},    {"bli", "ble"},     {"alli", "al"},     {"entli", "ent"},
        {"eli", "e"},       {"ousli", "ous"},   {"ization", "ize"}, {"ation", "ate"},
        {"ator", "ate"},    {"alism", "al"},    {"iveness", "ive"}, {"fulness", "ful"},
        {"ousness", "ous"}, {"aliti", "al"},    {"iviti", "ive"},   {"biliti", "ble"},
        {"logi", "log"},
    };
    const char penultimate = b_[k_ - 1];
    for (const Rule& r : kRules) {
      std::string_view s(r.suffix);
      if (s[s.size() - 2] != penultimate) continue;
      if (Ends(s)) {
        R(r.replacement);
        return;
      }
    }
  }
  void Step3() {
    struct Rule {
      const char* suffix;
      const char* replacement;
    };
    static constexpr Rule kRules[] = {
        {"icate", "ic"}, {"ative", ""}, {"alize", "al"}, {"iciti", "ic"},
        {"ical", "ic"},  {"ful", ""},   {"ness", ""},
    };
    for (const Rule& r : kRules) {
      std::string_view s(r.suffix);
      if (s.back() != b_[k_]) continue;
      if (Ends(s)) {
        R(r.replacement);
        return;
      }
    }
  }
  void Step4() {
    if (k_ == 0) return;
    static constexpr const char* kSuffixes[] = {
        "al",  "ance", "ence", "er",  "ic",  "able", "ible", "ant", "ement", "ment",
        "ent", "ion",  "ou",   "ism", "ate", "iti",  "ous",  "ive", "ize",
    };
    const char penultimate = b_[k_ - 1];
    bool matched = false;
    for (const char* suffix : kSuffixes) {
      std::string_view s(suffix);
      if (s[s.size() - 2] != penultimate) continue;
      if (!Ends(s)) continue;
      if (s == "ion" && !(j_ >= 0 && (b_[j_] == 's' || b_[j_] == 't'))) continue;
      matched = true;
      break;
    }
    if (matched && M() > 1) k_ = j_;
  }
  void Step5() {
    j_ = k_;
    if (b_[k_] == 'e') {
      const int a = M();
      if (a > 1 || (a == 1 && !Cvc(k_ - 1))) --k_;
    }
    if (b_[k_] == 'l' && DoubleC(k_) && M() > 1) --k_;
  }

  std::string& b_;
  int k_;
  int j_ = 0;
};

}  // namespace

void PorterStem(std::string* word) { Porter(word).Run(); }

}  // namespace quiver::analysis
