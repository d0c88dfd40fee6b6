// The query clause structure, bool, constant_score, dis_max, boosting,
// function_score, nested, knn, match_all/match_none, unsupported types and
// ToString renderings.
#include "query/dsl/dsl_test_util.h"

namespace quiver::query::dsl {
namespace {

class CompoundTest : public DslTest {};

TEST_F(CompoundTest, ClauseStructureErrors) {
  EXPECT_EQ(E(R"({"foo": {}})"), "parsing_exception: unknown query [foo]");
  EXPECT_EQ(E(R"({"boool": {}})"), "parsing_exception: unknown query [boool] did you mean [bool]?");
  EXPECT_EQ(E(R"({"match_": {}})"),
            "parsing_exception: unknown query [match_] did you mean any of [match, match_all, "
            "match_none]?");
  EXPECT_EQ(E(R"({})"), "illegal_argument_exception: query malformed, empty clause found");
  EXPECT_EQ(E(R"("x")"), "parsing_exception: [_na] query malformed, must start with start_object");
  EXPECT_EQ(E(R"({"match_all": {}, "term": {"a": "b"}})"),
            "parsing_exception: [match_all] malformed query, expected [END_OBJECT] but found "
            "[FIELD_NAME]");
  EXPECT_EQ(
      E(R"({"bool": {}, "match": {}})"),
      "parsing_exception: [bool] malformed query, expected [END_OBJECT] but found [FIELD_NAME]");
  EXPECT_EQ(E(R"({"bool": []})"),
            "parsing_exception: [bool] query malformed, no start_object after query name");
  EXPECT_EQ(E(R"({"script_score": {"query": {"match_all": {}}}})"),
            "illegal_argument_exception: [script_score] queries are not supported");
  EXPECT_EQ(E(R"({"geo_distance": {}})"),
            "illegal_argument_exception: [geo_distance] queries are not supported");
}

TEST_F(CompoundTest, StructuralErrorsWinOverShardErrors) {
  EXPECT_EQ(E(R"({"bool": {"must": [{"term": {"count": "abc"}}, {"foo": {}}]}})"),
            "parsing_exception: unknown query [foo]");
  EXPECT_EQ(E(R"({"bool": {"must": [{"term": {"count": "abc"}}, {"term": {"small": 300}}]}})"),
            "query_shard_exception: failed to create query: For input string: \"abc\"");
}

TEST_F(CompoundTest, NestingDepthLimit) {
  auto nest = [](int bools) {
    std::string q = R"({"match_all": {}})";
    for (int i = 0; i < bools; ++i) q = R"({"bool": {"must": [)" + q + "]}}";
    return q;
  };
  EXPECT_TRUE(Parse(nest(29)).ok());
  EXPECT_EQ(E(nest(30)),
            "illegal_argument_exception: The nested depth of the query exceeds the maximum nested "
            "depth for queries set in [indices.query.max_nested_depth]");
  EXPECT_FALSE(Parse(nest(300)).ok());
}

TEST_F(CompoundTest, MatchAllAndMatchNone) {
  EXPECT_EQ(Q(R"({"match_all": {}})"), "*:*");
  EXPECT_EQ(Q(R"({"match_all": {"boost": 1.5, "_name": "all"}})"), "(*:*)^1.5");
  EXPECT_EQ(Node(R"({"match_all": {"_name": "all"}})")->name, "all");
  EXPECT_EQ(E(R"({"match_all": {"boots": 1}})"),
            "x_content_parse_exception: [match_all] unknown field [boots] did you mean [boost]?");
  EXPECT_EQ(Q(R"({"match_none": {}})"),
            "MatchNoDocsQuery(\"User requested \"match_none\" query.\")");
  EXPECT_EQ(E(R"({"match_none": {"x": 1}})"),
            "parsing_exception: [match_none] query does not support [x]");
}

TEST_F(CompoundTest, BoolClausesAndMinimumShouldMatch) {
  EXPECT_EQ(
      Q(R"({"bool": {"must": {"term": {"code": "a"}}, "should": [{"term": {"code": "b"}}]}})"),
      "+code:a code:b");
  auto q = Node(R"({"bool": {"should": [{"term": {"code": "a"}}, {"term": {"code": "b"}}]}})");
  EXPECT_EQ(std::get<BoolQuery>(q->node).minimum_should_match, 1);  // no must/filter
  auto q2 =
      Node(R"({"bool": {"must": [{"term": {"code": "a"}}], "should": [{"term": {"code": "b"}}]}})");
  EXPECT_EQ(std::get<BoolQuery>(q2->node).minimum_should_match, 0);  // should is optional
  auto q3 = Node(
      R"({"bool": {"filter": [{"term": {"code": "a"}}], "should": [{"term": {"code": "b"}}]}})");
  EXPECT_EQ(std::get<BoolQuery>(q3->node).minimum_should_match, 0);
  EXPECT_EQ(Q(R"({"bool": {"must": [{"term": {"code": "a"}}], "should": [{"term": {"code": "b"}}],
                  "minimum_should_match": 1}})"),
            "(+code:a code:b)~1");
  EXPECT_EQ(Q(R"({"bool": {"should": [{"term": {"code": "a"}}, {"term": {"code": "b"}},
                  {"term": {"code": "c"}}, {"term": {"code": "d"}}], "minimum_should_match": "75%"}})"),
            "(code:a code:b code:c code:d)~3");
  EXPECT_EQ(
      Q(R"({"bool": {"filter": {"term": {"code": "a"}}, "must_not": [{"term": {"code": "b"}}]}})"),
      "#code:a -code:b");
  EXPECT_EQ(Q(R"({"bool": {"must_not": {"term": {"code": "a"}}}})"), "#*:* -code:a");
  EXPECT_EQ(Q(R"({"bool": {"must_not": {"term": {"code": "a"}}, "adjust_pure_negative": false}})"),
            "-code:a");
  EXPECT_EQ(Q(R"({"bool": {}})"), "*:*");
  EXPECT_EQ(Q(R"({"bool": {"boost": 2}})"), "(*:*)^2.0");
  EXPECT_EQ(Q(R"({"bool": {"must": null}})"), "*:*");
  EXPECT_EQ(Q(R"({"bool": {"must": [{"term": {"code": "a"}}], "boost": 2, "_name": "b"}})"),
            "(+code:a)^2.0");
  EXPECT_EQ(
      Q(R"({"bool": {"must": [{"bool": {"should": [{"term": {"code": "a"}}, {"term": {"code": "b"}}]}},
                  {"term": {"code": "c"}}]}})"),
      "+(code:a code:b) +code:c");
}

