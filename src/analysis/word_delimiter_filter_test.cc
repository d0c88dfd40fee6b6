#include <gtest/gtest.h>

#include "analysis/analysis_registry.h"
#include "analysis/test_util.h"

namespace quiver::analysis {
namespace {

std::shared_ptr<const Analyzer> Wdf(std::string_view filter_json) {
  std::string settings = R"({"filter": {"wd": )" + std::string(filter_json) +
                         R"(}, "analyzer": {"a": {"tokenizer": "whitespace", "filter": ["wd"]}}})";
  auto v = ParseJson(settings);
  EXPECT_TRUE(v.ok());
  auto r = AnalysisRegistry::Build(&*v);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? (*r)->FindAnalyzer("a") : nullptr;
}

// ES reference, word_delimiter_graph "catenate_words": the catenation spans
// the parts it joins.
TEST(WordDelimiterFilterTest, GraphCatenationSpansParts) {
  auto a = Wdf(R"({"type": "word_delimiter_graph", "catenate_words": true})");
  std::vector<TestToken> expected = {
      {"the", 0, 0, 3, "word", 1}, {"wifi", 1, 4, 9, "word", 2},      {"wi", 1, 4, 6, "word", 1},
      {"fi", 2, 7, 9, "word", 1},  {"enabled", 3, 10, 17, "word", 1},
  };
  EXPECT_EQ(Collect(*a, "the wi-fi enabled"), expected);
}

TEST(WordDelimiterFilterTest, LegacyCatenationStacksOnFirstPart) {
  auto a = Wdf(R"({"type": "word_delimiter", "catenate_words": true})");
  std::vector<TestToken> expected = {
      {"the", 0, 0, 3, "word", 1}, {"wi", 1, 4, 6, "word", 1},        {"wifi", 1, 4, 9, "word", 1},
      {"fi", 2, 7, 9, "word", 1},  {"enabled", 3, 10, 17, "word", 1},
  };
  EXPECT_EQ(Collect(*a, "the wi-fi enabled"), expected);
}

TEST(WordDelimiterFilterTest, SplittingOptions) {
  auto a = Wdf(R"({"type": "word_delimiter"})");
  EXPECT_EQ(Terms(*a, "PowerShot SD500 O'Neil's"),
            (std::vector<std::string>{"Power", "Shot", "SD", "500", "O", "Neil"}));
  auto no_split = Wdf(R"({"type": "word_delimiter", "split_on_numerics": false,
                          "split_on_case_change": false})");
  EXPECT_EQ(Terms(*no_split, "j2se PowerShot"), (std::vector<std::string>{"j2se", "PowerShot"}));
  auto protect = Wdf(R"({"type": "word_delimiter", "protected_words": ["wi-fi"]})");
  EXPECT_EQ(Terms(*protect, "wi-fi hi-fi"), (std::vector<std::string>{"wi-fi", "hi", "fi"}));
  auto table = Wdf(R"({"type": "word_delimiter", "type_table": ["- => ALPHA"]})");
  EXPECT_EQ(Terms(*table, "wi-fi x_y"), (std::vector<std::string>{"wi-fi", "x", "y"}));
  auto numbers = Wdf(R"({"type": "word_delimiter", "catenate_numbers": true})");
  EXPECT_EQ(Terms(*numbers, "500-42"), (std::vector<std::string>{"500", "50042", "42"}));
}

}  // namespace
}  // namespace quiver::analysis
