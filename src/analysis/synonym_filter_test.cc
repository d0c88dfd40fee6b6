// Synonym filters: rule parsing (Solr and WordNet formats, expand, explicit
// mappings) and the positions of the legacy and graph filters, following
// Lucene's TestSynonymMapFilter / TestSynonymGraphFilter behaviour.
#include <gtest/gtest.h>

#include "analysis/analysis_registry.h"
#include "analysis/test_util.h"

namespace quiver::analysis {
namespace {

std::shared_ptr<const Analyzer> SynonymAnalyzer(std::string_view filter_json,
                                                std::string_view tokenizer = "whitespace") {
  std::string settings = R"({"filter": {"syn": )" + std::string(filter_json) +
                         R"(}, "analyzer": {"a": {"tokenizer": ")" + std::string(tokenizer) +
                         R"(", "filter": ["lowercase", "syn"]}}})";
  auto v = ParseJson(settings);
  EXPECT_TRUE(v.ok()) << settings;
  auto r = AnalysisRegistry::Build(&*v);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? (*r)->FindAnalyzer("a") : nullptr;
}

struct Expected {
  std::string term;
  int32_t position;
  int32_t position_length = 1;
};

void ExpectTokens(const Analyzer& a, std::string_view text, const std::vector<Expected>& want) {
  auto got = Collect(a, text);
  ASSERT_EQ(got.size(), want.size()) << text;
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(got[i].term, want[i].term) << text << " #" << i;
    EXPECT_EQ(got[i].position, want[i].position) << text << " #" << i << " " << got[i].term;
    EXPECT_EQ(got[i].position_length, want[i].position_length) << text << " #" << i;
  }
}

TEST(SynonymFilterTest, LegacyStacksMultiWordOutputsOnFollowingPositions) {
  auto a = SynonymAnalyzer(R"({"type": "synonym", "synonyms": ["ny, new york"]})");
  // "ny" expands to "new york": "york" lands on the next position (Lucene's
  // SynonymFilter limitation that synonym_graph fixes).
  ExpectTokens(*a, "ny city", {{"ny", 0}, {"new", 0}, {"city", 1}, {"york", 1}});
  // Single-word output over a two-word input keeps the originals and spans them.
  ExpectTokens(*a, "new york city", {{"new", 0}, {"ny", 0, 2}, {"york", 1}, {"city", 2}});
}

TEST(SynonymFilterTest, GraphProducesCorrectPositionLengths) {
  auto a = SynonymAnalyzer(R"({"type": "synonym_graph", "synonyms": ["ny, new york"]})");
  ExpectTokens(*a, "ny city", {{"new", 0}, {"ny", 0, 2}, {"york", 1}, {"city", 2}});
  ExpectTokens(*a, "new york city", {{"ny", 0, 2}, {"new", 0}, {"york", 1}, {"city", 2}});
  auto tokens = Collect(*a, "new york city");
  EXPECT_EQ(tokens[0].type, "SYNONYM");
  EXPECT_EQ(tokens[0].start, 0);  // graph synonyms span the whole match
  EXPECT_EQ(tokens[0].end, 8);
  EXPECT_EQ(tokens[1].type, "word");
}

TEST(SynonymFilterTest, ExpandFalseMapsToFirstEntry) {
  auto a = SynonymAnalyzer(
      R"({"type": "synonym_graph", "expand": false, "synonyms": ["ny, new york, nyc"]})");
  ExpectTokens(*a, "new york city", {{"ny", 0}, {"city", 1}});
  ExpectTokens(*a, "nyc", {{"ny", 0}});
}

TEST(SynonymFilterTest, ExplicitMappingsReplaceTheInput) {
  auto a = SynonymAnalyzer(
      R"({"type": "synonym", "synonyms": ["i-pod, i pod => ipod", "sea biscuit, sea biscit => seabiscuit"]})");
  ExpectTokens(*a, "i pod sea biscit", {{"ipod", 0}, {"seabiscuit", 1}});
  // Longest match wins; unmatched tokens pass through.
  ExpectTokens(*a, "the sea is big", {{"the", 0}, {"sea", 1}, {"is", 2}, {"big", 3}});
}

TEST(SynonymFilterTest, CommentsEscapesAndMultipleOutputs) {
  auto a = SynonymAnalyzer(R"({"type": "synonym", "synonyms": [
      "# a comment", "", "foo => foo bar, baz", "a\\,b => c"]})");
  ExpectTokens(*a, "foo", {{"foo", 0}, {"baz", 0}, {"bar", 1}});
  ExpectTokens(*a, "a,b", {{"c", 0}});
}

TEST(SynonymFilterTest, WordnetFormat) {
  auto a = SynonymAnalyzer(R"({"type": "synonym", "format": "wordnet", "synonyms": [
      "s(100000001,1,'abstain',v,1,0).", "s(100000001,2,'refrain',v,1,0).",
      "s(100000001,3,'desist',v,1,0)."]})");
  ExpectTokens(*a, "refrain", {{"refrain", 0}, {"abstain", 0}, {"desist", 0}});
}

TEST(SynonymFilterTest, RulesUseTheChainInFront) {
  // Lowercase runs before the synonym filter, so rules match case-insensitively.
  auto a = SynonymAnalyzer(R"({"type": "synonym", "synonyms": ["Universe, Cosmos"]})");
  ExpectTokens(*a, "COSMOS", {{"cosmos", 0}, {"universe", 0}});
}

}  // namespace
}  // namespace quiver::analysis
