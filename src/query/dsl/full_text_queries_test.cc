// match, match_phrase, match_phrase_prefix, match_bool_prefix, multi_match,
// combined_fields: analysis, synonyms and graphs, per-type behaviour, ES's
// errors.
#include "query/dsl/dsl_test_util.h"

namespace quiver::query::dsl {
namespace {

class FullTextTest : public DslTest {};

TEST_F(FullTextTest, MatchAnalyzesWithTheFieldsSearchAnalyzer) {
  EXPECT_EQ(Q(R"({"match": {"title": "The Quick Brown Foxes"}})"),
            "title:quick title:brown title:fox");
  EXPECT_EQ(Q(R"({"match": {"body": "The Quick Brown Foxes"}})"),
            "body:the body:quick body:brown body:foxes");
  EXPECT_EQ(Q(R"({"match": {"body": {"query": "Hello", "boost": 3, "_name": "greeting"}}})"),
            "(body:hello)^3.0");
  EXPECT_EQ(Q(R"({"match": {"title": {"query": "Running", "analyzer": "standard"}}})"),
            "title:running");
  EXPECT_EQ(Q(R"({"match": {"title_alias": "foxes"}})"), "title:fox");
  EXPECT_EQ(Q(R"({"match": {"body": 42}})"), "body:42");
}

// ES TextParams: a field's search analyzer is its search_analyzer, else its
// analyzer when one is set, else the index's default_search analyzer.
TEST_F(FullTextTest, SearchAnalyzerResolution) {
  auto settings = schema::IndexSettings::Parse(TestJson(R"({"analysis": {"analyzer": {
      "default_search": {"type": "whitespace"},
      "default_search_quoted": {"type": "keyword"}}}})"));
  ASSERT_TRUE(settings.ok());
  auto registry = analysis::AnalysisRegistry::Build(settings->analysis(), {});
  ASSERT_TRUE(registry.ok());
  schema::MappingContext mctx;
  mctx.settings = &*settings;
  auto mapping = schema::Mapping::Parse(TestJson(R"({"properties": {
      "plain": {"type": "text"},
      "en": {"type": "text", "analyzer": "english"},
      "both": {"type": "text", "analyzer": "english", "search_analyzer": "standard"},
      "quote": {"type": "text", "search_quote_analyzer": "english"}}})"),
                                        mctx);
  ASSERT_TRUE(mapping.ok());
  ctx_.mapping = mapping->get();
  ctx_.analysis = registry->get();
  ctx_.settings = &*settings;
  EXPECT_EQ(Q(R"({"match": {"plain": "Foxes Run"}})"), "plain:Foxes plain:Run");  // default_search
  EXPECT_EQ(Q(R"({"match": {"en": "Foxes Run"}})"), "en:fox en:run");
  EXPECT_EQ(Q(R"({"match": {"both": "Foxes Run"}})"), "both:foxes both:run");
  EXPECT_EQ(Q(R"({"match_phrase": {"plain": "Foxes Run"}})"),
            "plain:Foxes Run");  // default_search_quoted
  EXPECT_EQ(Q(R"({"match_phrase": {"en": "Foxes Run"}})"), "en:\"fox run\"");
  EXPECT_EQ(Q(R"({"match_phrase": {"quote": "Foxes Run"}})"), "quote:\"fox run\"");
  EXPECT_EQ(Q(R"({"match": {"quote": "Foxes Run"}})"), "quote:Foxes quote:Run");
}

