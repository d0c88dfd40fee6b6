#include "analysis/stemmers.h"

#include <gtest/gtest.h>

#include "analysis/utf8.h"

namespace quiver::analysis {
namespace {

std::string Porter(std::string w) {
  PorterStem(&w);
  return w;
}

// Examples from Porter (1980), with the reference implementation's
// departures (bli -> ble, logi -> log) that Lucene's PorterStemmer has.
TEST(PorterStemmerTest, PaperExamples) {
  const std::pair<const char*, const char*> kCases[] = {
      {"caresses", "caress"},
      {"ponies", "poni"},
      {"ties", "ti"},
      {"cats", "cat"},
      {"feed", "feed"},
      {"agreed", "agre"},
      {"plastered", "plaster"},
      {"bled", "bled"},
      {"motoring", "motor"},
      {"sing", "sing"},
      {"conflated", "conflat"},
      {"troubled", "troubl"},
      {"sized", "size"},
      {"hopping", "hop"},
      {"tanned", "tan"},
      {"falling", "fall"},
      {"hissing", "hiss"},
      {"fizzed", "fizz"},
      {"failing", "fail"},
      {"filing", "file"},
      {"happy", "happi"},
      {"sky", "sky"},
      {"relational", "relat"},
      {"conditional", "condit"},
      {"rational", "ration"},
      {"digitizer", "digit"},
      {"radicalli", "radic"},
      {"differentli", "differ"},
      {"vileli", "vile"},
      {"analogousli", "analog"},
      {"vietnamization", "vietnam"},
      {"predication", "predic"},
      {"operator", "oper"},
      {"feudalism", "feudal"},
      {"decisiveness", "decis"},
      {"hopefulness", "hope"},
      {"callousness", "callous"},
      {"formaliti", "formal"},
      {"sensitiviti", "sensit"},
      {"sensibiliti", "sensibl"},
      {"triplicate", "triplic"},
      {"formative", "form"},
      {"formalize", "formal"},
      {"electriciti", "electr"},
      {"electrical", "electr"},
      {"hopeful", "hope"},
      {"goodness", "good"},
      {"revival", "reviv"},
      {"allowance", "allow"},
      {"inference", "infer"},
      {"airliner", "airlin"},
      {"gyroscopic", "gyroscop"},
      {"adjustable", "adjust"},
      {"defensible", "defens"},
      {"irritant", "irrit"},
      {"replacement", "replac"},
      {"adjustment", "adjust"},
      {"dependent", "depend"},
      {"adoption", "adopt"},
      {"homologou", "homolog"},
      {"communism", "commun"},
      {"activate", "activ"},
      {"angulariti", "angular"},
      {"homologous", "homolog"},
      {"effective", "effect"},
      {"bowdlerize", "bowdler"},
      {"probate", "probat"},
      {"rate", "rate"},
      {"cease", "ceas"},
      {"controll", "control"},
      {"roll", "roll"},
      // Departures from the paper kept by the reference code and Lucene.
      {"possibly", "possibl"},
      {"archaeology", "archaeolog"},
      {"generalizations", "gener"},
      {"a", "a"},
      {"is", "is"},
  };
  for (const auto& [in, out] : kCases) EXPECT_EQ(Porter(in), out) << in;
}

std::string Light(void (*stem)(std::u32string*), std::string_view word) {
  std::u32string cps;
  DecodeUtf8(word, &cps);
  stem(&cps);
  std::string out;
  AppendUtf8(cps, &out);
  return out;
}

TEST(LightStemmersTest, SavoyStemmers) {
  EXPECT_EQ(Light(SpanishLightStem, "canciones"), "cancion");
  EXPECT_EQ(Light(SpanishLightStem, "luces"), "luz");
  EXPECT_EQ(Light(FrenchLightStem, "chevaux"), "cheval");
  EXPECT_EQ(Light(FrenchLightStem, "continuellement"), "continuel");
  EXPECT_EQ(Light(GermanLightStem, "häuser"), "haus");
  EXPECT_EQ(Light(ItalianLightStem, "macchine"), "macchin");
  EXPECT_EQ(Light(PortugueseLightStem, "canções"), "canca");
  std::u32string s;
  DecodeUtf8("straße", &s);
  GermanNormalize(&s);
  std::string out;
  AppendUtf8(s, &out);
  EXPECT_EQ(out, "strasse");
}

TEST(EnglishStemmersTest, MinimalPossessiveAndKStem) {
  auto minimal = [](std::string w) {
    EnglishMinimalStem(&w);
    return w;
  };
  EXPECT_EQ(minimal("ponies"), "pony");
  EXPECT_EQ(minimal("cats"), "cat");
  EXPECT_EQ(minimal("glass"), "glass");
  EXPECT_EQ(minimal("status"), "status");
  auto possessive = [](std::string w) {
    StripEnglishPossessive(&w);
    return w;
  };
  EXPECT_EQ(possessive("dog's"), "dog");
  EXPECT_EQ(possessive("dog\u2019s"), "dog");
  EXPECT_EQ(possessive("dogs"), "dogs");
  auto kstem = [](std::string w) {
    KStemApproximation(&w);
    return w;
  };
  EXPECT_EQ(kstem("jumping"), "jump");
  EXPECT_EQ(kstem("stopped"), "stop");
  EXPECT_EQ(kstem("ponies"), "pony");
  EXPECT_EQ(kstem("boxes"), "box");
  EXPECT_EQ(kstem("related"), "relate");
}

TEST(SnowballStemmerTest, LibstemmerAlgorithms) {
  ASSERT_TRUE(HasSnowballAlgorithm("english"));
  ASSERT_FALSE(HasSnowballAlgorithm("klingon"));
  auto russian = SnowballStemmer::Create("russian");
  ASSERT_NE(russian, nullptr);
  std::string w = "книги";
  russian->Stem(&w);
  EXPECT_EQ(w, "книг");
}

}  // namespace
}  // namespace quiver::analysis
