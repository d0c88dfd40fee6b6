#include "analysis/analysis_registry.h"

#include <gtest/gtest.h>

#include "analysis/test_util.h"

namespace quiver::analysis {
namespace {

Result<std::shared_ptr<const AnalysisRegistry>> Build(std::string_view analysis,
                                                      AnalysisOptions options = {}) {
  auto v = ParseJson(analysis);
  EXPECT_TRUE(v.ok());
  return AnalysisRegistry::Build(&*v, options);
}

std::shared_ptr<const AnalysisRegistry> MustBuild(std::string_view analysis) {
  auto r = Build(analysis);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : nullptr;
}

std::string BuildError(std::string_view analysis, AnalysisOptions options = {}) {
  auto r = Build(analysis, options);
  EXPECT_FALSE(r.ok());
  if (r.ok()) return "";
  EXPECT_EQ(r.status().http_status(), 400) << r.status().ToString();
  return r.status().message();
}

TEST(AnalysisRegistryTest, NullSettingsGiveBuiltinsWithIndexGap) {
  auto r = AnalysisRegistry::Build(nullptr);
  ASSERT_TRUE(r.ok());
  const auto& reg = **r;
  for (std::string_view name : {"standard", "simple", "whitespace", "keyword", "stop", "pattern",
                                "fingerprint", "english", "french", "german", "spanish", "italian",
                                "portuguese", "dutch", "russian", "cjk", "thai"}) {
    EXPECT_TRUE(reg.HasAnalyzer(name)) << name;
  }
  EXPECT_TRUE(reg.HasNormalizer("lowercase"));
  EXPECT_FALSE(reg.HasAnalyzer("nope"));
  EXPECT_EQ(reg.default_analyzer()->name(), "default");
  EXPECT_EQ(reg.default_analyzer()->position_increment_gap(), 100);
  EXPECT_EQ(reg.FindAnalyzer("standard")->position_increment_gap(), 100);
  EXPECT_EQ(AnalysisRegistry::Global()->FindAnalyzer("standard")->position_increment_gap(), 0);
  EXPECT_EQ(reg.default_search_analyzer(), reg.default_analyzer());
}

// ES reference, "Create a custom analyzer" example.
TEST(AnalysisRegistryTest, CustomAnalyzerFromSettings) {
  auto reg = MustBuild(R"({
      "analyzer": {"my_custom_analyzer": {"type": "custom", "tokenizer": "standard",
          "char_filter": ["html_strip"], "filter": ["lowercase", "asciifolding"]}}})");
  ASSERT_NE(reg, nullptr);
  auto a = reg->FindAnalyzer("my_custom_analyzer");
  ASSERT_NE(a, nullptr);
  EXPECT_TRUE(a->options().custom);
  EXPECT_EQ(a->position_increment_gap(), 100);
  auto tokens = Collect(*a, "Is this <b>déjà vu</b>?");
  std::vector<std::string> terms;
  for (auto& t : tokens) terms.push_back(t.term);
  EXPECT_EQ(terms, (std::vector<std::string>{"is", "this", "deja", "vu"}));
  // Offsets point into the original HTML ("déjà" is 6 bytes). As in Lucene,
  // an end offset that meets removed markup maps past it ("vu</b>").
  EXPECT_EQ(tokens[2].start, 11);
  EXPECT_EQ(tokens[2].end, 17);
  EXPECT_EQ(tokens[3].start, 18);
  EXPECT_EQ(tokens[3].end, 24);
}

// ES reference "Create a custom analyzer" second example: custom components.
TEST(AnalysisRegistryTest, CustomComponentsAndDottedKeys) {
  auto reg = MustBuild(R"({
      "analyzer.my_custom_analyzer.type": "custom",
      "analyzer.my_custom_analyzer.char_filter": ["emoticons"],
      "analyzer.my_custom_analyzer.tokenizer": "punctuation",
      "analyzer.my_custom_analyzer.filter": ["lowercase", "english_stop"],
      "tokenizer": {"punctuation": {"type": "pattern", "pattern": "[ .,!?]"}},
      "char_filter": {"emoticons": {"type": "mapping", "mappings": [":) => _happy_",
                                                                     ":( => _sad_"]}},
      "filter": {"english_stop": {"type": "stop", "stopwords": "_english_"}}})");
  ASSERT_NE(reg, nullptr);
  auto a = reg->FindAnalyzer("my_custom_analyzer");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(Terms(*a, "I'm a :) person, and you?"),
            (std::vector<std::string>{"i'm", "_happy_", "person", "you"}));
}