TEST_F(FullTextTest, MatchOperatorAndMinimumShouldMatch) {
  EXPECT_EQ(Q(R"({"match": {"body": {"query": "a b c", "operator": "and"}}})"),
            "+body:a +body:b +body:c");
  EXPECT_EQ(Q(R"({"match": {"body": {"query": "a b c", "operator": "AND"}}})"),
            "+body:a +body:b +body:c");
  EXPECT_EQ(Q(R"({"match": {"body": {"query": "a b c d", "minimum_should_match": "75%"}}})"),
            "(body:a body:b body:c body:d)~3");
  EXPECT_EQ(Q(R"({"match": {"body": {"query": "a b c d", "minimum_should_match": -1}}})"),
            "(body:a body:b body:c body:d)~3");
  EXPECT_EQ(Q(R"({"match": {"body": {"query": "a b", "minimum_should_match": "3<90%"}}})"),
            "(body:a body:b)~2");
  // minimum_should_match is ignored for a single term and for `and`.
  EXPECT_EQ(Q(R"({"match": {"body": {"query": "a", "minimum_should_match": "2"}}})"), "body:a");
  // As in ES, an integer spec applies even without should clauses (and then
  // nothing matches).
  EXPECT_EQ(
      Q(R"({"match": {"body": {"query": "a b", "operator": "and", "minimum_should_match": "1"}}})"),
      "(+body:a +body:b)~1");
  EXPECT_EQ(
      Q(R"({"match": {"body": {"query": "a b", "operator": "and", "minimum_should_match": "100%"}}})"),
      "+body:a +body:b");
  EXPECT_EQ(E(R"({"match": {"body": {"query": "a b", "minimum_should_match": "x"}}})"),
            "query_shard_exception: failed to create query: For input string: \"x\"");
  EXPECT_EQ(E(R"({"match": {"body": {"query": "a", "operator": "xor"}}})"),
            "illegal_argument_exception: operator needs to be either [OR, AND], but not [xor]");
}

TEST_F(FullTextTest, MatchFuzziness) {
  EXPECT_EQ(Q(R"({"match": {"body": {"query": "quikc brwn fx", "fuzziness": "AUTO"}}})"),
            "body:quikc~1 body:brwn~1 body:fx");
  EXPECT_EQ(Q(R"({"match": {"body": {"query": "abcdef", "fuzziness": "AUTO:2,8"}}})"),
            "body:abcdef~1");
  EXPECT_EQ(Q(R"({"match": {"body": {"query": "abcdef", "fuzziness": 2, "prefix_length": 1}}})"),
            "body:abcdef~2");
  EXPECT_EQ(Q(R"({"match": {"tag": {"query": "ABCD", "fuzziness": 1}}})"), "tag:abcd~1");
  EXPECT_EQ(E(R"({"match": {"body": {"query": "a", "fuzziness": 3}}})"),
            "illegal_argument_exception: Valid edit distances are [0, 1, 2] but was [3]");
}

TEST_F(FullTextTest, MatchZeroTermsQuery) {
  EXPECT_EQ(Q(R"({"match": {"stop": "the of"}})"),
            "MatchNoDocsQuery(\"Matching no documents because no terms present\")");
  EXPECT_EQ(Q(R"({"match": {"stop": {"query": "the", "zero_terms_query": "all"}}})"), "*:*");
  EXPECT_EQ(E(R"({"match": {"stop": {"query": "the", "zero_terms_query": "some"}}})"),
            "parsing_exception: Unsupported zero_terms_query value [some]");
}

TEST_F(FullTextTest, MatchOnNonTextFields) {
  EXPECT_EQ(Q(R"({"match": {"code": "Foo Bar"}})"), "code:Foo Bar");
  EXPECT_EQ(Q(R"({"match": {"tag": "Foo Bar"}})"), "tag:foo bar");
  EXPECT_EQ(Q(R"({"match": {"count": "5"}})"), "count:[5 TO 5]");
  EXPECT_EQ(Q(R"({"match": {"flag": "true"}})"), "flag:T");
  EXPECT_EQ(Q(R"({"match": {"created": "2024-01-02"}})"),
            "created:[1704153600000 TO 1704239999999]");
  EXPECT_EQ(Q(R"({"match": {"_id": "7"}})"), "_id:(7)");
  EXPECT_EQ(Q(R"({"match": {"_index": "test"}})"), "*:*");
  EXPECT_EQ(Q(R"({"match": {"missing": "x"}})"), "MatchNoDocsQuery(\"unmapped field [missing]\")");
  EXPECT_EQ(E(R"({"match": {"count": "abc"}})"),
            "query_shard_exception: failed to create query: For input string: \"abc\"");
  EXPECT_EQ(Q(R"({"match": {"count": {"query": "abc", "lenient": true}}})"),
            "MatchNoDocsQuery(\"failed [count] query, caused by number_format_exception:[For input "
            "string: \"abc\"]\")");
  EXPECT_EQ(
      E(R"({"match": {"vec": "x"}})"),
      "query_shard_exception: failed to create query: Field [vec] of type [dense_vector] does "
      "not support match queries");
  EXPECT_EQ(Q(R"({"match": {"vec": {"query": "x", "lenient": true}}})").substr(0, 38),
            "MatchNoDocsQuery(\"failed [vec] query, ");
}

