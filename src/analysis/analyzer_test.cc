// Analyzer-level behaviour: multi-valued fields, reuse, thread safety,
// invalid UTF-8, hostile regexes, empty and huge inputs.
#include "analysis/analyzer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <thread>

#include "analysis/analysis_registry.h"
#include "analysis/test_util.h"
#include "analysis/utf8.h"
#include "common/strings.h"

namespace quiver::analysis {
namespace {

std::shared_ptr<const AnalysisRegistry> Registry(std::string_view analysis) {
  auto v = ParseJson(analysis);
  EXPECT_TRUE(v.ok());
  auto r = AnalysisRegistry::Build(&*v);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : nullptr;
}

TEST(AnalyzerTest, AnalyzeValuesAddsPositionIncrementGap) {
  auto reg = Registry("{}");
  auto a = reg->FindAnalyzer("standard");
  std::vector<std::string_view> values = {"John Abraham", "Lincoln Smith"};
  std::vector<std::pair<size_t, int32_t>> seen;
  std::vector<int32_t> starts;
  ASSERT_TRUE(a->AnalyzeValues(values, [&](size_t value, const Token& t) {
                 seen.emplace_back(value, t.position);
                 starts.push_back(t.start_offset);
               }).ok());
  // ES reference, position_increment_gap: the second value starts 100
  // positions after the last token of the first.
  EXPECT_EQ(seen, (std::vector<std::pair<size_t, int32_t>>{{0, 0}, {0, 1}, {1, 102}, {1, 103}}));
  EXPECT_EQ(starts, (std::vector<int32_t>{0, 5, 0, 8}));  // offsets are per value
}

TEST(AnalyzerTest, TrailingStopWordsCountInEndPositionIncrement) {
  auto reg = Registry(R"({"analyzer": {"a": {"tokenizer": "standard", "filter": ["stop"]}}})");
  auto a = reg->FindAnalyzer("a");
  std::vector<std::string_view> values = {"fox and the", "dog"};
  std::vector<int32_t> positions;
  ASSERT_TRUE(a->AnalyzeValues(values, [&](size_t, const Token& t) {
                 positions.push_back(t.position);
               }).ok());
  EXPECT_EQ(positions, (std::vector<int32_t>{0, 103}));
}

TEST(AnalyzerTest, KeywordAnalyzerEmitsEmptyTokenForEmptyInput) {
  auto a = AnalysisRegistry::Global()->FindAnalyzer("keyword");
  auto t = Collect(*a, "");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].term, "");
  for (const auto& name : {"standard", "simple", "whitespace", "stop", "english", "french",
                           "german", "cjk", "thai", "fingerprint", "pattern"}) {
    EXPECT_TRUE(Collect(*AnalysisRegistry::Global()->FindAnalyzer(name), "").empty()) << name;
  }
}

TEST(AnalyzerTest, NestedUseOnOneThreadIsSafe) {
  auto a = AnalysisRegistry::Global()->FindAnalyzer("standard");
  std::vector<std::string> outer, inner;
  ASSERT_TRUE(a->Analyze("alpha beta", [&](const Token& t) {
                 outer.push_back(t.term);
                 ASSERT_TRUE(
                     a->Analyze("gamma", [&](const Token& u) { inner.push_back(u.term); }).ok());
               }).ok());
  EXPECT_EQ(outer, (std::vector<std::string>{"alpha", "beta"}));
  EXPECT_EQ(inner, (std::vector<std::string>{"gamma", "gamma"}));
}

std::string RandomText(std::mt19937* rng, size_t words) {
  static const char* kWords[] = {"The",     "quick", "brown", "fox's", "jumped",  "über", "東京",
                                 "naïve",   "café",  "2024",  "U.S.A", "e-mail",  "😀",    "Δelta",
                                 "running", "jumps", "and",   "the",   "synonym", "wi-fi"};
  std::string out;
  for (size_t i = 0; i < words; ++i) {
    if (i > 0) out += (*rng)() % 5 == 0 ? ", " : " ";
    out += kWords[(*rng)() % (sizeof(kWords) / sizeof(kWords[0]))];
  }
  return out;
}

// Many threads share the same immutable analyzers; each must see exactly the
// tokens a single thread sees.
TEST(AnalyzerTest, ConcurrentAnalysisMatchesSequential) {
  auto reg = Registry(R"({
      "filter": {"syn": {"type": "synonym_graph", "synonyms": ["quick, fast", "wi fi => wifi"]},
                 "wd": {"type": "word_delimiter_graph", "catenate_all": true}},
      "analyzer": {"custom": {"tokenizer": "whitespace",
                              "filter": ["lowercase", "asciifolding", "syn", "wd", "porter_stem"]}}})");
  ASSERT_NE(reg, nullptr);
  std::vector<std::shared_ptr<const Analyzer>> analyzers = {
      reg->FindAnalyzer("standard"), reg->FindAnalyzer("english"), reg->FindAnalyzer("french"),
      reg->FindAnalyzer("custom"), reg->FindAnalyzer("cjk")};
  std::mt19937 rng(42);
  std::vector<std::string> texts;
  for (int i = 0; i < 200; ++i) texts.push_back(RandomText(&rng, 1 + i % 40));
  std::vector<std::vector<std::vector<TestToken>>> expected(analyzers.size());
  for (size_t a = 0; a < analyzers.size(); ++a) {
    for (const auto& text : texts) expected[a].push_back(Collect(*analyzers[a], text));
  }
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 5; ++round) {
        for (size_t i = 0; i < texts.size(); ++i) {
          const size_t a = (i + static_cast<size_t>(t)) % analyzers.size();
          if (Collect(*analyzers[a], texts[i]) != expected[a][i]) ++mismatches;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches.load(), 0);
}