TEST(AnalysisRegistryTest, DefaultAndSearchAnalyzers) {
  auto reg = MustBuild(R"({"analyzer": {
      "default": {"type": "simple"},
      "default_search": {"type": "whitespace"}}})");
  ASSERT_NE(reg, nullptr);
  EXPECT_EQ(Terms(*reg->default_analyzer(), "Foo-Bar"), (std::vector<std::string>{"foo", "bar"}));
  EXPECT_EQ(Terms(*reg->default_search_analyzer(), "Foo-Bar"),
            (std::vector<std::string>{"Foo-Bar"}));
  EXPECT_EQ(reg->default_search_quote_analyzer(), reg->default_search_analyzer());
}

TEST(AnalysisRegistryTest, BuiltinAnalyzerTypesAcceptSettings) {
  auto reg = MustBuild(R"({"analyzer": {
      "std": {"type": "standard", "max_token_length": 5, "stopwords": "_english_"},
      "en": {"type": "english", "stem_exclusion": ["jumping"]},
      "pat": {"type": "pattern", "pattern": "\\W|_", "lowercase": true}}})");
  ASSERT_NE(reg, nullptr);
  // ES reference, standard analyzer configuration example.
  EXPECT_EQ(
      Terms(*reg->FindAnalyzer("std"), "The 2 QUICK Brown-Foxes jumped over the lazy dog's bone."),
      (std::vector<std::string>{"2", "quick", "brown", "foxes", "jumpe", "d", "over", "lazy",
                                "dog's", "bone"}));
  EXPECT_EQ(Terms(*reg->FindAnalyzer("en"), "jumping running"),
            (std::vector<std::string>{"jumping", "run"}));
  // ES reference, pattern analyzer "camel"/email example.
  EXPECT_EQ(Terms(*reg->FindAnalyzer("pat"), "John_Smith@foo-bar.com"),
            (std::vector<std::string>{"john", "smith", "foo", "bar", "com"}));
}

TEST(AnalysisRegistryTest, CustomNormalizers) {
  auto reg = MustBuild(R"({
      "char_filter": {"quote": {"type": "mapping", "mappings": ["« => \"", "» => \""]}},
      "normalizer": {"my_normalizer": {"type": "custom", "char_filter": ["quote"],
                                       "filter": ["lowercase", "asciifolding"]}}})");
  ASSERT_NE(reg, nullptr);
  auto n = reg->FindNormalizer("my_normalizer");
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->Normalize("«Élégant» BAR"), "\"elegant\" bar");
  EXPECT_EQ(reg->FindNormalizer("lowercase")->Normalize("FooBAR"), "foobar");
  EXPECT_EQ(reg->FindNormalizer("lowercase")->Normalize("ÉCOLE"), "école");
  std::string out;
  EXPECT_TRUE(n->Normalize("", &out).ok());
  EXPECT_EQ(out, "");
}