TEST_F(FullTextTest, MatchStructureErrors) {
  EXPECT_EQ(E(R"({"match": {"a": "x", "b": "y"}})"),
            "parsing_exception: [match] query doesn't support multiple fields, found [a] and [b]");
  EXPECT_EQ(E(R"({"match": {"a": {"query": "x", "slop": 1}}})"),
            "parsing_exception: [match] query does not support [slop]");
  EXPECT_EQ(E(R"({"match": {"a": {"query": "x", "cutoff_frequency": 0.1}}})"),
            "parsing_exception: [match] query does not support [cutoff_frequency]");
  EXPECT_EQ(E(R"({"match": {"a": {"analyzer": "standard"}}})"),
            "parsing_exception: No text specified for text query");
  EXPECT_EQ(E(R"({"match": {"a": {"query": {"x": 1}}}})"),
            "parsing_exception: [match] unknown token [START_OBJECT] after [query]");
  EXPECT_EQ(E(R"({"match": {"body": {"query": "x", "analyzer": "nope"}}})"),
            "query_shard_exception: [match] analyzer [nope] not found");
}

TEST_F(FullTextTest, Synonyms) {
  EXPECT_EQ(Q(R"({"match": {"syn": "quick"}})"), "Synonym(syn:fast syn:quick)");
  EXPECT_EQ(Q(R"({"match": {"syn": "quick dog"}})"), "Synonym(syn:fast syn:quick) syn:dog");
  // Multi-word synonyms make a graph: side paths become phrases.
  EXPECT_EQ(Q(R"({"match": {"syn": "ny city"}})"), "(syn:\"new york\" syn:ny) syn:city");
  EXPECT_EQ(Q(R"({"match": {"syn": {"query": "ny city", "operator": "and"}}})"),
            "+(syn:\"new york\" syn:ny) +syn:city");
  EXPECT_EQ(
      Q(R"({"match": {"syn": {"query": "ny city", "auto_generate_synonyms_phrase_query": false}}})"),
      "((+syn:new +syn:york) syn:ny) syn:city");
  EXPECT_EQ(Q(R"({"match_phrase": {"syn": "ny city"}})"), "syn:\"new york city\" syn:\"ny city\"");
}

TEST_F(FullTextTest, MatchPhrase) {
  EXPECT_EQ(Q(R"({"match_phrase": {"title": "Quick Brown Foxes"}})"), "title:\"quick brown fox\"");
  EXPECT_EQ(Q(R"({"match_phrase": {"title": {"query": "quick fox", "slop": 2}}})"),
            "title:\"quick fox\"~2");
  // Removed stopwords leave position gaps.
  EXPECT_EQ(Q(R"({"match_phrase": {"stop": "cat in the hat"}})"), "stop:\"cat ? ? hat\"");
  auto q = Node(R"({"match_phrase": {"stop": "cat in the hat"}})");
  const auto& p = std::get<PhraseQuery>(q->node);
  EXPECT_EQ(p.positions, (std::vector<int>{0, 3}));
  EXPECT_EQ(Q(R"({"match_phrase": {"title": "the quick"}})"), "title:quick");
  EXPECT_EQ(Q(R"({"match_phrase": {"code": "A B"}})"), "code:A B");
  EXPECT_EQ(E(R"({"match_phrase": {"nopos": "a b"}})"),
            "query_shard_exception: failed to create query: field:[nopos] was indexed without "
            "position data; cannot run PhraseQuery");
  EXPECT_EQ(Q(R"({"match_phrase": {"stop": {"query": "the", "zero_terms_query": "all"}}})"), "*:*");
  EXPECT_EQ(E(R"({"match_phrase": {"title": {"query": "a", "operator": "and"}}})"),
            "parsing_exception: [match_phrase] query does not support [operator]");
}