// Invalid UTF-8 never crashes any analyzer; terms are always valid UTF-8 and
// offsets stay within the input.
TEST(AnalyzerTest, InvalidUtf8IsReplacedNotFatal) {
  std::mt19937 rng(7);
  std::vector<std::string> inputs = {"\xff",           "abc\xc3",          "\xe2\x82",
                                     "a\xed\xa0\x80z", "\xf4\x90\x80\x80", std::string("x\0y", 3)};
  for (int i = 0; i < 200; ++i) {
    std::string s(static_cast<size_t>(rng() % 40), '\0');
    for (char& c : s) c = static_cast<char>(rng());
    inputs.push_back(s);
  }
  auto global = AnalysisRegistry::Global();
  for (std::string_view name : BuiltinAnalyzerNames()) {
    auto a = global->FindAnalyzer(name);
    ASSERT_NE(a, nullptr) << name;
    for (const std::string& in : inputs) {
      Status st = a->Analyze(in, [&](const Token& t) {
        EXPECT_TRUE(IsValidUtf8(t.term)) << name;
        EXPECT_GE(t.start_offset, 0);
        EXPECT_LE(t.end_offset, static_cast<int32_t>(in.size())) << name;
      });
      EXPECT_TRUE(st.ok()) << name;
    }
  }
  auto keyword = Collect(*global->FindAnalyzer("keyword"), "a\xffz");
  ASSERT_EQ(keyword.size(), 1u);
  EXPECT_EQ(keyword[0].term, "a\uFFFDz");
  EXPECT_EQ(keyword[0].end, 3);  // offsets index the original bytes
}

// A catastrophic-backtracking pattern fails within its budget instead of
// hanging the indexing thread.
TEST(AnalyzerTest, HostileRegexIsBounded) {
  auto reg = Registry(R"({"tokenizer": {"evil": {"type": "pattern", "pattern": "(a+)+$"}},
                          "analyzer": {"a": {"tokenizer": "evil"}}})");
  ASSERT_NE(reg, nullptr);
  std::string text(40, 'a');
  text += "!";
  const auto start = std::chrono::steady_clock::now();
  Status st = reg->FindAnalyzer("a")->Analyze(text, [](const Token&) {});
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_FALSE(st.ok());
  EXPECT_LT(elapsed, std::chrono::seconds(10));
  // Deep nesting is rejected or bounded, never a stack overflow.
  std::string deep(20000, '(');
  deep += std::string(20000, ')');
  auto v = ParseJson(R"({"tokenizer": {"t": {"type": "pattern", "pattern": ""}}})");
  v->as_object()["tokenizer"].as_object()["t"].as_object()["pattern"] = deep;
  auto r = AnalysisRegistry::Build(&*v);
  if (r.ok()) {
    EXPECT_TRUE((*r)->FindAnalyzer("standard") != nullptr);
  }
}

TEST(AnalyzerTest, HugeInputs) {
  auto a = AnalysisRegistry::Global()->FindAnalyzer("standard");
  std::string text;
  for (int i = 0; i < 100000; ++i) text += "word" + std::to_string(i % 100) + " ";
  size_t n = 0;
  ASSERT_TRUE(a->Analyze(text, [&](const Token&) { ++n; }).ok());
  EXPECT_EQ(n, 100000u);
  // A single enormous token is split every 255 characters (ES max_token_length).
  std::string word(1 << 20, 'x');
  n = 0;
  ASSERT_TRUE(a->Analyze(word, [&](const Token& t) {
                 EXPECT_LE(t.term.size(), 255u);
                 ++n;
               }).ok());
  EXPECT_EQ(n, (word.size() + 254) / 255);
}

TEST(AnalyzerTest, CharFilterOffsetsMapToOriginalText) {
  auto reg = Registry(R"({
      "char_filter": {"amp": {"type": "mapping", "mappings": ["& => and", "ß => ss"]}},
      "analyzer": {"a": {"tokenizer": "standard", "char_filter": ["amp"]}}})");
  const std::string text = "Tom & Jerry straße";
  auto t = Collect(*reg->FindAnalyzer("a"), text);
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[1].term, "and");
  EXPECT_EQ(text.substr(t[1].start, t[1].end - t[1].start), "&");
  EXPECT_EQ(t[2].term, "Jerry");
  EXPECT_EQ(text.substr(t[2].start, t[2].end - t[2].start), "Jerry");
  EXPECT_EQ(t[3].term, "strasse");
  EXPECT_EQ(text.substr(t[3].start, t[3].end - t[3].start), "straße");
}

}  // namespace
}  // namespace quiver::analysis