TEST_F(CompoundTest, BoolRewritesToMatchNone) {
  EXPECT_EQ(Q(R"({"bool": {"must": [{"term": {"missing": "a"}}, {"term": {"code": "b"}}]}})"),
            "MatchNoDocsQuery(\"The \"bool\" query was rewritten to a \"match_none\" query.\")");
  EXPECT_EQ(Q(R"({"bool": {"should": [{"term": {"missing": "a"}}]}})"),
            "MatchNoDocsQuery(\"The \"bool\" query was rewritten to a \"match_none\" query.\")");
  EXPECT_EQ(Q(R"({"bool": {"must_not": [{"match_all": {}}]}})"),
            "MatchNoDocsQuery(\"The \"bool\" query was rewritten to a \"match_none\" query.\")");
  EXPECT_EQ(
      Q(R"({"bool": {"should": [{"term": {"missing": "a"}}, {"term": {"code": "b"}}]}})"),
      "MatchNoDocsQuery(\"The \"term\" query is against a field that does not exist\") code:b");
}

TEST_F(CompoundTest, BoolErrors) {
  EXPECT_EQ(E(R"({"bool": {"must": "x"}})"),
            "x_content_parse_exception: [bool] must doesn't support values of type: VALUE_STRING");
  EXPECT_EQ(E(R"({"bool": {"mustt": []}})"),
            "x_content_parse_exception: [bool] unknown field [mustt] did you mean any of [must, "
            "must_not]?");
  EXPECT_EQ(E(R"({"bool": {"filtre": []}})"),
            "x_content_parse_exception: [bool] unknown field [filtre] did you mean [filter]?");
  EXPECT_EQ(E(R"({"bool": {"must": ["x"]}})"),
            "parsing_exception: [_na] query malformed, must start with start_object");
  EXPECT_EQ(E(R"({"bool": {"must": [{}]}})"),
            "illegal_argument_exception: query malformed, empty clause found");
  EXPECT_EQ(E(R"({"bool": {"should": [{"term": {"code": "a"}}], "minimum_should_match": "x"}})"),
            "query_shard_exception: failed to create query: For input string: \"x\"");
}

