// query_string and simple_query_string: the syntax, field resolution,
// option handling and hostile input.
#include <chrono>

#include "query/dsl/dsl_test_util.h"
#include "query/dsl/lucene_query_syntax.h"

namespace quiver::query::dsl {
namespace {

class QueryStringTest : public DslTest {
 protected:
  // query_string on default_field body.
  std::string QS(std::string_view text, std::string_view extra = "") {
    json::object body;
    body["query"] = std::string(text);
    body["default_field"] = "body";
    if (!extra.empty()) {
      json::value options = TestJson(extra);
      for (auto& kv : options.get_object()) body[kv.key()] = kv.value();
    }
    json::object q;
    q["query_string"] = std::move(body);
    return Q(ToJson(json::value(std::move(q))));
  }
  std::string SQS(std::string_view text, std::string_view extra = "") {
    json::object body;
    body["query"] = std::string(text);
    body["fields"] = json::array{"body"};
    if (!extra.empty()) {
      json::value options = TestJson(extra);
      for (auto& kv : options.get_object()) body[kv.key()] = kv.value();
    }
    json::object q;
    q["simple_query_string"] = std::move(body);
    return Q(ToJson(json::value(std::move(q))));
  }
};

TEST_F(QueryStringTest, BooleanSyntax) {
  EXPECT_EQ(QS("quick brown"), "body:quick body:brown");
  EXPECT_EQ(QS("quick AND brown"), "+body:quick +body:brown");
  EXPECT_EQ(QS("quick && brown"), "+body:quick +body:brown");
  EXPECT_EQ(QS("quick OR brown"), "body:quick body:brown");
  EXPECT_EQ(QS("quick || brown"), "body:quick body:brown");
  EXPECT_EQ(QS("quick -brown"), "body:quick -body:brown");
  EXPECT_EQ(QS("+quick +brown"), "+body:quick +body:brown");
  EXPECT_EQ(QS("quick AND brown OR fox"), "+body:quick +body:brown body:fox");
  EXPECT_EQ(QS("quick AND NOT brown"), "+body:quick -body:brown");
  EXPECT_EQ(QS("!quick"), "#*:* -body:quick");
  EXPECT_EQ(QS("NOT quick"), "#*:* -body:quick");
  EXPECT_EQ(QS("(quick OR brown) AND fox"), "+(body:quick body:brown) +body:fox");
  EXPECT_EQ(QS("((quick))"), "body:quick");
}

TEST_F(QueryStringTest, DefaultOperatorAnd) {
  std::string and_op = R"({"default_operator": "AND"})";
  EXPECT_EQ(QS("quick brown", and_op), "+body:quick +body:brown");
  EXPECT_EQ(QS("quick OR brown", and_op), "body:quick body:brown");
  EXPECT_EQ(QS("quick brown OR fox", and_op), "+body:quick body:brown body:fox");
  EXPECT_EQ(
      QS("a", R"({"default_operator": "xor"})"),
      "<error: illegal_argument_exception: operator needs to be either [OR, AND], but not [xor]>");
}

TEST_F(QueryStringTest, FieldsGroupsAndBoosts) {
  EXPECT_EQ(QS("title:foxes"), "title:fox");
  EXPECT_EQ(QS("title:(quick foxes)"), "title:quick title:fox");
  EXPECT_EQ(QS("title:quick body:fox"), "title:quick body:fox");
  EXPECT_EQ(QS("(quick brown)^2"), "(body:quick body:brown)^2.0");
  EXPECT_EQ(QS("quick^3 fox"), "(body:quick)^3.0 body:fox");
  EXPECT_EQ(QS("quick b:c"), "body:quick MatchNoDocsQuery(\"unmapped field [b]\")");
  EXPECT_EQ(QS("tit\\*:foxes"), "(title:fox | title.raw:foxes)");  // ES docs: escape the *
  EXPECT_EQ(QS("tit*:foxes"), "<error: query_shard_exception: Failed to parse query [tit*:foxes]>");
  EXPECT_EQ(Q(R"({"query_string": {"query": "foxes", "fields": ["title^2", "body"]}})"),
            "((title:fox)^2.0 | body:foxes)");
  EXPECT_EQ(
      Q(R"({"query_string": {"query": "foxes", "fields": ["title", "body"], "tie_breaker": 0.5}})"),
      "(title:fox | body:foxes)~0.5");
  // No fields: index.query.default_field.
  EXPECT_EQ(Q(R"({"query_string": {"query": "foxes"}})"), "(title:fox | body:foxes)");
}

TEST_F(QueryStringTest, PhrasesFuzzyPrefixWildcardRegexp) {
  EXPECT_EQ(QS("\"quick brown\""), "body:\"quick brown\"");
  EXPECT_EQ(QS("\"quick brown\"~2"), "body:\"quick brown\"~2");
  EXPECT_EQ(QS("\"quick brown\"", R"({"phrase_slop": 1})"), "body:\"quick brown\"~1");
  EXPECT_EQ(QS("\"quick brown\"^2"), "(body:\"quick brown\")^2.0");
  EXPECT_EQ(QS("quick~"), "body:quick~1");
  EXPECT_EQ(QS("quikc~2"), "body:quikc~2");
  EXPECT_EQ(QS("quikcly~"), "body:quikcly~2");
  EXPECT_EQ(QS("quick~1^2"), "(body:quick~1)^2.0");
  EXPECT_EQ(QS("Qu*"), "body:qu*");
  EXPECT_EQ(QS("Q?ick"), "body:q?ick");
  EXPECT_EQ(QS("/qu.*k/"), "body:/qu.*k/");
  EXPECT_EQ(QS("tag:AB*"), "tag:ab*");
  EXPECT_EQ(QS("foo-bar*", R"({"analyze_wildcard": true})"), "body:foo body:bar*");
  EXPECT_EQ(QS("quick~0.5"),
            "<error: query_shard_exception: failed to create query: fuzziness needs to be one of "
            "0.0, 1.0 or 2.0 but was 0.5>");
}

TEST_F(QueryStringTest, RangesExistsAndStar) {
  EXPECT_EQ(QS("count:[1 TO 5]"), "count:[1 TO 5]");
  EXPECT_EQ(QS("count:{1 TO 5]"), "count:[2 TO 5]");
  EXPECT_EQ(QS("count:[* TO 5}"), "count:[* TO 4]");
  EXPECT_EQ(QS("count:>=3"), "count:[3 TO *]");
  EXPECT_EQ(QS("count:>3"), "count:[4 TO *]");
  EXPECT_EQ(QS("count:<3"), "count:[* TO 2]");
  EXPECT_EQ(QS("count:<=3"), "count:[* TO 3]");
  EXPECT_EQ(QS("tag:[A TO C]"), "tag:[a TO c]");
  EXPECT_EQ(QS("ts:[2024-01-01 TO 2024-01-31]"), "ts:[1704067200000 TO 1706745599999]");
  EXPECT_EQ(QS("ts:2024-01-01", R"({"time_zone": "+01:00"})"),
            "ts:[1704063600000 TO 1704149999999]");
  EXPECT_EQ(QS("ts:[\"2024-01-01\" TO *]"), "ts:[1704067200000 TO *]");
  EXPECT_EQ(QS("_exists_:title"), "FieldExistsQuery [field=title]");
  EXPECT_EQ(QS("title:*"), "FieldExistsQuery [field=title]");
  EXPECT_EQ(QS("*"), "FieldExistsQuery [field=body]");
  EXPECT_EQ(QS("*:*"), "*:*");
  EXPECT_EQ(Q(R"({"query_string": {"query": "*", "default_field": "*"}})"), "*:*");
}

TEST_F(QueryStringTest, EscapingAndBareOperators) {
  EXPECT_EQ(QS("\\(quick\\)"), "body:quick");
  EXPECT_EQ(QS("quick + brown"), "body:quick body:brown");
  EXPECT_EQ(QS("a+b", R"({"escape": true})"), "body:a body:b");
  EXPECT_EQ(*DiscardEscapeChars("a\\:b\\u0041"), "a:bA");
  EXPECT_EQ(DiscardEscapeChars("a\\").status().message(),
            "Term can not end with escape character.");
  EXPECT_EQ(DiscardEscapeChars("\\u00").status().message(), "Truncated unicode escape sequence.");
}

TEST_F(QueryStringTest, OptionsAndLeniency) {
  EXPECT_EQ(QS("a b c", R"({"minimum_should_match": "2"})"), "(body:a body:b body:c)~2");
  EXPECT_EQ(QS("count:abc"),
            "<error: query_shard_exception: failed to create query: For input string: \"abc\">");
  EXPECT_EQ(QS("count:abc", R"({"lenient": true})"),
            "MatchNoDocsQuery(\"failed [count] query, caused by number_format_exception:[For input "
            "string: \"abc\"]\")");
  EXPECT_EQ(QS("Running", R"({"analyzer": "english"})"), "body:run");
  EXPECT_EQ(QS("\"Running dogs\"", R"({"analyzer": "standard", "quote_analyzer": "english"})"),
            "body:\"run dog\"");
  EXPECT_EQ(QS("foxes", R"({"quote_field_suffix": ".raw", "default_field": "title"})"),
            "title:fox");
  EXPECT_EQ(QS("\"foxes\"", R"({"quote_field_suffix": ".raw", "default_field": "title"})"),
            "title.raw:foxes");
  EXPECT_EQ(QS("   "), "MatchNoDocsQuery(\"Matching no documents because no terms present\")");
  Status wildcard = Error(R"({"query_string": {"query": "*ick", "default_field": "body",
                                                 "allow_leading_wildcard": false}})");
  EXPECT_EQ(wildcard.message(), "Failed to parse query [*ick]");
  ASSERT_NE(wildcard.caused_by(), nullptr);
  EXPECT_EQ(wildcard.caused_by()->message(),
            "Cannot parse '*ick': '*' or '?' not allowed as first character in WildcardQuery");
  EXPECT_EQ(QS("x", R"({"analyzer": "nope"})"),
            "<error: query_shard_exception: [query_string] analyzer [nope] not found>");
  EXPECT_EQ(Q(R"({"query_string": {"query": "x", "foo": 1}})"),
            "<error: parsing_exception: [query_string] query does not support [foo]>");
  EXPECT_EQ(Q(R"({"query_string": {"default_field": "x"}})"),
            "<error: parsing_exception: [query_string] must be provided with a [query]>");
}

