#include "query/dsl/regexp_automaton.h"

#include <gtest/gtest.h>

namespace quiver::query::dsl {
namespace {

bool Re(std::string_view pattern, std::string_view text, int flags = kRegexpAll,
        bool case_insensitive = false) {
  auto a = CodePointAutomaton::CompileRegexp(pattern, flags, case_insensitive, 10000);
  EXPECT_TRUE(a.ok()) << pattern << ": " << a.status().ToString();
  return a.ok() && a->Matches(text);
}

std::string ReError(std::string_view pattern, int flags = kRegexpAll, int max_states = 10000) {
  auto a = CodePointAutomaton::CompileRegexp(pattern, flags, false, max_states);
  EXPECT_FALSE(a.ok()) << pattern;
  return a.ok() ? "" : a.status().message();
}

TEST(RegexpAutomatonTest, LuceneSyntax) {
  EXPECT_TRUE(Re("ki.*y", "kimchy"));
  EXPECT_FALSE(Re("ki.*y", "kimchi"));
  EXPECT_TRUE(Re("a|b", "b"));
  EXPECT_TRUE(Re("ab+c?", "abbb"));
  EXPECT_TRUE(Re("a{2,3}", "aaa"));
  EXPECT_FALSE(Re("a{2,3}", "aaaa"));
  EXPECT_TRUE(Re("a{2,}", "aaaaa"));
  EXPECT_TRUE(Re("[a-c]+x", "abcx"));
  EXPECT_TRUE(Re("[^a-c]x", "dx"));
  EXPECT_FALSE(Re("[^a-c]x", "bx"));
  EXPECT_TRUE(Re("\"a.b\"", "a.b"));
  EXPECT_FALSE(Re("\"a.b\"", "axb"));
  EXPECT_TRUE(Re("\\d+", "2024"));
  EXPECT_TRUE(Re("()", ""));
  EXPECT_TRUE(Re("", ""));
  EXPECT_TRUE(Re("caf\xc3\xa9", "caf\xc3\xa9"));
}

TEST(RegexpAutomatonTest, OptionalOperators) {
  EXPECT_TRUE(Re("@", "anything"));
  EXPECT_FALSE(Re("#", ""));
  EXPECT_TRUE(Re("ab~c", "abd"));  // complement of "c"
  EXPECT_FALSE(Re("ab~c", "abc"));
  EXPECT_TRUE(Re("a.*&.*b", "axb"));
  EXPECT_FALSE(Re("a.*&.*b", "axc"));
  EXPECT_TRUE(Re("foo<1-100>", "foo42"));
  EXPECT_FALSE(Re("foo<1-100>", "foo101"));
  EXPECT_TRUE(Re("<01-10>", "05"));
  EXPECT_FALSE(Re("<01-10>", "5"));
  // Without the flags these characters are literals.
  EXPECT_TRUE(Re("a@", "a@", kRegexpNone));
  EXPECT_TRUE(Re("a&b", "a&b", kRegexpNone));
}

TEST(RegexpAutomatonTest, CaseInsensitive) {
  EXPECT_TRUE(Re("Kim.*", "KIMCHY", kRegexpAll, true));
  EXPECT_TRUE(Re("[a-c]x", "BX", kRegexpAll, true));
  EXPECT_FALSE(Re("Kim.*", "KIMCHY"));
}

TEST(RegexpAutomatonTest, SyntaxErrors) {
  EXPECT_EQ(ReError("ab(c"), "expected ')' at position 4");
  EXPECT_EQ(ReError("a[bc"), "expected ']' at position 4");
  EXPECT_EQ(ReError("a{2"), "expected '}' at position 3");
  EXPECT_EQ(ReError("a)"), "end-of-string expected at position 1");
  EXPECT_EQ(ReError("a\\"), "unexpected end-of-string");
  EXPECT_EQ(ReError("[z-a]"), "invalid range: from (122) cannot be > to (97)");
}

TEST(RegexpAutomatonTest, TooManyStates) {
  std::string msg = ReError("[ab]*a[ab]{20}", kRegexpAll, 10000);
  EXPECT_NE(msg.find("would result in more than 10000 states."), std::string::npos) << msg;
  EXPECT_EQ(msg.rfind("Determinizing automaton with ", 0), 0u) << msg;
}

TEST(RegexpAutomatonTest, HostileNestingFailsCleanly) {
  std::string deep(20000, '(');
  deep += "a";
  deep += std::string(20000, ')');
  auto a = CodePointAutomaton::CompileRegexp(deep, kRegexpAll, false, 10000);
  EXPECT_FALSE(a.ok());
}

TEST(WildcardAutomatonTest, Matches) {
  auto a = CodePointAutomaton::CompileWildcard("ki*y?", false, 10000);
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(a->Matches("kimchy!"));
  EXPECT_FALSE(a->Matches("kimchy"));
  auto escaped = CodePointAutomaton::CompileWildcard("a\\*b", false, 10000);
  ASSERT_TRUE(escaped.ok());
  EXPECT_TRUE(escaped->Matches("a*b"));
  EXPECT_FALSE(escaped->Matches("axb"));
  auto ci = CodePointAutomaton::CompileWildcard("\xc3\xa9t\xc3\xa9*", true, 10000);
  ASSERT_TRUE(ci.ok());
  EXPECT_TRUE(ci->Matches("\xc3\x89T\xc3\x89S"));
}

}  // namespace
}  // namespace quiver::query::dsl