TEST_F(CompoundTest, ConstantScoreDisMaxBoosting) {
  EXPECT_EQ(Q(R"({"constant_score": {"filter": {"term": {"code": "a"}}, "boost": 1.2}})"),
            "(ConstantScore(code:a))^1.2");
  EXPECT_EQ(E(R"({"constant_score": {"boost": 1}})"),
            "parsing_exception: [constant_score] requires a 'filter' element");
  EXPECT_EQ(
      E(R"({"constant_score": {"filter": {"term": {"code": "a"}}, "query": {"match_all": {}}}})"),
      "parsing_exception: [constant_score] query does not support [query]");
  EXPECT_EQ(
      Q(R"({"dis_max": {"queries": [{"term": {"code": "a"}}, {"term": {"code": "b"}}], "tie_breaker": 0.7}})"),
      "(code:a | code:b)~0.7");
  EXPECT_EQ(Q(R"({"dis_max": {"queries": []}})"),
            "MatchNoDocsQuery(\"no clauses for dismax query.\")");
  EXPECT_EQ(E(R"({"dis_max": {"tie_breaker": 0.7}})"),
            "parsing_exception: [dis_max] requires 'queries' field with at least one clause");
  EXPECT_EQ(
      Q(R"({"boosting": {"positive": {"term": {"code": "a"}}, "negative": {"term": {"code": "b"}},
                  "negative_boost": 0.2}})"),
      "Boosting(positive=code:a, negative=code:b, negative_boost=0.2)");
  EXPECT_EQ(E(R"({"boosting": {"positive": {"term": {"code": "a"}}, "negative_boost": 0.2}})"),
            "parsing_exception: [boosting] query requires 'negative' query");
  EXPECT_EQ(
      E(R"({"boosting": {"positive": {"term": {"code": "a"}}, "negative": {"term": {"code": "b"}}}})"),
      "parsing_exception: [boosting] query requires 'negative_boost' to be set to be a positive "
      "value'");
}

TEST_F(CompoundTest, FunctionScore) {
  EXPECT_EQ(
      Q(R"({"function_score": {"query": {"term": {"code": "a"}}, "weight": 2}})"),
      "FunctionScore(code:a, functions: [weight*2.0], score_mode=multiply, boost_mode=multiply)");
  EXPECT_EQ(Q(R"({"function_score": {"field_value_factor": {"field": "count", "factor": 1.2,
                  "modifier": "sqrt", "missing": 1}, "boost_mode": "sum", "max_boost": 10}})"),
            "FunctionScore(*:*, functions: [field_value_factor(count, factor=1.2, modifier=sqrt, "
            "missing=1.0)], score_mode=multiply, boost_mode=sum, max_boost=10.0)");
  EXPECT_EQ(Q(R"({"function_score": {"functions": [
                  {"filter": {"term": {"code": "a"}}, "weight": 3},
                  {"random_score": {"seed": 10, "field": "_seq_no"}, "weight": 0.5},
                  {"gauss": {"count": {"origin": 10, "scale": 5, "decay": 0.3}}}],
                  "score_mode": "sum", "min_score": 0.5}})"),
            "FunctionScore(*:*, functions: [{filter(code:a), weight*3.0}, random_score(seed=10, "
            "field=_seq_no)*0.5, decay(gauss, count, origin=10.0, scale=5.0, offset=0.0, "
            "decay=0.3)], score_mode=sum, boost_mode=multiply, min_score=0.5)");
  // Date decay: origin defaults to now, scale and offset are time values.
  auto q = Node(
      R"({"function_score": {"exp": {"ts": {"scale": "10d", "offset": "1h"}, "multi_value_mode": "avg"}}})");
  const auto& fs = std::get<FunctionScoreQuery>(q->node);
  ASSERT_EQ(fs.functions.size(), 1u);
  EXPECT_EQ(fs.functions[0].decay_type, "exp");
  EXPECT_EQ(fs.functions[0].origin, static_cast<double>(kTestNowMs));
  EXPECT_EQ(fs.functions[0].scale, 10 * 86400000.0);
  EXPECT_EQ(fs.functions[0].offset, 3600000.0);
  EXPECT_EQ(fs.functions[0].multi_value_mode, "avg");
  auto q2 = Node(
      R"({"function_score": {"linear": {"ts": {"origin": "2024-01-01||+1d", "scale": "1d"}}}})");
  EXPECT_EQ(std::get<FunctionScoreQuery>(q2->node).functions[0].origin, 1704153600000.0);
}

