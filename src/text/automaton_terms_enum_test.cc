// Multi-term enumeration (wildcard, regexp, fuzzy, case-insensitive prefix)
// over a real term dictionary, checked against brute force over all terms.
#include "text/automaton_terms_enum.h"

#include <gtest/gtest.h>

#include <random>

#include "text/regexp.h"
#include "text/text_test_util.h"
#include "text/wildcard.h"

namespace quiver::text {
namespace {

class AutomatonTermsEnumTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    testing::CorpusOptions corpus;
    corpus.num_docs = 4000;
    corpus.vocabulary = 20000;
    corpus.zipf_s = 0.6;
    docs_ = new std::vector<testing::Doc>(testing::MakeCorpus(77, corpus));
    built_ = testing::BuildField(*docs_, IndexOptions::kDocs, false).release();
    all_ = new std::vector<std::string>();
    TermsEnum e = built_->reader.NewTermsEnum();
    while (e.Next()) all_->emplace_back(e.term());
  }
  static void TearDownTestSuite() {
    delete built_;
    delete docs_;
    delete all_;
  }

  static void Check(const CompiledAutomaton& a, const std::string& what) {
    std::vector<std::string> expected;
    for (const auto& t : *all_) {
      if (a.Matches(t)) expected.push_back(t);
    }
    AutomatonTermsEnum e(built_->reader, a);
    std::vector<std::string> got;
    while (e.Next()) {
      got.emplace_back(e.term());
      ASSERT_GE(e.state().doc_freq, 1u);
    }
    ASSERT_TRUE(e.status().ok());
    ASSERT_EQ(got, expected) << what;
  }

  static std::vector<testing::Doc>* docs_;
  static testing::BuiltField* built_;
  static std::vector<std::string>* all_;
};

std::vector<testing::Doc>* AutomatonTermsEnumTest::docs_ = nullptr;
testing::BuiltField* AutomatonTermsEnumTest::built_ = nullptr;
std::vector<std::string>* AutomatonTermsEnumTest::all_ = nullptr;

TEST_F(AutomatonTermsEnumTest, WildcardsMatchBruteForce) {
  std::mt19937 rng(1);
  std::vector<std::string> patterns = {"*",    "a*",    "*a",    "?",         "??",
                                       "a?c*", "*é*",   "ab*cd", "*\xce\xb1", "zz*",
                                       "\\*",  "a*b*c", "e?",    "*a*a*"};
  for (int i = 0; i < 60; ++i) {
    std::string t = (*all_)[rng() % all_->size()];
    std::vector<int32_t> cps;
    DecodeUtf8(t, &cps);
    std::string p;
    for (int32_t c : cps) {
      const int r = static_cast<int>(rng() % 6);
      if (r == 0) {
        p += "?";
      } else if (r == 1) {
        p += "*";
      } else {
        AppendUtf8(c, &p);
      }
    }
    patterns.push_back(p);
  }
  for (const auto& p : patterns) {
    for (bool ci : {false, true}) {
      auto a = CompileWildcard(p, ci);
      ASSERT_TRUE(a.ok()) << p;
      Check(*a, p);
    }
  }
}

TEST_F(AutomatonTermsEnumTest, RegexpsMatchBruteForce) {
  for (const char* p :
       {"a.*", ".*b", "[a-c]+", "a[^b]?.*", "(ab|ba)+.*", ".*(é|α).*", "~(a.*)", "a.*&.*c",
        "[a-f]{2,3}", ".{4}", "[aeiou]+e", "<1-9>.*", "@", "#", "\\w+", "a"}) {
    auto a = CompileRegexp(p, RegexpOptions());
    ASSERT_TRUE(a.ok()) << p;
    Check(*a, p);
  }
}

TEST_F(AutomatonTermsEnumTest, FuzzyMatchesBruteForceAndReportsDistance) {
  std::mt19937 rng(2);
  for (int i = 0; i < 60; ++i) {
    const std::string term = (*all_)[rng() % all_->size()];
    FuzzyOptions o;
    o.max_edits = 1 + static_cast<int>(rng() % 2);
    o.prefix_length = static_cast<int>(rng() % 3);
    o.transpositions = rng() % 2;
    auto f = CompiledFuzzy::Compile(term + (i % 3 == 0 ? "x" : ""), o);
    ASSERT_TRUE(f.ok());
    Check(f->automaton(), term);
    FuzzyTermsEnum e(built_->reader, *f);
    while (e.Next()) {
      const int d = e.edit_distance();
      ASSERT_GE(d, 0);
      ASSERT_LE(d, o.max_edits);
    }
  }
}

TEST_F(AutomatonTermsEnumTest, CaseInsensitivePrefix) {
  for (const char* p : {"A", "aB", "É", "", "Zz"}) {
    auto a = CompilePrefix(p, true);
    ASSERT_TRUE(a.ok());
    Check(*a, p);
  }
}

TEST_F(AutomatonTermsEnumTest, SelectivePatternsSkipMostTerms) {
  // A fuzzy query visits far fewer terms than the dictionary holds.
  FuzzyOptions o;
  o.max_edits = 1;
  auto f = CompiledFuzzy::Compile((*all_)[all_->size() / 2], o);
  AutomatonTermsEnum e(built_->reader, f->automaton());
  while (e.Next()) {
  }
  EXPECT_LT(e.terms_visited() * 20, all_->size());
  auto w = CompileWildcard("ab?d*", false);
  AutomatonTermsEnum e2(built_->reader, *w);
  while (e2.Next()) {
  }
  EXPECT_LT(e2.terms_visited() * 20, all_->size());
}

}  // namespace
}  // namespace quiver::text