TEST_F(QueryStringTest, RegexpLengthLimit) {
  std::string regex = "/" + std::string(1110, 'a') + "/";
  EXPECT_EQ(QS(regex),
            "<error: query_shard_exception: failed to create query: The length of regex [1110] "
            "used in the [query_string] has exceeded the allowed maximum of [1000]. This maximum "
            "can be set by changing the [index.max_regex_length] index level setting.>");
}

TEST_F(QueryStringTest, SyntaxErrors) {
  Status st = Error(R"({"query_string": {"query": "foo AND", "default_field": "body"}})");
  EXPECT_EQ(st.type(), "query_shard_exception");
  EXPECT_EQ(st.message(), "Failed to parse query [foo AND]");
  ASSERT_NE(st.caused_by(), nullptr);
  EXPECT_EQ(st.caused_by()->type(), "parse_exception");
  EXPECT_EQ(st.caused_by()->message(),
            "Cannot parse 'foo AND': Encountered \"<EOF>\" at line 1, column 8.");
  EXPECT_EQ(Error(R"json({"query_string": {"query": "foo)", "default_field": "body"}})json")
                .caused_by()
                ->message(),
            "Cannot parse 'foo)': Encountered \" \")\" \") \"\" at line 1, column 4.");
  EXPECT_EQ(Error(R"({"query_string": {"query": "(foo", "default_field": "body"}})")
                .caused_by()
                ->message(),
            "Cannot parse '(foo': Encountered \"<EOF>\" at line 1, column 5.");
  EXPECT_EQ(Error(R"({"query_string": {"query": "\"foo", "default_field": "body"}})")
                .caused_by()
                ->message(),
            "Cannot parse '\"foo': Lexical error at line 1, column 5.  Encountered: <EOF>, after : "
            "\"\"foo\"");
  EXPECT_EQ(Error(R"({"query_string": {"query": "title:", "default_field": "body"}})")
                .caused_by()
                ->message(),
            "Cannot parse 'title:': Encountered \"<EOF>\" at line 1, column 7.");
  EXPECT_EQ(Error(R"({"query_string": {"query": "[1 TO", "default_field": "body"}})").type(),
            "query_shard_exception");
  EXPECT_EQ(Error(R"({"query_string": {"query": "a^x", "default_field": "body"}})").type(),
            "query_shard_exception");
}