TEST_F(CompoundTest, FunctionScoreErrors) {
  EXPECT_EQ(
      E(R"({"function_score": {"functions": [{"weight": 1}], "gauss": {"count": {"origin": 1, "scale": 1}}}})"),
      "parsing_exception: failed to parse [function_score] query. already found [functions] "
      "array, now encountering [gauss].");
  EXPECT_EQ(E(R"({"function_score": {"weight": 1, "functions": [{"weight": 2}]}})"),
            "parsing_exception: failed to parse [function_score] query. already found [functions] "
            "array, now encountering [weight].");
  EXPECT_EQ(E(R"({"function_score": {"score_mode": "median"}})"),
            "illegal_argument_exception: illegal score_mode [median]");
  EXPECT_EQ(E(R"({"function_score": {"boost_mode": "x"}})"),
            "illegal_argument_exception: illegal boost_mode [x]");
  EXPECT_EQ(E(R"({"function_score": {"gauss": {"count": {"scale": 1}}}})"),
            "parse_exception: both [scale] and [origin] must be set for numeric fields.");
  EXPECT_EQ(E(R"({"function_score": {"gauss": {"ts": {"origin": "now"}}}})"),
            "parse_exception: [scale] must be set for date fields.");
  EXPECT_EQ(E(R"({"function_score": {"gauss": {"count": {"origin": 1, "scale": 1, "decay": 2}}}})"),
            "illegal_argument_exception: decay must be in the range [0..1].");
  EXPECT_EQ(E(R"({"function_score": {"field_value_factor": {"factor": 2}}})"),
            "parsing_exception: [field_value_factor] required field 'field' missing");
  EXPECT_EQ(
      E(R"({"function_score": {"field_value_factor": {"field": "count", "modifier": "cube"}}})"),
      "illegal_argument_exception: Illegal modifier: cube");
  EXPECT_EQ(E(R"({"function_score": {"script_score": {"script": "1"}}})"),
            "illegal_argument_exception: [script_score] functions are not supported");
  EXPECT_EQ(E(R"({"function_score": {"gauss": {"missing": {"origin": 1, "scale": 1}}}})"),
            "query_shard_exception: failed to create query: unknown field [missing]");
  EXPECT_EQ(
      E(R"({"function_score": {"functions": [{"filter": {"match_all": {}}}]}})"),
      "parsing_exception: failed to parse [function_score] query. an entry in functions list is "
      "missing a function.");
}

