#include "analysis/standard_tokenizer.h"

#include <gtest/gtest.h>

#include "analysis/test_util.h"

namespace quiver::analysis {
namespace {

std::shared_ptr<const Analyzer> Standard(int max_len = kDefaultMaxTokenLength) {
  return TokenizerOnly(NewStandardTokenizerFactory("standard", max_len));
}

// ES reference, "Standard tokenizer" example.
TEST(StandardTokenizerTest, EsDocumentationExample) {
  auto a = Standard();
  std::vector<TestToken> expected = {
      {"The", 0, 0, 3, "<ALPHANUM>"},     {"2", 1, 4, 5, "<NUM>"},
      {"QUICK", 2, 6, 11, "<ALPHANUM>"},  {"Brown", 3, 12, 17, "<ALPHANUM>"},
      {"Foxes", 4, 18, 23, "<ALPHANUM>"}, {"jumped", 5, 24, 30, "<ALPHANUM>"},
      {"over", 6, 31, 35, "<ALPHANUM>"},  {"the", 7, 36, 39, "<ALPHANUM>"},
      {"lazy", 8, 40, 44, "<ALPHANUM>"},  {"dog's", 9, 45, 50, "<ALPHANUM>"},
      {"bone", 10, 51, 55, "<ALPHANUM>"},
  };
  EXPECT_EQ(Collect(*a, "The 2 QUICK Brown-Foxes jumped over the lazy dog's bone."), expected);
}

// ES reference: with max_token_length 5, "jumped" is split into "jumpe", "d".
TEST(StandardTokenizerTest, SplitsTokensLongerThanMaxTokenLength) {
  auto a = Standard(5);
  std::vector<std::string> expected = {"The", "2",    "QUICK", "Brown", "Foxes", "jumpe",
                                       "d",   "over", "the",   "lazy",  "dog's", "bone"};
  EXPECT_EQ(Terms(*a, "The 2 QUICK Brown-Foxes jumped over the lazy dog's bone."), expected);
  std::string huge(600, 'a');
  auto tokens = Collect(*Standard(), huge);
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].term.size(), 255u);
  EXPECT_EQ(tokens[1].term.size(), 255u);
  EXPECT_EQ(tokens[2].term.size(), 90u);
  EXPECT_EQ(tokens[2].start, 510);
  EXPECT_EQ(tokens[2].position, 2);
}

TEST(StandardTokenizerTest, EmptyAndPunctuationOnlyInputs) {
  auto a = Standard();
  EXPECT_TRUE(Collect(*a, "").empty());
  EXPECT_TRUE(Collect(*a, " ... !!! --- ").empty());
}

// Lucene TestStandardAnalyzer: apostrophes, numbers, word parts.
TEST(StandardTokenizerTest, ApostrophesNumbersAndPunctuation) {
  auto a = Standard();
  EXPECT_EQ(
      Terms(*a, "O'Reilly you're she's Jim's don't O'Reilly's"),
      (std::vector<std::string>{"O'Reilly", "you're", "she's", "Jim's", "don't", "O'Reilly's"}));
  EXPECT_EQ(Terms(*a, "21.35 R2D2 C3PO 216.239.63.104 1-2-3 wi-fi"),
            (std::vector<std::string>{"21.35", "R2D2", "C3PO", "216.239.63.104", "1", "2", "3",
                                      "wi", "fi"}));
  auto t = Collect(*a, "David has 5000 bones 1,000.50 U.S.A. foo_bar _x_");
  std::vector<std::string> types;
  for (auto& tok : t) types.push_back(tok.type);
  EXPECT_EQ(Terms(*a, "David has 5000 bones 1,000.50 U.S.A. foo_bar _x_"),
            (std::vector<std::string>{"David", "has", "5000", "bones", "1,000.50", "U.S.A",
                                      "foo_bar", "_x_"}));
  EXPECT_EQ(types, (std::vector<std::string>{"<ALPHANUM>", "<ALPHANUM>", "<NUM>", "<ALPHANUM>",
                                             "<NUM>", "<ALPHANUM>", "<ALPHANUM>", "<ALPHANUM>"}));
}

