#include "text/automaton.h"

#include <gtest/gtest.h>

#include <random>
#include <regex>

#include "text/automaton_operations.h"
#include "text/levenshtein_automaton.h"
#include "text/regexp.h"
#include "text/utf8_automaton.h"
#include "text/wildcard.h"

namespace quiver::text {
namespace {

std::vector<int32_t> Cps(std::string_view s) {
  std::vector<int32_t> out;
  EXPECT_TRUE(DecodeUtf8(s, &out)) << s;
  return out;
}

bool Matches(const Automaton& a, std::string_view s) { return a.Run(Cps(s)); }

Automaton Regexp(std::string_view pattern, int flags = kRegexpAll, bool ci = false) {
  RegexpOptions o;
  o.flags = flags;
  o.case_insensitive = ci;
  auto a = RegexpToAutomaton(pattern, o);
  EXPECT_TRUE(a.ok()) << pattern << ": " << a.status().ToString();
  return a.ok() ? *a : Automaton();
}

// Random patterns in the syntax Lucene's RegExp and ECMAScript share.
std::string RandomRegex(std::mt19937& rng, int depth) {
  const int r = static_cast<int>(rng() % (depth > 3 ? 4 : 10));
  switch (r) {
    case 0:
    case 1:
      return std::string(1, static_cast<char>('a' + rng() % 3));
    case 2:
      return ".";
    case 3:
      return rng() % 2 ? "[ab]" : (rng() % 2 ? "[^a]" : "[a-b]");
    case 4:
      return RandomRegex(rng, depth + 1) + RandomRegex(rng, depth + 1);
    case 5:
      return "(" + RandomRegex(rng, depth + 1) + "|" + RandomRegex(rng, depth + 1) + ")";
    case 6:
      return "(" + RandomRegex(rng, depth + 1) + ")*";
    case 7:
      return "(" + RandomRegex(rng, depth + 1) + ")+";
    case 8:
      return "(" + RandomRegex(rng, depth + 1) + ")?";
    default: {
      const int lo = static_cast<int>(rng() % 3);
      return "(" + RandomRegex(rng, depth + 1) + "){" + std::to_string(lo) + "," +
             std::to_string(lo + rng() % 3) + "}";
    }
  }
}

TEST(RegexpTest, AgreesWithStdRegexOnSharedSyntax) {
  std::mt19937 rng(42);
  for (int iter = 0; iter < 300; ++iter) {
    const std::string pattern = RandomRegex(rng, 0);
    const Automaton a = Regexp(pattern);
    auto compiled = CompileRegexp(pattern, RegexpOptions());
    ASSERT_TRUE(compiled.ok()) << pattern;
    const std::regex re(pattern, std::regex::ECMAScript);
    for (int k = 0; k < 60; ++k) {
      std::string s;
      const int len = static_cast<int>(rng() % 7);
      for (int i = 0; i < len; ++i) s.push_back(static_cast<char>('a' + rng() % 4));
      const bool expected = std::regex_match(s, re);
      ASSERT_EQ(Matches(a, s), expected) << pattern << " on '" << s << "'";
      ASSERT_EQ(compiled->Matches(s), expected) << pattern << " on '" << s << "'";
    }
  }
}

TEST(RegexpTest, LuceneSyntax) {
  EXPECT_TRUE(Matches(Regexp("ab@"), "abzzz"));
  EXPECT_FALSE(Matches(Regexp("ab@"), "a"));
  EXPECT_FALSE(Matches(Regexp("#"), ""));
  EXPECT_TRUE(Matches(Regexp("~(ab)"), "abc"));
  EXPECT_FALSE(Matches(Regexp("~(ab)"), "ab"));
  EXPECT_TRUE(Matches(Regexp("a.*&.*c"), "abc"));
  EXPECT_FALSE(Matches(Regexp("a.*&.*c"), "abd"));
  EXPECT_TRUE(Matches(Regexp("foo<1-100>"), "foo42"));
  EXPECT_TRUE(Matches(Regexp("foo<1-100>"), "foo0042"));
  EXPECT_FALSE(Matches(Regexp("foo<1-100>"), "foo101"));
  EXPECT_FALSE(Matches(Regexp("foo<1-100>"), "foo0"));
  EXPECT_TRUE(Matches(Regexp("<01-10>"), "07"));
  EXPECT_FALSE(Matches(Regexp("<01-10>"), "7"));
  EXPECT_TRUE(Matches(Regexp("<10-1>"), "5"));  // bounds are swapped
  EXPECT_TRUE(Matches(Regexp("\\d+\\s\\w"), "42 _"));
  EXPECT_FALSE(Matches(Regexp("\\D"), "4"));
  EXPECT_TRUE(Matches(Regexp("[\\d]"), "4"));
  EXPECT_TRUE(Matches(Regexp("\"a+b\""), "a+b"));
  EXPECT_TRUE(Matches(Regexp("a\\+b"), "a+b"));
  EXPECT_TRUE(Matches(Regexp("()"), ""));
  EXPECT_TRUE(Matches(Regexp(""), ""));
  EXPECT_TRUE(Matches(Regexp("*a"), "*a"));  // a leading quantifier is a literal
  EXPECT_TRUE(Matches(Regexp("a{2}"), "aa"));
  EXPECT_TRUE(Matches(Regexp("a{2,}"), "aaaaa"));
  EXPECT_FALSE(Matches(Regexp("a{3,1}"), "aa"));
  // Code points, not bytes.
  EXPECT_TRUE(Matches(Regexp("caf."), "café"));
  EXPECT_TRUE(Matches(Regexp("[α-ω]+"), "λόγος") == false);
  EXPECT_TRUE(Matches(Regexp("[α-ω]+"), "λογοσ"));
  EXPECT_TRUE(Matches(Regexp("😀?x"), "😀x"));
}

TEST(RegexpTest, FlagsDisableOperators) {
  EXPECT_TRUE(Matches(Regexp("a@", kRegexpNone), "a@"));
  EXPECT_TRUE(Matches(Regexp("a&b", kRegexpNone), "a&b"));
  EXPECT_TRUE(Matches(Regexp("~a", kRegexpNone), "~a"));
  EXPECT_TRUE(Matches(Regexp("#", kRegexpNone), "#"));
  EXPECT_TRUE(Matches(Regexp("<1-2>", kRegexpNone), "<1-2>"));
  EXPECT_TRUE(Matches(Regexp("a~b", kRegexpIntersection), "a~b"));
  auto flags = ParseRegexpFlags("INTERSECTION|complement");
  ASSERT_TRUE(flags.ok());
  EXPECT_EQ(*flags, kRegexpIntersection | kRegexpComplement);
  EXPECT_EQ(*ParseRegexpFlags(""), kRegexpAll);
  EXPECT_EQ(*ParseRegexpFlags("NONE"), kRegexpNone);
  EXPECT_EQ(*ParseRegexpFlags("EMPTY|ALL"), kRegexpAll);
  EXPECT_FALSE(ParseRegexpFlags("BOGUS").ok());
}

TEST(RegexpTest, CaseInsensitiveIsAsciiOnly) {
  const Automaton a = Regexp("Foo\"BaR\"é", kRegexpAll, true);
  EXPECT_TRUE(Matches(a, "fOObaré"));
  EXPECT_FALSE(Matches(a, "fOObarÉ"));
  // Ranges are not case-folded (Lucene 9).
  EXPECT_FALSE(Matches(Regexp("[a-c]", kRegexpAll, true), "B"));
}

TEST(RegexpTest, SyntaxErrors) {
  for (const char* bad : {"(ab", "ab)", "[ab", "a{2", "a{,2}", "[z-a]", "\\p", "<foo>", "<1-x>",
                          "\"abc", "a{99999999999}"}) {
    auto a = RegexpToAutomaton(bad, RegexpOptions());
    EXPECT_FALSE(a.ok()) << bad;
    if (!a.ok()) {
      EXPECT_EQ(a.status().code(), StatusCode::kInvalidArgument) << bad;
    }
  }
  std::string deep(2000, '(');
  EXPECT_FALSE(RegexpToAutomaton(deep, RegexpOptions()).ok());
}

TEST(RegexpTest, TooComplexToDeterminize) {
  // The classic exponential blow-up: the 20th-from-last character is 'a'.
  auto a = CompileRegexp("(a|b)*a(a|b){20}", RegexpOptions());
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().type(), "too_complex_to_determinize_exception");
  EXPECT_NE(a.status().message().find("would require more than 10000 effort"), std::string::npos);
  RegexpOptions generous;
  generous.max_determinized_states = 100000000;
  EXPECT_TRUE(CompileRegexp("(a|b)*a(a|b){8}", generous).ok());
}

bool WildcardMatch(std::span<const int32_t> p, std::span<const int32_t> s) {
  if (p.empty()) return s.empty();
  if (p[0] == '*') {
    for (size_t i = 0; i <= s.size(); ++i) {
      if (WildcardMatch(p.subspan(1), s.subspan(i))) return true;
    }
    return false;
  }
  if (s.empty()) return false;
  if (p[0] == '\\' && p.size() > 1) {
    return p[1] == s[0] && WildcardMatch(p.subspan(2), s.subspan(1));
  }
  return (p[0] == '?' || p[0] == s[0]) && WildcardMatch(p.subspan(1), s.subspan(1));
}

TEST(WildcardTest, MatchesBruteForce) {
  std::mt19937 rng(3);
  const char* alphabet[] = {"a", "b", "é", "*", "?", "\\"};
  for (int iter = 0; iter < 300; ++iter) {
    std::string pattern;
    const int len = static_cast<int>(rng() % 6);
    for (int i = 0; i < len; ++i) pattern += alphabet[rng() % 6];
    auto a = WildcardToAutomaton(pattern, false);
    ASSERT_TRUE(a.ok());
    auto compiled = CompileWildcard(pattern, false);
    ASSERT_TRUE(compiled.ok());
    for (int k = 0; k < 40; ++k) {
      std::string s;
      const int n = static_cast<int>(rng() % 6);
      for (int i = 0; i < n; ++i) s += alphabet[rng() % 3 + (rng() % 8 == 0 ? 3 : 0)];
      const bool expected = WildcardMatch(Cps(pattern), Cps(s));
      ASSERT_EQ(Matches(*a, s), expected) << pattern << " on " << s;
      ASSERT_EQ(compiled->Matches(s), expected) << pattern << " on " << s;
    }
  }
  EXPECT_EQ(CompileWildcard("*", false)->type(), CompiledAutomaton::Type::kAll);
  EXPECT_EQ(CompileWildcard("abc", false)->type(), CompiledAutomaton::Type::kSingle);
  EXPECT_TRUE(CompileWildcard("a\\", false)->Matches("a\\"));  // trailing escape is literal
  EXPECT_TRUE(CompileWildcard("Ab*", true)->Matches("aBcD"));
  EXPECT_TRUE(CompilePrefix("Ab", true)->Matches("aBxyz"));
  EXPECT_TRUE(CompileTerm("AbÉ", true)->Matches("aBÉ"));
  EXPECT_FALSE(CompileTerm("AbÉ", true)->Matches("aBé"));
}

TEST(LevenshteinTest, AcceptsExactlyTheStringsWithinDistance) {
  std::mt19937 rng(8);
  const int32_t alphabet[] = {'a', 'b', 'c', 0xe9, 0x4e2d};
  for (int iter = 0; iter < 200; ++iter) {
    std::vector<int32_t> word(rng() % 7);
    for (auto& c : word) c = alphabet[rng() % 3];
    for (int k = 0; k <= 2; ++k) {
      for (bool transpositions : {false, true}) {
        const Automaton a = LevenshteinAutomaton(word, k, transpositions);
        ASSERT_TRUE(a.IsDeterministic());
        for (int t = 0; t < 50; ++t) {
          std::vector<int32_t> s = word;
          // Random edits, so many candidates are close.
          const int edits = static_cast<int>(rng() % 4);
          for (int e = 0; e < edits; ++e) {
            const int op = static_cast<int>(rng() % 4);
            const size_t at = s.empty() ? 0 : rng() % s.size();
            if (op == 0) {
              s.insert(s.begin() + at, alphabet[rng() % 5]);
            } else if (op == 1 && !s.empty()) {
              s.erase(s.begin() + at);
            } else if (op == 2 && !s.empty()) {
              s[at] = alphabet[rng() % 5];
            } else if (s.size() >= 2) {
              const size_t i = rng() % (s.size() - 1);
              std::swap(s[i], s[i + 1]);
            }
          }
          const bool expected = EditDistance(word, s, transpositions) <= k;
          ASSERT_EQ(a.Run(s), expected) << "k=" << k << " t=" << transpositions;
        }
      }
    }
  }
  // Lucene's example: transpositions count once.
  EXPECT_EQ(EditDistance(Cps("abcd"), Cps("abdc"), true), 1);
  EXPECT_EQ(EditDistance(Cps("abcd"), Cps("abdc"), false), 2);
}

TEST(LevenshteinTest, FuzzyPrefixAndExactCases) {
  FuzzyOptions o;
  o.max_edits = 1;
  o.prefix_length = 2;
  auto f = CompiledFuzzy::Compile("hello", o);
  ASSERT_TRUE(f.ok());
  EXPECT_TRUE(f->automaton().Matches("hallo") == false);  // edit inside the prefix
  EXPECT_TRUE(f->automaton().Matches("helo"));
  EXPECT_EQ(f->Distance("helo"), 1);
  o.max_edits = 0;
  f = CompiledFuzzy::Compile("hello", o);
  EXPECT_EQ(f->automaton().type(), CompiledAutomaton::Type::kSingle);
  o.max_edits = 3;
  EXPECT_FALSE(CompiledFuzzy::Compile("hello", o).ok());
}

TEST(Utf8AutomatonTest, RangesMatchTheirEncodings) {
  std::mt19937 rng(1);
  const int32_t edges[] = {0,      0x7f,   0x80,    0x7ff,   0x800,   0xfff,
                           0x1000, 0xffff, 0x10000, 0x3ffff, 0x40000, 0x10ffff};
  for (int iter = 0; iter < 300; ++iter) {
    int32_t lo = iter < 100 ? edges[rng() % 12] : static_cast<int32_t>(rng() % 0x110000);
    int32_t hi = iter < 100 ? edges[rng() % 12] : static_cast<int32_t>(rng() % 0x110000);
    if (lo > hi) std::swap(lo, hi);
    auto det = Determinize(ConvertToUtf8(MakeCharRange(lo, hi)), 0);
    ASSERT_TRUE(det.ok());
    const ByteRunAutomaton run(RemoveDeadStates(*det));
    for (int k = 0; k < 100; ++k) {
      int32_t cp =
          k < 24 ? edges[k % 12] + (k < 12 ? 0 : 1) : static_cast<int32_t>(rng() % 0x110000);
      if (k % 5 == 0) cp = lo + static_cast<int32_t>(rng() % 3) - 1;
      if (k % 5 == 1) cp = hi + static_cast<int32_t>(rng() % 3) - 1;
      if (cp < 0 || cp > kMaxCodePoint || (cp >= 0xd800 && cp <= 0xdfff)) continue;
      std::string s;
      AppendUtf8(cp, &s);
      ASSERT_EQ(run.Run(s), lo <= cp && cp <= hi) << std::hex << lo << " " << hi << " " << cp;
    }
  }
}

TEST(AutomatonOperationsTest, MinimizePreservesTheLanguage) {
  std::mt19937 rng(5);
  for (int iter = 0; iter < 200; ++iter) {
    const std::string pattern = RandomRegex(rng, 0);
    const Automaton a = Regexp(pattern);
    auto m = Minimize(a, 0);
    ASSERT_TRUE(m.ok());
    ASSERT_TRUE(m->IsDeterministic());
    auto again = Minimize(*m, 0);
    ASSERT_EQ(again->num_states(), m->num_states()) << pattern;
    for (int k = 0; k < 40; ++k) {
      std::string s;
      const int len = static_cast<int>(rng() % 6);
      for (int i = 0; i < len; ++i) s.push_back(static_cast<char>('a' + rng() % 4));
      ASSERT_EQ(Matches(*m, s), Matches(a, s)) << pattern << " " << s;
    }
  }
  EXPECT_EQ(Minimize(Regexp("(a|b)*"), 0)->num_states(), 1);
  EXPECT_TRUE(IsTotal(*Minimize(Regexp(".*|a"), 0)));
}

}  // namespace
}  // namespace quiver::text