TEST_F(FullTextTest, MatchPhrasePrefix) {
  EXPECT_EQ(Q(R"({"match_phrase_prefix": {"body": "quick brown f"}})"), "body:\"quick brown f*\"");
  EXPECT_EQ(Q(R"({"match_phrase_prefix": {"body": "qui"}})"), "body:\"qui*\"");
  auto q = Node(
      R"({"match_phrase_prefix": {"body": {"query": "a b", "max_expansions": 10, "slop": 1}}})");
  const auto& p = std::get<PhrasePrefixQuery>(q->node);
  EXPECT_EQ(p.max_expansions, 10);
  EXPECT_EQ(p.slop, 1);
  EXPECT_EQ(p.prefix, "b");
  EXPECT_EQ(p.positions, (std::vector<int>{0, 1}));
  EXPECT_EQ(E(R"({"match_phrase_prefix": {"code": "ab"}})"),
            "query_shard_exception: failed to create query: Can only use phrase prefix queries on "
            "text fields - not on [code] which is of type [keyword]");
}

TEST_F(FullTextTest, MatchBoolPrefix) {
  EXPECT_EQ(Q(R"({"match_bool_prefix": {"body": "quick brown f"}})"),
            "body:quick body:brown body:f*");
  EXPECT_EQ(Q(R"({"match_bool_prefix": {"body": "quick brown "}})"), "body:quick body:brown");
  EXPECT_EQ(Q(R"({"match_bool_prefix": {"body": {"query": "quick brown f", "operator": "and"}}})"),
            "+body:quick +body:brown +body:f*");
  EXPECT_EQ(Q(R"({"match_bool_prefix": {"body": {"query": "quikc f", "fuzziness": 1}}})"),
            "body:quikc~1 body:f*");
  EXPECT_EQ(Q(R"({"match_bool_prefix": {"tag": "AB"}})"), "tag:ab*");
  EXPECT_EQ(Q(R"({"match_bool_prefix": {"code": "Ab"}})"), "code:Ab*");
}

TEST_F(FullTextTest, MultiMatchTypes) {
  EXPECT_EQ(Q(R"({"multi_match": {"query": "quick foxes", "fields": ["title^2", "body"]}})"),
            "((title:quick title:fox)^2.0 | (body:quick body:foxes))");
  EXPECT_EQ(
      Q(R"({"multi_match": {"query": "quick", "fields": ["title", "body"], "tie_breaker": 0.3}})"),
      "(title:quick | body:quick)~0.3");
  EXPECT_EQ(
      Q(R"({"multi_match": {"query": "quick", "type": "most_fields", "fields": ["title", "body"]}})"),
      "(title:quick | body:quick)~1.0");
  EXPECT_EQ(
      Q(R"({"multi_match": {"query": "quick fox", "type": "phrase", "fields": ["title", "body"]}})"),
      "(title:\"quick fox\" | body:\"quick fox\")");
  EXPECT_EQ(
      Q(R"({"multi_match": {"query": "quick f", "type": "phrase_prefix", "fields": ["body"]}})"),
      "body:\"quick f*\"");
  EXPECT_EQ(
      Q(R"({"multi_match": {"query": "quick f", "type": "bool_prefix", "fields": ["body", "code"]}})"),
      "((body:quick body:f*) | code:quick f*)~1.0");
  EXPECT_EQ(
      Q(R"({"multi_match": {"query": "a b c", "fields": ["body"], "minimum_should_match": 2}})"),
      "(body:a body:b body:c)~2");
  EXPECT_EQ(
      Q(R"({"multi_match": {"query": "a b", "fields": ["body"], "operator": "and", "_name": "n"}})"),
      "+body:a +body:b");
}

TEST_F(FullTextTest, MultiMatchFieldResolution) {
  // No fields: index.query.default_field (title, body).
  EXPECT_EQ(Q(R"({"multi_match": {"query": "foxes"}})"), "(title:fox | body:foxes)");
  EXPECT_EQ(Q(R"({"multi_match": {"query": "foxes", "fields": "title*"}})"),
            "(title:fox | title.raw:foxes)");
  EXPECT_EQ(Q(R"({"multi_match": {"query": "foxes", "fields": ["missing"]}})"),
            "MatchNoDocsQuery(\"unmapped fields\")");
  EXPECT_EQ(Q(R"({"multi_match": {"query": "foxes", "fields": ["missing", "body"]}})"),
            "body:foxes");
  // "*" is lenient: numeric fields do not fail on text.
  auto all = Q(R"({"multi_match": {"query": "foxes", "fields": ["*"]}})");
  EXPECT_NE(all.find("title:fox"), std::string::npos) << all;
  EXPECT_NE(all.find("failed [count] query"), std::string::npos) << all;
  EXPECT_EQ(all.find("vec"), std::string::npos) << all;
  EXPECT_EQ(E(R"({"multi_match": {"query": "foxes", "fields": ["count"]}})"),
            "query_shard_exception: failed to create query: For input string: \"foxes\"");
}