TEST_F(CompoundTest, Knn) {
  EXPECT_EQ(Q(R"({"knn": {"field": "vec", "query_vector": [1, 0, 0]}})"),
            "KnnFloatVectorQuery:vec[1.0,0.0,0.0][10][15]");
  EXPECT_EQ(Q(R"({"knn": {"field": "vec", "query_vector": [1, 2, 3], "k": 5, "num_candidates": 50,
                  "similarity": 0.5, "filter": {"term": {"code": "a"}}, "boost": 2}})"),
            "(KnnFloatVectorQuery:vec[1.0,2.0,3.0][5][50][similarity=0.5][filter=code:a])^2.0");
  EXPECT_EQ(Q(R"({"knn": {"field": "vec", "query_vector": [1, 2, 3], "k": 2,
                  "filter": [{"term": {"code": "a"}}, {"term": {"tag": "b"}}]}})"),
            "KnnFloatVectorQuery:vec[1.0,2.0,3.0][2][3][filter=#code:a #tag:b]");
  options_.request_size = 4;
  EXPECT_EQ(Q(R"({"knn": {"field": "vec", "query_vector": [1, 0, 0]}})"),
            "KnnFloatVectorQuery:vec[1.0,0.0,0.0][4][6]");
  EXPECT_EQ(Q(R"({"knn": {"field": "bvec", "query_vector": "7ff0"}})"),
            "KnnFloatVectorQuery:bvec[127.0,-16.0][4][6]");
  auto q = Node(R"({"knn": {"field": "vec", "query_vector": [1, 0, 0], "nprobe": 7,
                    "rescore_vector": {"oversample": 2.5}}})");
  EXPECT_EQ(std::get<KnnQuery>(q->node).nprobe, 7);
  EXPECT_EQ(std::get<KnnQuery>(q->node).rescore_oversample, 2.5f);
  // ES 8.16+: an unmapped field matches nothing (an error only under
  // index.query.parse.allow_unmapped_fields: false).
  EXPECT_EQ(Q(R"({"knn": {"field": "missing", "query_vector": [1]}})"),
            "MatchNoDocsQuery(\"field [missing] does not exist in the mapping\")");
  EXPECT_EQ(Q(R"({"ann": {"field": "vec", "vector": [1, 0, 0], "algorithm": "ivf", "nprobe": 3,
                  "k": 4}})"),
            "KnnFloatVectorQuery:vec[1.0,0.0,0.0][4][100]");
  EXPECT_EQ(
      Q(R"({"knn": {"field": "vec", "query_vector": [1, 0, 0], "filter": {"term": {"nope": "x"}}}})"),
      "MatchNoDocsQuery(\"The \"term\" query is against a field that does not exist\")");
}

TEST_F(CompoundTest, KnnErrors) {
  EXPECT_EQ(
      E(R"({"knn": {"field": "vec", "query_vector": [1, 0]}})"),
      "query_shard_exception: failed to create query: The query vector has a different number "
      "of dimensions [2] than the document vectors [3].");
  EXPECT_EQ(
      E(R"({"knn": {"field": "vec", "query_vector": [0, 0, 0]}})"),
      "query_shard_exception: failed to create query: The [cosine] similarity does not support "
      "vectors with zero magnitude.");
  EXPECT_EQ(
      E(R"({"knn": {"field": "dvec", "query_vector": [1, 1]}})"),
      "query_shard_exception: failed to create query: The [dot_product] similarity can only be "
      "used with unit-length vectors.");
  EXPECT_EQ(
      E(R"({"knn": {"field": "bvec", "query_vector": [1.5, 1]}})")
          .rfind("query_shard_exception: failed to create query: element_type [byte] vectors only "
                 "support non-decimal values but found decimal value",
                 0),
      0u);
  EXPECT_EQ(
      E(R"({"knn": {"field": "bvec", "query_vector": [300, 1]}})"),
      "query_shard_exception: failed to create query: element_type [byte] vectors only support "
      "integers between [-128, 127] but found [300] at dim [0];");
  EXPECT_EQ(E(R"({"knn": {"field": "code", "query_vector": [1]}})"),
            "query_shard_exception: failed to create query: [knn] queries are only supported on "
            "[dense_vector] fields");
  // As the ES YAML tests expect: x_content_parse_exception caused by an
  // illegal_argument_exception.
  auto build_error = [&](std::string_view q) {
    Status st = Error(q);
    EXPECT_EQ(st.type(), "x_content_parse_exception");
    return st.caused_by() == nullptr
               ? std::string()
               : std::string(st.caused_by()->type()) + ": " + st.caused_by()->message();
  };
  EXPECT_EQ(build_error(R"({"knn": {"field": "vec", "query_vector": [1, 0, 0], "k": 0}})"),
            "illegal_argument_exception: [k] must be greater than 0");
  EXPECT_EQ(
      build_error(
          R"({"knn": {"field": "vec", "query_vector": [1, 0, 0], "k": 10, "num_candidates": 5}})"),
      "illegal_argument_exception: [num_candidates] cannot be less than [k]");
  EXPECT_EQ(build_error(
                R"({"knn": {"field": "vec", "query_vector": [1, 0, 0], "num_candidates": 10001}})"),
            "illegal_argument_exception: [num_candidates] cannot exceed [10000]");
  EXPECT_EQ(build_error(R"({"knn": {"field": "vec"}})"),
            "illegal_argument_exception: either [query_vector] or [query_vector_builder] must be "
            "provided");
  EXPECT_EQ(E(R"({"knn": {"query_vector": [1]}})"),
            "x_content_parse_exception: [knn] Required [field]");
  EXPECT_EQ(E(R"({"knn": {"field": "vec", "query_vector": [1, 0, 0], "num_candidate": 5}})"),
            "x_content_parse_exception: [knn] unknown field [num_candidate] did you mean "
            "[num_candidates]?");
}