TEST(AnalysisRegistryTest, ConfigurationErrorsMatchElasticsearch) {
  EXPECT_EQ(BuildError(R"({"analyzer": {"a": {"tokenizer": "nope"}}})"),
            "Custom Analyzer [a] failed to find tokenizer under name [nope]");
  EXPECT_EQ(BuildError(R"({"analyzer": {"a": {"tokenizer": "standard", "filter": ["nope"]}}})"),
            "Custom Analyzer [a] failed to find filter under name [nope]");
  EXPECT_EQ(BuildError(R"({"analyzer": {"a": {"tokenizer": "standard", "char_filter": "x"}}})"),
            "Custom Analyzer [a] failed to find char_filter under name [x]");
  EXPECT_EQ(BuildError(R"({"analyzer": {"a": {"type": "custom"}}})"),
            "Custom Analyzer [a] must be configured with a tokenizer");
  EXPECT_EQ(BuildError(R"({"analyzer": {"a": {"filter": ["lowercase"]}}})"),
            "analyzer [a] must specify either an analyzer type, or a tokenizer");
  EXPECT_EQ(BuildError(R"({"analyzer": {"a": {"type": "bogus"}}})"),
            "Unknown analyzer type [bogus] for [a]");
  EXPECT_EQ(BuildError(R"({"filter": {"f": {"type": "bogus"}}})"),
            "Unknown filter type [bogus] for [f]");
  EXPECT_EQ(BuildError(R"({"tokenizer": {"t": {"pattern": "x"}}})"),
            "tokenizer [t] must specify either an analyzer type, or a tokenizer");
  EXPECT_EQ(BuildError(R"({"analyzer": {"_a": {"type": "standard"}}})"),
            "analyzer name must not start with '_'. got \"_a\"");
  EXPECT_EQ(BuildError(R"({"normalizer": {"n": {"tokenizer": "standard"}}})"),
            "Custom normalizer [n] cannot configure a tokenizer");
  EXPECT_EQ(BuildError(R"({"normalizer": {"n": {"filter": ["stemmer"]}}})"),
            "Custom normalizer [n] may not use filter [stemmer]");
  EXPECT_EQ(BuildError(R"({"normalizer": {"n": {"char_filter": ["html_strip"]}}})"),
            "Custom normalizer [n] may not use char filter [html_strip]");
  EXPECT_EQ(BuildError(R"({"tokenizer": {"t": {"type": "ngram", "min_gram": 1, "max_gram": 5}}})"),
            "The difference between max_gram and min_gram in NGram Tokenizer must be less than or "
            "equal to: [1] but was [4]. This limit can be set by changing the "
            "[index.max_ngram_diff] index level setting.");
  AnalysisOptions wide;
  wide.max_ngram_diff = 4;
  EXPECT_TRUE(
      Build(R"({"tokenizer": {"t": {"type": "ngram", "min_gram": 1, "max_gram": 5}}})", wide).ok());
  EXPECT_EQ(BuildError(R"({"filter": {"s": {"type": "shingle", "max_shingle_size": 6}}})"),
            "In Shingle TokenFilter the difference between max_shingle_size and min_shingle_size "
            "(and +1 if outputting unigrams) must be less than or equal to: [3] but was [5]. This "
            "limit can be set by changing the [index.max_shingle_diff] index level setting.");
  EXPECT_EQ(BuildError(R"({"filter": {"s": {"type": "stop", "stopwords_path": "stop.txt"}}})"),
            "[stopwords_path] is not supported: analysis files cannot be read from disk; define "
            "the list inline in the index settings instead");
  EXPECT_EQ(BuildError(R"({"filter": {"s": {"type": "synonym"}}})"),
            "synonym requires either `synonyms`, `synonyms_set` or `synonyms_path` to be "
            "configured");
  EXPECT_EQ(BuildError(R"({"char_filter": {"m": {"type": "mapping"}}})"),
            "mapping requires either `mappings` or `mappings_path` to be configured");
  EXPECT_EQ(BuildError(R"({"filter": {"p": {"type": "pattern_replace"}}})"),
            "pattern is missing for [p] token filter of type 'pattern_replace'");
  EXPECT_EQ(BuildError(R"({"filter": {"e": {"type": "elision"}}})"),
            "elision filter requires [articles] or [articles_path] setting");
  EXPECT_EQ(BuildError(R"({"filter": {"l": {"type": "lowercase", "language": "klingon"}}})"),
            "language [klingon] not support for lower case");
  EXPECT_EQ(BuildError(R"({"tokenizer": {"p": {"type": "pattern", "pattern": "(unclosed"}}})"),
            "Unclosed group near index 9\n(unclosed");
  EXPECT_EQ(BuildError(R"({"filter": {"s": {"type": "stop", "ignore_case": "yes"}}})"),
            "Failed to parse value [yes] as only [true] or [false] are allowed.");
}

// rest-api-spec indices.create/10_basic.yml "Create index with hunspell
// missing dict" (its YAML nests `filter` under `analyzer`): a 400 either way.
TEST(AnalysisRegistryTest, HunspellIndexIsRejected) {
  BuildError(R"({"analyzer": {"en": {"tokenizer": "standard", "filter": ["my_en_US_dict_stemmer"]},
      "filter": {"my_en_US_dict_stemmer": null, "type": "hunspell", "locale": "en_US",
                 "dedup": false}}})");
  BuildError(R"({"analyzer": {"en": {"tokenizer": "standard", "filter": ["stemmer_dict"]}},
      "filter": {"stemmer_dict": {"type": "hunspell", "locale": "en_US"}}})");
}

TEST(AnalysisRegistryTest, SynonymErrorsAndLenient) {
  // A rule term removed by the chain (stop words) is an error...
  std::string message = BuildError(R"({
      "filter": {"syn": {"type": "synonym", "synonyms": ["the => a"]}},
      "analyzer": {"a": {"tokenizer": "standard", "filter": ["stop", "syn"]}}})");
  EXPECT_EQ(message, "failed to build synonyms");
  // ...unless lenient.
  auto reg = MustBuild(R"({
      "filter": {"syn": {"type": "synonym", "lenient": true,
                         "synonyms": ["the => a", "quick => fast"]}},
      "analyzer": {"a": {"tokenizer": "standard", "filter": ["stop", "syn"]}}})");
  ASSERT_NE(reg, nullptr);
  EXPECT_EQ(Terms(*reg->FindAnalyzer("a"), "the quick fox"),
            (std::vector<std::string>{"fast", "fox"}));
  EXPECT_EQ(BuildError(R"({
      "filter": {"syn": {"type": "synonym", "synonyms": ["a => b => c"]}},
      "analyzer": {"a": {"tokenizer": "standard", "filter": ["syn"]}}})"),
            "failed to build synonyms");
  EXPECT_EQ(BuildError(R"({
      "filter": {"syn": {"type": "synonym", "synonyms": ["a => b"]}},
      "analyzer": {"a": {"tokenizer": "standard", "filter": ["word_delimiter", "syn"]}}})"),
            "Token filter [word_delimiter] cannot be used to parse synonyms");
}

}  // namespace
}  // namespace quiver::analysis
