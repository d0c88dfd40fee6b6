#include "analysis/analyze_api.h"

#include <gtest/gtest.h>

namespace quiver::analysis {
namespace {

json::value Parse(std::string_view text) {
  auto v = ParseJson(text);
  EXPECT_TRUE(v.ok()) << v.status().ToString();
  return v.ok() ? *v : json::value();
}

json::value Analyze(std::string_view body, const AnalyzeContext& ctx = {}) {
  auto r = RunAnalyze(Parse(body), ctx);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : json::value();
}

Status RunError(std::string_view body, const AnalyzeContext& ctx = {}) {
  auto r = RunAnalyze(Parse(body), ctx);
  EXPECT_FALSE(r.ok());
  return r.ok() ? Status::Ok() : r.status();
}

std::vector<std::string> Terms(const json::value& tokens) {
  std::vector<std::string> out;
  for (const auto& t : tokens.get_array()) out.emplace_back(t.at("token").get_string());
  return out;
}

std::shared_ptr<const AnalysisRegistry> Registry(std::string_view analysis,
                                                 AnalysisOptions options = {}) {
  json::value v = Parse(analysis);
  auto r = AnalysisRegistry::Build(&v, options);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : nullptr;
}

// rest-api-spec indices.analyze/10_analyze.yml "Basic test".
TEST(AnalyzeApiTest, DefaultsToStandardAnalyzer) {
  json::value out = Analyze(R"({"text": "Foo Bar"})");
  EXPECT_EQ(json::serialize(out),
            R"({"tokens":[{"token":"foo","start_offset":0,"end_offset":3,"type":"<ALPHANUM>",)"
            R"("position":0},{"token":"bar","start_offset":4,"end_offset":7,"type":"<ALPHANUM>",)"
            R"("position":1}]})");
}

// "Index and field".
TEST(AnalyzeApiTest, FieldUsesMappedAnalyzer) {
  AnalyzeContext ctx;
  ctx.index_registry = Registry("{}");
  ctx.field_resolver = [](std::string_view field) {
    return FieldAnalysis{FieldAnalysis::Kind::kText, field == "text" ? "standard" : ""};
  };
  json::value out = Analyze(R"({"field": "text", "text": "Foo Bar!"})", ctx);
  EXPECT_EQ(Terms(out.at("tokens")), (std::vector<std::string>{"foo", "bar"}));
  EXPECT_EQ(RunError(R"({"field": "text", "text": "x"})").message(),
            "analysis based on a specific field requires an index");
}

// "Array text": positions and offsets continue across values.
TEST(AnalyzeApiTest, ArrayTextContinuesPositionsAndOffsets) {
  json::value out = Analyze(R"({"text": ["Foo Bar", "Baz"], "tokenizer": "standard"})");
  const auto& tokens = out.at("tokens").get_array();
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(Terms(out.at("tokens")), (std::vector<std::string>{"Foo", "Bar", "Baz"}));
  // Request-built analyzers get ES's position_increment_gap of 100; offsets
  // continue after the first value plus the offset gap of 1.
  EXPECT_EQ(tokens[2].at("position").as_int64(), 1 + 100 + 1);
  EXPECT_EQ(tokens[2].at("start_offset").as_int64(), 8);
  // Global pre-built analyzers have Lucene's gap of 0.
  json::value global = Analyze(R"({"text": ["Foo Bar", "Baz"], "analyzer": "standard"})");
  EXPECT_EQ(global.at("tokens").get_array()[2].at("position").as_int64(), 2);
}

// "Detail response with Analyzer".
TEST(AnalyzeApiTest, ExplainWithNamedAnalyzer) {
  json::value out =
      Analyze(R"({"text": "This is troubled", "analyzer": "standard", "explain": true})");
  const json::value& detail = out.at("detail");
  EXPECT_EQ(detail.at("custom_analyzer").as_bool(), false);
  EXPECT_EQ(detail.at("analyzer").at("name").as_string(), "standard");
  EXPECT_EQ(Terms(detail.at("analyzer").at("tokens")),
            (std::vector<std::string>{"this", "is", "troubled"}));
  EXPECT_EQ(json::serialize(detail.at("analyzer").at("tokens").get_array()[0]),
            R"({"token":"this","start_offset":0,"end_offset":4,"type":"<ALPHANUM>","position":0,)"
            R"("bytes":"[74 68 69 73]","positionLength":1,"termFrequency":1})");
}

// "Custom filter in request".
TEST(AnalyzeApiTest, ExplainCustomChainShowsEveryStage) {
  json::value out = Analyze(R"({"text": "foo bar buzz", "tokenizer": "standard", "explain": true,
                            "filter": [{"type": "stop", "stopwords": ["foo", "buzz"]}]})");
  const json::value& detail = out.at("detail");
  EXPECT_EQ(detail.at("custom_analyzer").as_bool(), true);
  EXPECT_EQ(detail.at("tokenizer").at("name").as_string(), "standard");
  EXPECT_EQ(Terms(detail.at("tokenizer").at("tokens")),
            (std::vector<std::string>{"foo", "bar", "buzz"}));
  const auto& filters = detail.at("tokenfilters").get_array();
  ASSERT_EQ(filters.size(), 1u);
  EXPECT_EQ(filters[0].at("name").as_string(), "__anonymous__stop");
  EXPECT_EQ(Terms(filters[0].at("tokens")), (std::vector<std::string>{"bar"}));
  EXPECT_EQ(filters[0].at("tokens").get_array()[0].at("position").as_int64(), 1);
}

// ES docs (analyze API, "attributes"): only the requested attributes are shown.
TEST(AnalyzeApiTest, ExplainAttributesFilter) {
  json::value out = Analyze(R"({"tokenizer": "standard", "filter": ["snowball"],
      "text": "detailed output", "explain": true, "attributes": ["keyword"]})");
  const json::value& detail = out.at("detail");
  EXPECT_EQ(
      json::serialize(detail.at("tokenizer").at("tokens").get_array()[0]),
      R"({"token":"detailed","start_offset":0,"end_offset":8,"type":"<ALPHANUM>","position":0})");
  EXPECT_EQ(json::serialize(detail.at("tokenfilters").get_array()[0].at("tokens").get_array()[0]),
            R"({"token":"detail","start_offset":0,"end_offset":8,"type":"<ALPHANUM>","position":0,)"
            R"("keyword":false})");
}