namespace quiver::analysis {
namespace {

// Every tokenizer and filter, chained in various ways, over random and
// malformed inputs: no crash, no hang, terms always valid UTF-8.
TEST(AnalyzerTest, EveryComponentSurvivesRandomInput) {
  const char* kTokenizers[] = {"standard",   "classic", "uax_url_email",  "keyword",
                               "whitespace", "letter",  "lowercase",      "ngram",
                               "edge_ngram", "pattern", "path_hierarchy", "thai",
                               "char_group"};
  const char* kFilters[] = {
      "lowercase",
      "uppercase",
      "asciifolding",
      "stop",
      "stemmer",
      "snowball",
      "porter_stem",
      "kstem",
      "ngram",
      "edge_ngram",
      "shingle",
      "length",
      "truncate",
      "unique",
      "remove_duplicates",
      "trim",
      "word_delimiter",
      "word_delimiter_graph",
      "elision",
      "reverse",
      "keyword_repeat",
      "decimal_digit",
      "cjk_width",
      "cjk_bigram",
      "apostrophe",
      "classic",
      "limit",
      "german_normalization",
      "fingerprint",
      "flatten_graph",
      R"({"type": "synonym_graph", "synonyms": ["a, b c", "x y => z"]})",
      R"({"type": "synonym", "synonyms": ["a, b c", "x y => z"]})",
      R"({"type": "pattern_replace", "pattern": "[aeiou]", "replacement": ""})",
      R"({"type": "pattern_capture", "patterns": ["(\\w)(\\w)?"]})",
      R"({"type": "shingle", "min_shingle_size": 2, "max_shingle_size": 4, "filler_token": ""})",
      R"({"type": "word_delimiter_graph", "catenate_all": true, "preserve_original": true})",
      R"({"type": "edge_ngram", "min_gram": 1, "max_gram": 3, "side": "back"})",
      R"({"type": "stemmer", "language": "light_french"})",
      R"({"type": "lowercase", "language": "irish"})"};
  std::mt19937 rng(11);
  std::vector<std::string> texts = {
      "",
      " ",
      "a",
      "x y",
      "a b c x y z",
      "東京都は日本の首都",
      "Ὀδυσσεύς l'avion O'Neil's wi-fi 3.14 😀👩‍❤️‍👩",
      "\xff\xfe bad \xc3",
      "<p>html &amp; stuff</p>"};
  for (int i = 0; i < 20; ++i) texts.push_back(RandomText(&rng, 1 + i));
  for (int i = 0; i < 20; ++i) {
    std::string s(static_cast<size_t>(rng() % 30), '\0');
    for (char& c : s) c = static_cast<char>(rng() % 3 == 0 ? rng() : 'a' + rng() % 26);
    texts.push_back(s);
  }
  auto global = AnalysisRegistry::Global();
  for (const char* tokenizer : kTokenizers) {
    for (size_t f = 0; f < std::size(kFilters); ++f) {
      const char* a = kFilters[f];
      const char* b = kFilters[(f * 7 + 3) % std::size(kFilters)];
      std::string filters = "[";
      for (const char* x : {a, b}) {
        if (filters.size() > 1) filters.push_back(',');
        const bool object = x[0] == '{';
        if (!object) filters.push_back('"');
        filters.append(x);
        if (!object) filters.push_back('"');
      }
      filters.push_back(']');
      std::string tokenizer_json = "\"";
      tokenizer_json.append(tokenizer);
      tokenizer_json.push_back('"');
      auto tok = ParseJson(tokenizer_json);
      auto fs = ParseJson(filters);
      ASSERT_TRUE(fs.ok()) << filters;
      auto analyzer = global->BuildCustomAnalyzer(&*tok, nullptr, &*fs, false);
      if (!analyzer.ok()) {
        // Only synonym-rule rejections are expected: filters that cannot
        // precede synonyms, or rules the chain cannot analyze.
        const std::string& m = analyzer.status().message();
        EXPECT_TRUE(m.find("cannot be used to parse synonyms") != std::string::npos ||
                    m == "failed to build synonyms")
            << tokenizer << " " << filters << ": " << analyzer.status().ToString();
        continue;
      }
      for (const std::string& text : texts) {
        Status st = (*analyzer)->Analyze(text, [&](const Token& t) {
          EXPECT_TRUE(IsValidUtf8(t.term)) << tokenizer << " " << filters;
          EXPECT_LE(t.start_offset, t.end_offset);
        });
        EXPECT_TRUE(st.ok()) << tokenizer << " " << filters << ": " << st.ToString();
      }
    }
  }
}

}  // namespace
}  // namespace quiver::analysis