TEST_F(QueryStringTest, HostileInputFailsCleanly) {
  auto start = std::chrono::steady_clock::now();
  std::string deep = std::string(10000, '(') + "a" + std::string(10000, ')');
  Status st = Error(R"({"query_string": {"query": ")" + deep + R"(", "default_field": "body"}})");
  EXPECT_EQ(st.message(), "Failed to parse query [" + deep + "]");
  ASSERT_NE(st.caused_by(), nullptr);
  EXPECT_NE(st.caused_by()->message().find("too many nested groups"), std::string::npos);
  // Deep but allowed nesting works.
  std::string ok = std::string(200, '(') + "a" + std::string(200, ')');
  EXPECT_EQ(QS(ok), "body:a");
  // Many clauses: Lucene's clause limit, not a crash.
  std::string many;
  for (int i = 0; i < 20000; ++i) many += "a" + std::to_string(i) + " OR ";
  many += "z";
  Status too_many =
      Error(R"({"query_string": {"query": ")" + many + R"(", "default_field": "body"}})");
  ASSERT_NE(too_many.caused_by(), nullptr);
  EXPECT_NE(too_many.caused_by()->message().find("too many boolean clauses"), std::string::npos);
  std::string words;
  for (int i = 0; i < 20000; ++i) words += "w" + std::to_string(i) + " ";
  Status too_many_words =
      Error(R"({"query_string": {"query": ")" + words + R"(", "default_field": "body"}})");
  ASSERT_NE(too_many_words.caused_by(), nullptr);
  EXPECT_NE(too_many_words.caused_by()->message().find("too many boolean clauses"),
            std::string::npos);
  // Unbalanced and odd input.
  for (std::string_view s : {"\\\"", "\"\"\"", "((((", "))))", "[[[", "{{{", "^^^", "~~~", "a:b:c",
                             ":", "AND", "OR OR", "-", "+", "!", "a AND AND b", "/", "\\", "a\\"}) {
    json::object body;
    body["query"] = std::string(s);
    body["default_field"] = "body";
    json::object q;
    q["query_string"] = std::move(body);
    auto r = Parse(ToJson(json::value(std::move(q))));
    if (!r.ok()) {
      EXPECT_TRUE(r.status().type() == "query_shard_exception" ||
                  r.status().type() == "parse_exception")
          << s << " -> " << r.status().ToString();
    }
  }
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_LT(std::chrono::duration_cast<std::chrono::seconds>(elapsed).count(), 10);
}