// indices.analyze/20_analyze_limit.yml.
TEST(AnalyzeApiTest, MaxTokenCountIsEnforced) {
  AnalysisOptions options;
  options.max_token_count = 3;
  AnalyzeContext ctx;
  ctx.index_registry = Registry("{}", options);
  json::value ok = Analyze(R"({"text": "This should succeed", "analyzer": "standard"})", ctx);
  EXPECT_EQ(Terms(ok.at("tokens")), (std::vector<std::string>{"this", "should", "succeed"}));
  const std::string expected =
      "The number of tokens produced by calling _analyze has exceeded the allowed maximum of [3]. "
      "This limit can be set by changing the [index.analyze.max_token_count] index level setting.";
  Status st =
      RunError(R"({"text": "This should fail as it exceeds limit", "analyzer": "standard"})", ctx);
  EXPECT_EQ(st.message(), expected);
  EXPECT_EQ(st.type(), "illegal_state_exception");
  st = RunError(
      R"({"text": "This should fail as it exceeds limit", "analyzer": "standard", "explain": true})",
      ctx);
  EXPECT_EQ(st.message(), expected);
}

// analysis-common 10_analyze.yml "Custom normalizer with illegal filter in request".
TEST(AnalyzeApiTest, NormalizerModeRejectsTokenizingFilters) {
  Status st = RunError(R"({"text": "ABc", "explain": true, "filter": ["word_delimiter"]})");
  EXPECT_EQ(st.type(), "illegal_argument_exception");
  EXPECT_EQ(st.http_status(), 400);
  EXPECT_EQ(st.message(), "Custom normalizer may not use filter [word_delimiter]");
}

// "Custom normalizer in request".
TEST(AnalyzeApiTest, FiltersWithoutTokenizerUseKeywordTokenizer) {
  json::value out = Analyze(R"({"text": "ABc", "explain": true, "filter": ["lowercase"]})");
  const json::value& detail = out.at("detail");
  EXPECT_EQ(detail.at("tokenizer").at("name").as_string(), "keyword");
  EXPECT_EQ(Terms(detail.at("tokenizer").at("tokens")), (std::vector<std::string>{"ABc"}));
  EXPECT_EQ(detail.at("tokenfilters").get_array()[0].at("name").as_string(), "lowercase");
  EXPECT_EQ(Terms(detail.at("tokenfilters").get_array()[0].at("tokens")),
            (std::vector<std::string>{"abc"}));
}