TEST_F(FullTextTest, MultiMatchCrossFields) {
  EXPECT_EQ(Q(R"({"multi_match": {"query": "quick fox", "type": "cross_fields",
                  "fields": ["body", "comments.text^2"]}})"),
            "CombinedFieldQuery((body comments.text^2.0)(quick)) "
            "CombinedFieldQuery((body comments.text^2.0)(fox))");
  EXPECT_EQ(Q(R"({"multi_match": {"query": "quick fox", "type": "cross_fields", "operator": "and",
                  "fields": ["body", "comments.text", "title"]}})"),
            "((+CombinedFieldQuery((body comments.text)(quick)) "
            "+CombinedFieldQuery((body comments.text)(fox))) | (+title:quick +title:fox))");
  EXPECT_EQ(
      E(R"({"multi_match": {"query": "x", "type": "cross_fields", "fields": ["body"], "fuzziness": 1}})"),
      "parsing_exception: Fuzziness not allowed for type [cross_fields]");
}

TEST_F(FullTextTest, MultiMatchErrors) {
  EXPECT_EQ(E(R"({"multi_match": {"fields": ["a"]}})"),
            "parsing_exception: No text specified for multi_match query");
  EXPECT_EQ(E(R"({"multi_match": {"query": "x", "type": "best"}})"),
            "parsing_exception: [multi_match] query does not support type [best]");
  EXPECT_EQ(E(R"({"multi_match": {"query": "x", "foo": 1}})"),
            "parsing_exception: [multi_match] query does not support [foo]");
  EXPECT_EQ(E(R"({"multi_match": {"query": "x", "type": "bool_prefix", "slop": 2}})"),
            "parsing_exception: slop not allowed for type [bool_prefix]");
  EXPECT_EQ(E(R"({"multi_match": {"query": "x", "analyzer": "nope"}})"),
            "query_shard_exception: [multi_match] analyzer [nope] not found");
}

TEST_F(FullTextTest, CombinedFields) {
  EXPECT_EQ(
      Q(R"({"combined_fields": {"query": "quick fox", "fields": ["body", "comments.text^2"]}})"),
      "CombinedFieldQuery((body comments.text^2.0)(quick)) "
      "CombinedFieldQuery((body comments.text^2.0)(fox))");
  EXPECT_EQ(Q(R"({"combined_fields": {"query": "a b c", "fields": ["body"], "operator": "and"}})"),
            "+CombinedFieldQuery((body)(a)) +CombinedFieldQuery((body)(b)) "
            "+CombinedFieldQuery((body)(c))");
  EXPECT_EQ(
      Q(R"({"combined_fields": {"query": "a b c", "fields": ["body"], "minimum_should_match": "2"}})"),
      "(CombinedFieldQuery((body)(a)) CombinedFieldQuery((body)(b)) "
      "CombinedFieldQuery((body)(c)))~2");
  EXPECT_EQ(Q(R"({"combined_fields": {"query": "quick", "fields": ["syn"]}})"),
            "CombinedFieldQuery((syn)(fast quick))");
  EXPECT_EQ(
      E(R"({"combined_fields": {"query": "a", "fields": ["body", "code"]}})"),
      "query_shard_exception: failed to create query: Field [code] of type [keyword] does not "
      "support [combined_fields] queries");
  EXPECT_EQ(E(R"({"combined_fields": {"query": "a", "fields": ["body", "title"]}})"),
            "query_shard_exception: failed to create query: All fields in [combined_fields] query "
            "must have the same search analyzer");
  EXPECT_EQ(E(R"({"combined_fields": {"query": "a", "fields": ["body^0.5"]}})"),
            "illegal_argument_exception: [combined_fields] requires field boosts to be >= 1.0");
  EXPECT_EQ(E(R"({"combined_fields": {"query": "a", "fields": ["body"], "opertor": "and"}})"),
            "x_content_parse_exception: [combined_fields] unknown field [opertor] did you mean "
            "[operator]?");
}

}  // namespace
}  // namespace quiver::query::dsl