// Lucene TestStandardAnalyzer.testChinese / testKorean / testJapanese.
TEST(StandardTokenizerTest, CjkTypes) {
  auto a = Standard();
  std::vector<TestToken> chinese = {
      {"我", 0, 0, 3, "<IDEOGRAPHIC>"},        {"是", 1, 3, 6, "<IDEOGRAPHIC>"},
      {"中", 2, 6, 9, "<IDEOGRAPHIC>"},        {"国", 3, 9, 12, "<IDEOGRAPHIC>"},
      {"人", 4, 12, 15, "<IDEOGRAPHIC>"},      {"１２３４", 5, 19, 31, "<NUM>"},
      {"Ｔｅｓｔｓ", 6, 32, 47, "<ALPHANUM>"},
  };
  EXPECT_EQ(Collect(*a, "我是中国人。 １２３４ Ｔｅｓｔｓ "), chinese);
  auto korean = Collect(*a, "안녕하세요 한글입니다");
  ASSERT_EQ(korean.size(), 2u);
  EXPECT_EQ(korean[0].term, "안녕하세요");
  EXPECT_EQ(korean[0].type, "<HANGUL>");
  auto japanese = Collect(*a, "仮名遣い カタカナ");
  std::vector<std::string> types;
  for (auto& tok : japanese) types.push_back(tok.type);
  EXPECT_EQ(Terms(*a, "仮名遣い カタカナ"),
            (std::vector<std::string>{"仮", "名", "遣", "い", "カタカナ"}));
  EXPECT_EQ(types, (std::vector<std::string>{"<IDEOGRAPHIC>", "<IDEOGRAPHIC>", "<IDEOGRAPHIC>",
                                             "<HIRAGANA>", "<KATAKANA>"}));
}

// Lucene TestStandardAnalyzer.testThai: runs of Thai are one token; Thai
// digits are numbers.
TEST(StandardTokenizerTest, ThaiIsOneSoutheastAsianTokenPerRun) {
  auto a = Standard();
  auto t = Collect(*a, "การที่ได้ต้องแสดงว่างานดี. แล้วเธอจะไปไหน? ๑๒๓๔");
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0].term, "การที่ได้ต้องแสดงว่างานดี");
  EXPECT_EQ(t[0].type, "<SOUTHEAST_ASIAN>");
  EXPECT_EQ(t[1].term, "แล้วเธอจะไปไหน");
  EXPECT_EQ(t[2].term, "๑๒๓๔");
  EXPECT_EQ(t[2].type, "<NUM>");
}

// Lucene TestStandardAnalyzer.testEmoji* cases.
TEST(StandardTokenizerTest, EmojiSequences) {
  auto a = Standard();
  auto t = Collect(*a, "💩 💩💩");
  ASSERT_EQ(t.size(), 3u);
  for (auto& tok : t) EXPECT_EQ(tok.type, "<EMOJI>");
  // ZWJ sequence (woman, heart, woman) is one token.
  EXPECT_EQ(Terms(*a, "👩\u200D❤\uFE0F\u200D👩"),
            (std::vector<std::string>{"👩\u200D❤\uFE0F\u200D👩"}));
  // Flags pair regional indicators; modifiers stay with their base.
  EXPECT_EQ(Terms(*a, "🇺🇸🇺🇸 👍🏽"),
            (std::vector<std::string>{"🇺🇸", "🇺🇸", "👍🏽"}));
  // Keycap sequence.
  auto keycap = Collect(*a, "1\uFE0F\u20E3");
  ASSERT_EQ(keycap.size(), 1u);
  EXPECT_EQ(keycap[0].type, "<EMOJI>");
  EXPECT_EQ(Collect(*a, "1")[0].type, "<NUM>");
}

TEST(StandardTokenizerTest, CombiningMarksStayInWord) {
  auto a = Standard();
  EXPECT_EQ(Terms(*a, "mo\u0364chte"), (std::vector<std::string>{"mo\u0364chte"}));
  EXPECT_EQ(Terms(*a, "Ελληνικά Русский"), (std::vector<std::string>{"Ελληνικά", "Русский"}));
}

// Invalid UTF-8 never crashes: invalid bytes read as U+FFFD (a separator) and
// offsets still index the original bytes.
TEST(StandardTokenizerTest, InvalidUtf8IsSeparatorAndOffsetsStayOriginal) {
  auto a = Standard();
  std::string text =
      "ab\xff\xfe"
      "cd \xc3";
  auto t = Collect(*a, text);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0], (TestToken{"ab", 0, 0, 2, "<ALPHANUM>"}));
  EXPECT_EQ(t[1], (TestToken{"cd", 1, 4, 6, "<ALPHANUM>"}));
}

}  // namespace
}  // namespace quiver::analysis