TEST_F(CompoundTest, Nested) {
  EXPECT_EQ(Q(R"({"nested": {"path": "comments", "query": {"match": {"comments.text": "Great"}},
                  "score_mode": "max", "inner_hits": {}}})"),
            "comments.text:great");
  EXPECT_EQ(
      E(R"({"nested": {"path": "user", "query": {"match_all": {}}}})"),
      "query_shard_exception: [nested] nested object under path [user] is not of nested type");
  EXPECT_EQ(E(R"({"nested": {"path": "nope", "query": {"match_all": {}}}})"),
            "query_shard_exception: [nested] failed to find nested object under path [nope]");
  EXPECT_EQ(
      Q(R"({"nested": {"path": "nope", "query": {"match_all": {}}, "ignore_unmapped": true}})"),
      "MatchNoDocsQuery(\"unmapped nested path\")");
  EXPECT_EQ(E(R"({"nested": {"query": {"match_all": {}}}})"),
            "parsing_exception: [nested] requires 'path' field");
  EXPECT_EQ(E(R"({"nested": {"path": "comments"}})"),
            "parsing_exception: [nested] requires 'query' field");
}

TEST_F(CompoundTest, Wrapper) {
  // base64 of {"term":{"code":"a"}}
  EXPECT_EQ(Q(R"({"wrapper": {"query": "eyJ0ZXJtIjp7ImNvZGUiOiJhIn19"}})"), "code:a");
  EXPECT_EQ(E(R"({"wrapper": {"query": "!!!"}})"),
            "illegal_argument_exception: [wrapper] query: the query is not valid base64");
  EXPECT_EQ(E(R"({"wrapper": {"q": "x"}})"),
            "parsing_exception: [wrapper] query malformed, expected [query] but found [q] field");
}

TEST_F(CompoundTest, ToStringRenderings) {
  PhraseQuery p;
  p.field = "f";
  p.terms = {{"a"}, {"b", "c"}, {"d"}};
  p.positions = {0, 1, 3};
  p.slop = 1;
  EXPECT_EQ(ToString(*MakeQuery(p)), "f:\"a (b c) ? d\"~1");
  TermRangeQuery r;
  r.field = "k";
  r.lower = "a";
  r.include_upper = false;
  EXPECT_EQ(ToString(*MakeQuery(r, 2.0f)), "(k:[a TO *})^2.0");
  NumericSetQuery s{"n", {1, 2}};
  EXPECT_EQ(ToString(*MakeQuery(s)), "n:{1 2}");
  CombinedFieldsQuery c;
  c.fields = {{"a", 1.0f}, {"b", 0.5f}};
  c.terms = {"x"};
  EXPECT_EQ(ToString(*MakeQuery(c)), "CombinedFieldQuery((a b^0.5)(x))");
  EXPECT_EQ(ToString(*MakeQuery(TermQuery{"bin", std::string("a\x01", 2)})), "bin:a\\x01");
}

}  // namespace
}  // namespace quiver::query::dsl