TEST_F(QueryStringTest, SimpleQueryStringSyntax) {
  EXPECT_EQ(SQS("quick brown"), "body:quick body:brown");
  EXPECT_EQ(SQS("quick + brown"), "+body:quick +body:brown");
  EXPECT_EQ(SQS("quick | brown"), "body:quick body:brown");
  EXPECT_EQ(SQS("quick brown", R"({"default_operator": "and"})"), "+body:quick +body:brown");
  EXPECT_EQ(SQS("-quick"), "*:* -body:quick");
  EXPECT_EQ(SQS("fox -quick"), "body:fox (*:* -body:quick)");
  EXPECT_EQ(SQS("\"quick brown\"~2"), "body:\"quick brown\"~2");
  EXPECT_EQ(SQS("\"quick brown\""), "body:\"quick brown\"");
  EXPECT_EQ(SQS("qui*"), "body:qui*");
  EXPECT_EQ(SQS("quikc~1"), "body:quikc~1");
  EXPECT_EQ(SQS("quikc~"), "body:quikc~2");
  EXPECT_EQ(SQS("(quick | brown) + fox"), "+(body:quick body:brown) +body:fox");
  EXPECT_EQ(SQS("*"), "*:*");
  EXPECT_EQ(SQS("a b c", R"({"minimum_should_match": "2"})"), "(body:a body:b body:c)~2");
  EXPECT_EQ(SQS(""), "MatchNoDocsQuery(\"empty string passed to query parser\")");
}