// "Synonym filter with tokenizer": rules are parsed with the chain in front
// of the synonym filter (here a trigram tokenizer).
TEST(AnalyzeApiTest, SynonymRulesAreAnalyzedWithTheChain) {
  AnalyzeContext ctx;
  ctx.index_registry = Registry(R"({
      "tokenizer": {"trigram": {"type": "ngram", "min_gram": 3, "max_gram": 3}},
      "filter": {"synonym": {"type": "synonym", "synonyms": ["kimchy => shay"]}}})");
  ASSERT_NE(ctx.index_registry, nullptr);
  json::value out =
      Analyze(R"({"tokenizer": "trigram", "filter": ["synonym"], "text": "kimchy"})", ctx);
  EXPECT_EQ(Terms(out.at("tokens")), (std::vector<std::string>{"sha", "hay"}));
}

// "Custom analyzer with unsupported param in request".
TEST(AnalyzeApiTest, CustomAnalyzerRejectsUnknownParameters) {
  json::value v = Parse(R"({"analyzer": {"my_analyzer": {"type": "custom", "tokenizer": "standard",
                                                         "foo": "bar"}}})");
  auto r = AnalysisRegistry::Build(&v);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().type(), "illegal_argument_exception");
  EXPECT_EQ(r.status().message(), "Custom analyzer [my_analyzer] does not support [foo]");
}

TEST(AnalyzeApiTest, ValidationAndLookupErrors) {
  EXPECT_EQ(RunError(R"({"analyzer": "standard"})").message(),
            "Validation Failed: 1: text is missing;");
  EXPECT_EQ(RunError(R"({"text": "a", "analyzer": "standard", "tokenizer": "standard"})").message(),
            "Validation Failed: 1: cannot define extra components on a named analyzer;");
  EXPECT_EQ(RunError(R"({"text": "a", "analyzer": "foo"})").message(),
            "failed to find global analyzer [foo]");
  AnalyzeContext ctx;
  ctx.index_registry = Registry("{}");
  EXPECT_EQ(RunError(R"({"text": "a", "analyzer": "foo"})", ctx).message(),
            "failed to find analyzer [foo]");
  EXPECT_EQ(RunError(R"({"text": "a", "tokenizer": "nope"})").message(),
            "failed to find global tokenizer under [nope]");
  EXPECT_EQ(
      RunError(R"({"text": "a", "tokenizer": "standard", "filter": ["nope"]})", ctx).message(),
      "failed to find filter under [nope]");
  EXPECT_EQ(RunError(R"({"text": "a", "tokenizer": {"min_gram": 2}})").message(),
            R"(Missing [type] setting for anonymous tokenizer: {"min_gram":2})");
  EXPECT_EQ(RunError(R"({"text": "a", "bogus": 1})").type(), "x_content_parse_exception");
}

// UTF-16 offsets, as Java reports them, for non-ASCII input.
TEST(AnalyzeApiTest, OffsetsAreUtf16Units) {
  json::value out = Analyze(R"({"text": "héllo 😀 wörld", "tokenizer": "standard"})");
  const auto& t = out.at("tokens").get_array();
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[1].at("token").as_string(), "😀");
  EXPECT_EQ(t[1].at("type").as_string(), "<EMOJI>");
  EXPECT_EQ(t[1].at("start_offset").as_int64(), 6);
  EXPECT_EQ(t[1].at("end_offset").as_int64(), 8);
  EXPECT_EQ(t[2].at("start_offset").as_int64(), 9);
  EXPECT_EQ(t[2].at("end_offset").as_int64(), 14);
}

TEST(AnalyzeApiTest, HunspellIsRejectedAtIndexCreation) {
  json::value v = Parse(R"({"analyzer": {"en": {"tokenizer": "standard", "filter": ["d"]}},
      "filter": {"d": {"type": "hunspell", "locale": "en_US"}}})");
  auto r = AnalysisRegistry::Build(&v);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().http_status(), 400);
}

}  // namespace
}  // namespace quiver::analysis