TEST_F(QueryStringTest, SimpleQueryStringFlagsAndForgivingSyntax) {
  EXPECT_EQ(SQS("quick + brown", R"({"flags": "NONE"})"), "body:quick body:brown");
  EXPECT_EQ(SQS("qui*", R"({"flags": "AND|OR"})"), "body:qui");
  EXPECT_EQ(SQS("-quick", R"({"flags": "OR"})"), "body:quick");
  EXPECT_EQ(SQS("\"quick brown"), "body:quick body:brown");
  EXPECT_EQ(SQS("(quick"), "body:quick");
  EXPECT_EQ(SQS("quick)"), "body:quick");
  EXPECT_EQ(SQS("x", R"({"flags": "BOGUS"})"),
            "<error: illegal_argument_exception: Unknown simple_query_string flag [BOGUS]>");
  std::string deep = std::string(10000, '(') + "a" + std::string(10000, ')');
  EXPECT_EQ(SQS(deep), "body:a");
}

TEST_F(QueryStringTest, SimpleQueryStringFields) {
  EXPECT_EQ(Q(R"({"simple_query_string": {"query": "foxes", "fields": ["title^2", "body"]}})"),
            "((title:fox)^2.0 | body:foxes)~1.0");
  EXPECT_EQ(Q(R"({"simple_query_string": {"query": "foxes"}})"), "(title:fox | body:foxes)~1.0");
  EXPECT_EQ(
      Q(R"({"simple_query_string": {"query": "\"foxes\"", "fields": ["title"], "quote_field_suffix": ".raw"}})"),
      "title.raw:foxes");
  EXPECT_EQ(Q(R"({"simple_query_string": {"query": "abc", "fields": ["count"]}})"),
            "<error: query_shard_exception: failed to create query: For input string: \"abc\">");
  EXPECT_EQ(Q(R"({"simple_query_string": {"query": "abc", "fields": ["count"], "lenient": true}})"),
            "MatchNoDocsQuery(\"failed [count] query, caused by number_format_exception:[For input "
            "string: \"abc\"]\")");
  EXPECT_EQ(Q(R"({"simple_query_string": {"query": "x", "fieldz": ["a"]}})"),
            "<error: parsing_exception: [simple_query_string] query does not support [fieldz]>");
  EXPECT_EQ(Q(R"({"simple_query_string": {"query": "x", "foo": 1}})"),
            "<error: parsing_exception: [simple_query_string] unsupported field [foo]>");
  EXPECT_EQ(Q(R"({"simple_query_string": {"fields": ["a"]}})"),
            "<error: parsing_exception: [simple_query_string] query text missing>");
}

}  // namespace
}  // namespace quiver::query::dsl
