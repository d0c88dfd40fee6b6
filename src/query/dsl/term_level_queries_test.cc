// term, terms, terms_set, range, exists, ids, prefix, wildcard, regexp,
// fuzzy: JSON -> tree, per field type, and ES's errors.
#include "query/dsl/dsl_test_util.h"
#include "query/dsl/field_values.h"
#include "schema/ip_address.h"

namespace quiver::query::dsl {
namespace {

class TermLevelTest : public DslTest {};

std::string Sortable(double d) { return std::to_string(SortableDouble(d)); }

std::string Ip(std::string_view text) {
  return std::string(schema::IpBytesView(*schema::ParseIp(text)));
}

TEST_F(TermLevelTest, TermOnTextIsNotAnalyzed) {
  EXPECT_EQ(Q(R"({"term": {"title": "Running Dogs"}})"), "title:Running Dogs");
  EXPECT_EQ(Q(R"({"term": {"title": {"value": "x", "boost": 2.0, "_name": "n"}}})"),
            "(title:x)^2.0");
  EXPECT_EQ(Node(R"({"term": {"title": {"value": "x", "_name": "n"}}})")->name, "n");
  EXPECT_EQ(Q(R"({"term": {"title_alias": "x"}})"), "title:x");
  EXPECT_EQ(Q(R"({"term": {"title.raw": "Dune"}})"), "title.raw:Dune");
}

TEST_F(TermLevelTest, TermOnKeywordAppliesTheNormalizer) {
  EXPECT_EQ(Q(R"({"term": {"tag": "Caf\u00e9"}})"), "tag:cafe");
  EXPECT_EQ(Q(R"({"term": {"code": "AbC"}})"), "code:AbC");
  EXPECT_EQ(Q(R"({"term": {"code": {"value": "AbC", "case_insensitive": true}}})"),
            "CaseInsensitive(code:AbC)");
  EXPECT_EQ(Q(R"({"term": {"code": 5}})"), "code:5");
  EXPECT_EQ(Q(R"({"term": {"code": true}})"), "code:true");
}

TEST_F(TermLevelTest, TermOnNumbers) {
  EXPECT_EQ(Q(R"({"term": {"count": 5}})"), "count:[5 TO 5]");
  EXPECT_EQ(Q(R"({"term": {"count": "5"}})"), "count:[5 TO 5]");
  EXPECT_EQ(Q(R"({"term": {"count": "9223372036854775807"}})"), "count:[9223372036854775807 TO *]");
  EXPECT_EQ(Q(R"({"term": {"count": 5.5}})"),
            "MatchNoDocsQuery(\"Value [5.5] has a decimal part\")");
  EXPECT_EQ(Q(R"({"term": {"count": 5.0}})"), "count:[5 TO 5]");
  EXPECT_EQ(Q(R"({"term": {"price": 1.5}})"),
            "price:[" + Sortable(1.5) + " TO " + Sortable(1.5) + "]");
  EXPECT_EQ(Q(R"({"term": {"ratio": 0.1}})"),
            "ratio:[" + Sortable(0.1f) + " TO " + Sortable(0.1f) + "]");
  EXPECT_EQ(Q(R"({"term": {"scaled": 1.234}})"), "scaled:[123 TO 123]");
  EXPECT_EQ(Q(R"({"term": {"big": 18446744073709551615}})"), "big:[9223372036854775807 TO *]");
  EXPECT_EQ(Q(R"({"term": {"big": 0}})"), "big:[* TO -9223372036854775808]");
  EXPECT_EQ(Q(R"({"term": {"big": -1}})").substr(0, 16), "MatchNoDocsQuery");
}

TEST_F(TermLevelTest, TermValueErrorsAreShardFailures) {
  Status st = Error(R"({"term": {"count": "abc"}})");
  EXPECT_EQ(st.type(), "query_shard_exception");
  EXPECT_EQ(st.message(), "failed to create query: For input string: \"abc\"");
  ASSERT_NE(st.caused_by(), nullptr);
  EXPECT_EQ(st.caused_by()->type(), "number_format_exception");
  bool has_index = false;
  for (const auto& [k, v] : st.metadata()) has_index |= k == "index" && v == "test";
  EXPECT_TRUE(has_index);
  EXPECT_EQ(
      E(R"({"term": {"small": 300}})"),
      "query_shard_exception: failed to create query: Value [300] is out of range for a byte");
  EXPECT_EQ(E(R"({"term": {"int": 3000000000}})"),
            "query_shard_exception: failed to create query: Value [3000000000] is out of range for "
            "an integer");
  EXPECT_EQ(
      E(R"({"term": {"count": "1e20"}})"),
      "query_shard_exception: failed to create query: Value [1e20] is out of range for a long");
  EXPECT_EQ(E(R"({"term": {"price": "NaN"}})"),
            "query_shard_exception: failed to create query: [double] supports only finite values, "
            "but got [NaN]");
  EXPECT_EQ(E(R"({"term": {"flag": "yes"}})"),
            "query_shard_exception: failed to create query: Can't parse boolean value [yes], "
            "expected [true] or [false]");
  EXPECT_EQ(E(R"({"term": {"addr": "1.2.3"}})"),
            "query_shard_exception: failed to create query: '1.2.3' is not an IP string literal.");
  EXPECT_EQ(E(R"({"term": {"vec": "x"}})"),
            "query_shard_exception: failed to create query: Field [vec] of type [dense_vector] "
            "doesn't support term queries");
  EXPECT_EQ(E(R"({"term": {"count": {"value": 1, "case_insensitive": true}}})"),
            "query_shard_exception: [count] field which is of type [long], does not support case "
            "insensitive term queries");
}

TEST_F(TermLevelTest, TermOnBooleansDatesAndIps) {
  EXPECT_EQ(Q(R"({"term": {"flag": true}})"), "flag:T");
  EXPECT_EQ(Q(R"({"term": {"flag": "false"}})"), "flag:F");
  // A date term covers the whole precision of the value (ES rounds the
  // upper bound up).
  EXPECT_EQ(Q(R"({"term": {"created": "2024-01-02"}})"),
            "created:[1704153600000 TO 1704239999999]");
  EXPECT_EQ(Q(R"({"term": {"created": "2024-01-02 03:04:05"}})"),
            "created:[1704164645000 TO 1704164645999]");
  EXPECT_EQ(Q(R"({"term": {"ts": 1704153600000}})"), "ts:[1704153600000 TO 1704153600000]");
  auto q = Node(R"({"term": {"addr": "192.168.0.1"}})");
  ASSERT_NE(q, nullptr);
  const auto& t = std::get<TermQuery>(q->node);
  EXPECT_EQ(t.term, Ip("192.168.0.1"));
  EXPECT_EQ(ToString(*q), "addr:192.168.0.1");
  EXPECT_EQ(Q(R"({"term": {"addr": "10.0.0.0/8"}})"), "addr:[10.0.0.0 TO 10.255.255.255]");
}

TEST_F(TermLevelTest, TermOnMetadataAndSpecialFields) {
  EXPECT_EQ(Q(R"({"term": {"_id": "abc"}})"), "_id:(abc)");
  EXPECT_EQ(Q(R"({"term": {"_index": "test"}})"), "*:*");
  EXPECT_EQ(Q(R"({"term": {"_index": "other"}})"),
            "MatchNoDocsQuery(\"The \"_index\" field does not match\")");
  EXPECT_EQ(Q(R"({"term": {"_routing": "r1"}})"), "_routing:r1");
  EXPECT_EQ(Q(R"({"term": {"fixed": "debian"}})"), "*:*");
  EXPECT_EQ(Q(R"({"term": {"fixed": "ubuntu"}})").substr(0, 16), "MatchNoDocsQuery");
  EXPECT_EQ(Q(R"({"term": {"flat.key": "v"}})"), std::string("flat._keyed:key\\x00v"));
  EXPECT_EQ(Q(R"({"term": {"flat": "v"}})"), "flat:v");
  EXPECT_EQ(Q(R"({"term": {"missing": "x"}})"),
            "MatchNoDocsQuery(\"The \"term\" query is against a field that does not exist\")");
}

TEST_F(TermLevelTest, TermStructureErrors) {
  EXPECT_EQ(E(R"({"term": {"a": "x", "b": "y"}})"),
            "parsing_exception: [term] query doesn't support multiple fields, found [a] and [b]");
  EXPECT_EQ(E(R"({"term": {"a": ["x"]}})"),
            "parsing_exception: [term] query does not support array of values");
  EXPECT_EQ(E(R"({"term": {"a": {"value": "x", "foo": 1}}})"),
            "parsing_exception: [term] query does not support [foo]");
  EXPECT_EQ(E(R"({"term": {"a": {"boost": 1}}})"),
            "illegal_argument_exception: value cannot be null");
  EXPECT_EQ(E(R"({"term": {}})"), "illegal_argument_exception: field name is null or empty");
  EXPECT_EQ(E(R"({"term": {"a": {"value": "x", "boost": -1}}})"),
            "illegal_argument_exception: negative [boost] are not allowed.");
  EXPECT_EQ(E(R"({"term": "x"})"),
            "parsing_exception: [term] query malformed, no start_object after query name");
}

TEST_F(TermLevelTest, Terms) {
  EXPECT_EQ(Q(R"({"terms": {"tag": ["B", "a", "b"]}})"), "tag:(a b)");
  EXPECT_EQ(Q(R"({"terms": {"count": [3, 1, 2.5, "2"]}})"), "count:{1 2 3}");
  EXPECT_EQ(Q(R"({"terms": {"count": [2.5]}})"),
            "MatchNoDocsQuery(\"All values have a decimal part\")");
  EXPECT_EQ(Q(R"({"terms": {"_id": ["1", "2"], "boost": 2}})"), "(_id:(1 2))^2.0");
  EXPECT_EQ(Q(R"({"terms": {"flag": [true, "false"]}})"), "flag:(F T)");
  EXPECT_EQ(Q(R"({"terms": {"created": ["2024-01-02"]}})"),
            "ConstantScore(created:[1704153600000 TO 1704239999999])");
  EXPECT_EQ(Q(R"({"terms": {"addr": ["10.0.0.0/8", "1.2.3.4"]}})"),
            "ConstantScore(addr:[10.0.0.0 TO 10.255.255.255] addr:(1.2.3.4))");
  EXPECT_EQ(Q(R"({"terms": {"tag": []}})"),
            "MatchNoDocsQuery(\"No terms supplied for \"terms\" query.\")");
  EXPECT_EQ(Q(R"({"terms": {"_index": ["x", "test"]}})"), "*:*");
  EXPECT_EQ(E(R"({"terms": {"a": ["x"], "b": ["y"]}})"),
            "parsing_exception: [terms] query does not support multiple fields");
  EXPECT_EQ(E(R"({"terms": {"boost": 2}})"),
            "parsing_exception: [terms] query requires a field name, followed by array of terms or "
            "a document lookup specification");
  EXPECT_EQ(E(R"({"terms": {"a": [null]}})"),
            "parsing_exception: No value specified for terms query");
  EXPECT_EQ(E(R"({"terms": {"a": ["x"], "foo": 1}})"),
            "parsing_exception: [terms] query does not support [foo]");
}

TEST_F(TermLevelTest, TermsMaxCountAndLookup) {
  auto settings = schema::IndexSettings::Parse(TestJson(R"({"index.max_terms_count": 2})"));
  ASSERT_TRUE(settings.ok());
  ctx_.settings = &*settings;
  EXPECT_EQ(E(R"({"terms": {"tag": ["a", "b", "c"]}})"),
            "query_shard_exception: failed to create query: The number of terms [3] used in the "
            "Terms Query request has exceeded the allowed maximum of [2]. This maximum can be set "
            "by changing the [index.max_terms_count] index level setting.");
  ctx_.settings = &settings_;
  EXPECT_EQ(E(R"({"terms": {"tag": {"index": "u", "id": "1", "path": "followers"}}})"),
            "illegal_argument_exception: terms lookup is not supported in this context");
  options_.terms_lookup = [](const TermsLookup& l) -> Result<std::vector<json::value>> {
    EXPECT_EQ(l.index, "users");
    EXPECT_EQ(l.id, "u1");
    EXPECT_EQ(l.path, "followers");
    return std::vector<json::value>{json::value("U2"), json::value("u3")};
  };
  EXPECT_EQ(Q(R"({"terms": {"tag": {"index": "users", "id": "u1", "path": "followers"}}})"),
            "tag:(u2 u3)");
  EXPECT_EQ(E(R"({"terms": {"tag": {"index": "users", "id": "u1"}}})"),
            "parsing_exception: [terms] query lookup element requires specifying the path.");
  EXPECT_EQ(E(R"({"terms": {"tag": {"index": "users", "id": "u1", "path": "p", "x": 1}}})"),
            "parsing_exception: [terms] query does not support [x] within lookup element");
}

TEST_F(TermLevelTest, TermsSet) {
  EXPECT_EQ(Q(R"({"terms_set": {"tag": {"terms": ["a", "b", "c"], "minimum_should_match": "2"}}})"),
            "(tag:a tag:b tag:c)~2");
  // Closest node until the tree has a per-document count: one term required.
  EXPECT_EQ(
      Q(R"({"terms_set": {"tag": {"terms": ["a", "b"], "minimum_should_match_field": "n"}}})"),
      "tag:a tag:b");
  EXPECT_EQ(E(R"({"terms_set": {"tag": {"terms": ["a"]}}})").substr(0, 27),
            "illegal_argument_exception:");
  EXPECT_EQ(
      E(R"({"terms_set": {"tag": {"terms": ["a"], "minimum_should_match_script": {"source": "1"}}}})"),
      "illegal_argument_exception: [terms_set] minimum_should_match_script is not supported");
}

TEST_F(TermLevelTest, RangeOnNumbers) {
  EXPECT_EQ(Q(R"({"range": {"count": {"gte": 10, "lte": 20}}})"), "count:[10 TO 20]");
  EXPECT_EQ(Q(R"({"range": {"count": {"gt": 10, "lt": 20}}})"), "count:[11 TO 19]");
  EXPECT_EQ(Q(R"({"range": {"count": {"gt": 1.5, "lt": 5.5}}})"), "count:[2 TO 5]");
  EXPECT_EQ(Q(R"({"range": {"count": {"gte": -1.5, "lte": -0.5}}})"), "count:[-1 TO -1]");
  EXPECT_EQ(Q(R"({"range": {"count": {"gte": 10}}})"), "count:[10 TO *]");
  EXPECT_EQ(Q(R"({"range": {"count": {"from": 1, "to": 5, "include_lower": false}}})"),
            "count:[2 TO 5]");
  EXPECT_EQ(Q(R"({"range": {"count": {"gte": null, "lt": 3}}})"), "count:[* TO 2]");
  EXPECT_EQ(Q(R"({"range": {"count": {"gt": 5, "lt": 5}}})"), "MatchNoDocsQuery(\"empty range\")");
  EXPECT_EQ(Q(R"({"range": {"price": {"gt": 1.0}}})"),
            "price:[" + std::to_string(SortableDouble(1.0) + 1) + " TO *]");
  EXPECT_EQ(Q(R"({"range": {"ratio": {"gte": 0.1}}})"), "ratio:[" + Sortable(0.1f) + " TO *]");
  EXPECT_EQ(Q(R"({"range": {"scaled": {"gte": 1.234, "lt": 2}}})"), "scaled:[124 TO 199]");
  EXPECT_EQ(Q(R"({"range": {"big": {"gte": 0, "lte": "18446744073709551615"}}})"),
            "big:[* TO *]");  // [0, 2^64-1] is every unsigned_long
  EXPECT_EQ(
      E(R"({"range": {"small": {"gte": 1000}}})"),
      "query_shard_exception: failed to create query: Value [1000] is out of range for a byte");
  EXPECT_EQ(E(R"({"range": {"count": {"gte": "abc"}}})"),
            "query_shard_exception: failed to create query: For input string: \"abc\"");
}

TEST_F(TermLevelTest, RangeOnDatesRoundsAsEs) {
  // ES docs: 2014-11-18||/M with each operator.
  EXPECT_EQ(Q(R"({"range": {"ts": {"gt": "2014-11-18||/M"}}})"),
            "ts:[1417392000000 TO *]");  // 2014-12-01
  EXPECT_EQ(Q(R"({"range": {"ts": {"gte": "2014-11-18||/M"}}})"),
            "ts:[1414800000000 TO *]");  // 2014-11-01
  EXPECT_EQ(Q(R"({"range": {"ts": {"lt": "2014-11-18||/M"}}})"),
            "ts:[* TO 1414799999999]");  // 2014-10-31T23:59:59.999
  EXPECT_EQ(Q(R"({"range": {"ts": {"lte": "2014-11-18||/M"}}})"),
            "ts:[* TO 1417391999999]");  // 2014-11-30T23:59:59.999
  // The same table with /d on now (2024-03-15T10:30:45.123Z): gt excludes the
  // whole day, gte starts at its first millisecond, lt ends before it, lte
  // includes all of it.
  EXPECT_EQ(Q(R"({"range": {"ts": {"gt": "now/d"}}})"),
            "ts:[1710547200000 TO *]");  // 2024-03-16T00:00
  EXPECT_EQ(Q(R"({"range": {"ts": {"gte": "now/d"}}})"),
            "ts:[1710460800000 TO *]");  // 2024-03-15T00:00
  EXPECT_EQ(Q(R"({"range": {"ts": {"lt": "now/d"}}})"),
            "ts:[* TO 1710460799999]");  // 2024-03-14T23:59:59.999
  EXPECT_EQ(Q(R"({"range": {"ts": {"lte": "now/d"}}})"),
            "ts:[* TO 1710547199999]");  // 2024-03-15T23:59:59.999
  // now-1d/d .. now/d (now = 2024-03-15T10:30:45.123Z)
  EXPECT_EQ(Q(R"({"range": {"ts": {"gte": "now-1d/d", "lt": "now/d"}}})"),
            "ts:[1710374400000 TO 1710460799999]");
  // Date-only upper bounds include the whole day.
  EXPECT_EQ(Q(R"({"range": {"created": {"gte": "2024-01-01", "lte": "2024-01-31"}}})"),
            "created:[1704067200000 TO 1706745599999]");
  EXPECT_EQ(Q(R"({"range": {"created": {"gt": "2024-01-01"}}})"), "created:[1704153600000 TO *]");
  // format and time_zone.
  EXPECT_EQ(Q(R"({"range": {"ts": {"gte": "01/02/2024", "format": "dd/MM/yyyy"}}})"),
            "ts:[1706745600000 TO *]");
  EXPECT_EQ(Q(R"({"range": {"ts": {"gte": "2024-01-01", "time_zone": "+01:00"}}})"),
            "ts:[1704063600000 TO *]");
  EXPECT_EQ(Q(R"({"range": {"ts": {"gte": "2024-01-01T00:00:00Z", "time_zone": "+01:00"}}})"),
            "ts:[1704067200000 TO *]");
  EXPECT_EQ(Q(R"({"range": {"nanos": {"gte": "2024-01-01T00:00:00.000000001Z"}}})"),
            "nanos:[1704067200000000001 TO *]");
  EXPECT_EQ(Q(R"({"range": {"nanos": {"gte": "1960-01-01"}}})"), "nanos:[0 TO *]");
  std::string bad = E(R"({"range": {"ts": {"gte": "yesterday"}}})");
  EXPECT_EQ(
      bad.rfind(
          "query_shard_exception: failed to create query: failed to parse date field [yesterday]",
          0),
      0u)
      << bad;
  EXPECT_EQ(
      E(R"({"range": {"count": {"gte": 1, "time_zone": "+01:00"}}})"),
      "query_shard_exception: [range] time_zone can not be applied to non date field [count]");
  EXPECT_EQ(E(R"({"range": {"ts": {"gte": 1, "time_zone": "Mars/Base"}}})").substr(0, 50),
            "illegal_argument_exception: Unknown time-zone ID: ");
}

TEST_F(TermLevelTest, RangeOnStringsIpsAndBooleans) {
  EXPECT_EQ(Q(R"({"range": {"tag": {"gte": "A", "lt": "C"}}})"), "tag:[a TO c}");
  EXPECT_EQ(Q(R"({"range": {"title": {"gt": "a"}}})"), "title:{a TO *]");
  EXPECT_EQ(Q(R"({"range": {"addr": {"gte": "10.0.0.0", "lt": "10.0.1.0"}}})"),
            "addr:[10.0.0.0 TO 10.0.0.255]");
  EXPECT_EQ(Q(R"({"range": {"flag": {"gte": false}}})"), "flag:[F TO *]");
  EXPECT_EQ(Q(R"({"range": {"_index": {"gte": "a", "lte": "z"}}})"), "*:*");
  EXPECT_EQ(Q(R"({"range": {"missing": {"gte": 1}}})"),
            "MatchNoDocsQuery(\"The \"range\" query is against a field that does not exist\")");
  ctx_.allow_expensive_queries = false;
  EXPECT_EQ(E(R"({"range": {"tag": {"gte": "a"}}})"),
            "query_shard_exception: failed to create query: [range] queries on [text] or [keyword] "
            "fields cannot be executed when 'search.allow_expensive_queries' is set to false.");
  EXPECT_EQ(Q(R"({"range": {"count": {"gte": 1}}})"), "count:[1 TO *]");
}

TEST_F(TermLevelTest, RangeStructureErrors) {
  EXPECT_EQ(E(R"({"range": {"count": {"gte": 1, "foo": 2}}})"),
            "parsing_exception: [range] query does not support [foo]");
  EXPECT_EQ(E(R"({"range": {"a": {"gte": 1}, "b": {"gte": 1}}})"),
            "parsing_exception: [range] query doesn't support multiple fields, found [a] and [b]");
  EXPECT_EQ(E(R"({"range": {"count": 5}})"),
            "parsing_exception: [range] query does not support [count]");
  EXPECT_EQ(E(R"({"range": {"count": {"gte": 1, "relation": "disjoint"}}})"),
            "illegal_argument_exception: [range] query does not support relation [disjoint]");
  EXPECT_EQ(E(R"({"range": {"count": {"gte": 1, "relation": "foo"}}})"),
            "illegal_argument_exception: foo is not a valid relation");
}

TEST_F(TermLevelTest, Exists) {
  EXPECT_EQ(Q(R"({"exists": {"field": "title"}})"), "FieldExistsQuery [field=title]");
  EXPECT_EQ(Q(R"({"exists": {"field": "user"}})"),
            "FieldExistsQuery [field=user.age] | FieldExistsQuery [field=user.name]");
  EXPECT_EQ(Q(R"({"exists": {"field": "tit*"}})"),
            "FieldExistsQuery [field=title] | FieldExistsQuery [field=title.raw]");
  EXPECT_EQ(Q(R"({"exists": {"field": "nothing"}})"),
            "MatchNoDocsQuery(\"User requested \"match_none\" query.\")");
  EXPECT_EQ(Q(R"({"exists": {"field": "_id"}})"), "*:*");
  EXPECT_EQ(E(R"({"exists": {}})"), "parsing_exception: [exists] must be provided with a [field]");
  EXPECT_EQ(E(R"({"exists": {"field": "a", "x": 1}})"),
            "parsing_exception: [exists] query does not support [x]");
}

TEST_F(TermLevelTest, Ids) {
  EXPECT_EQ(Q(R"({"ids": {"values": ["1", 2]}})"), "_id:(1 2)");
  EXPECT_EQ(Q(R"({"ids": {"values": []}})"), "MatchNoDocsQuery(\"Missing ids in \"ids\" query.\")");
  EXPECT_EQ(E(R"({"ids": {"values": ["1"], "type": "x"}})"),
            "x_content_parse_exception: [ids] unknown field [type]");
  EXPECT_EQ(E(R"({"ids": {"valuez": ["1"]}})"),
            "x_content_parse_exception: [ids] unknown field [valuez] did you mean [values]?");
}

TEST_F(TermLevelTest, PrefixWildcardRegexpFuzzy) {
  EXPECT_EQ(Q(R"({"prefix": {"tag": "AB"}})"), "tag:ab*");
  EXPECT_EQ(Q(R"({"prefix": {"title": {"value": "Qu", "case_insensitive": true}}})"),
            "CaseInsensitive(title:Qu*)");
  EXPECT_EQ(Q(R"({"prefix": {"_index": "te"}})"), "*:*");
  EXPECT_EQ(Q(R"({"wildcard": {"tag": {"value": "K?M*Y"}}})"), "tag:k?m*y");
  EXPECT_EQ(Q(R"({"wildcard": {"title": {"wildcard": "Ki*"}}})"), "title:Ki*");
  EXPECT_EQ(Q(R"({"wildcard": {"_index": "t*t"}})"), "*:*");
  EXPECT_EQ(Q(R"({"regexp": {"code": {"value": "ab.*", "flags": "INTERSECTION|COMPLEMENT"}}})"),
            "code:/ab.*/");
  EXPECT_EQ(
      std::get<RegexpQuery>(Node(R"({"regexp": {"code": {"value": "a", "flags": "NONE"}}})")->node)
          .flags,
      0);
  EXPECT_EQ(Q(R"({"regexp": {"_index": "te.t"}})"), "*:*");
  EXPECT_EQ(Q(R"({"fuzzy": {"title": "quikc"}})"), "title:quikc~1");  // AUTO: 5 code points
  EXPECT_EQ(Q(R"({"fuzzy": {"title": "quikcly"}})"), "title:quikcly~2");
  EXPECT_EQ(Q(R"({"fuzzy": {"title": {"value": "abcd", "fuzziness": "AUTO"}}})"), "title:abcd~1");
  EXPECT_EQ(Q(R"({"fuzzy": {"title": {"value": "ab"}}})"), "title:ab");
  EXPECT_EQ(Q(R"({"fuzzy": {"tag": {"value": "ABCDE", "fuzziness": 1, "prefix_length": 2}}})"),
            "tag:abcde~1");
  const auto& f = std::get<FuzzyQuery>(
      Node(
          R"({"fuzzy": {"title": {"value": "abcdef", "prefix_length": 1, "max_expansions": 5, "transpositions": false}}})")
          ->node);
  EXPECT_EQ(f.prefix_length, 1);
  EXPECT_EQ(f.max_expansions, 5);
  EXPECT_FALSE(f.transpositions);
}

TEST_F(TermLevelTest, RewriteMethodsAreValidated) {
  EXPECT_EQ(Q(R"({"prefix": {"tag": {"value": "a", "rewrite": "top_terms_10"}}})"), "tag:a*");
  EXPECT_EQ(Q(R"({"wildcard": {"tag": {"value": "a*", "rewrite": "constant_score_blended"}}})"),
            "tag:a*");
  EXPECT_EQ(E(R"({"regexp": {"tag": {"value": "a", "rewrite": "fastest"}}})"),
            "illegal_argument_exception: Failed to parse rewrite_method [fastest]");
  EXPECT_EQ(E(R"({"match": {"body": {"query": "a", "fuzzy_rewrite": "top_terms_x"}}})"),
            "illegal_argument_exception: Failed to parse rewrite_method [top_terms_x]");
}

TEST_F(TermLevelTest, MultiTermQueriesOnWrongFieldTypes) {
  EXPECT_EQ(
      E(R"({"prefix": {"count": "1"}})"),
      "query_shard_exception: Can only use prefix queries on keyword, text and wildcard fields - "
      "not on [count] which is of type [long]");
  EXPECT_EQ(E(R"({"wildcard": {"count": "1*"}})"),
            "query_shard_exception: Can only use wildcard queries on keyword, text and wildcard "
            "fields - not on [count] which is of type [long]");
  EXPECT_EQ(
      E(R"({"regexp": {"ts": "1.*"}})"),
      "query_shard_exception: Can only use regexp queries on keyword and text fields - not on "
      "[ts] which is of type [date]");
  EXPECT_EQ(E(R"({"fuzzy": {"addr": "1.2.3.4"}})"),
            "query_shard_exception: Can only use fuzzy queries on keyword and text fields - not on "
            "[addr] which is of type [ip]");
}

TEST_F(TermLevelTest, RegexpErrors) {
  std::string long_regex(1110, 'a');
  EXPECT_EQ(E(R"({"regexp": {"code": ")" + long_regex + R"("}})"),
            "query_shard_exception: failed to create query: The length of regex [1110] used in the "
            "Regexp Query request has exceeded the allowed maximum of [1000]. This maximum can be "
            "set by changing the [index.max_regex_length] index level setting.");
  EXPECT_EQ(E(R"({"regexp": {"code": "ab(c"}})"),
            "query_shard_exception: failed to create query: expected ')' at position 4");
  std::string st =
      E(R"({"regexp": {"code": {"value": "[ab]*a[ab]{20}", "max_determinized_states": 1000}}})");
  EXPECT_NE(st.find("would result in more than 1000 states."), std::string::npos) << st;
  EXPECT_EQ(E(R"({"regexp": {"code": {"value": "a", "flags": "BOGUS"}}})"),
            "illegal_argument_exception: Unknown regexp flag [BOGUS]");
}

TEST_F(TermLevelTest, ExpensiveQueriesDisabled) {
  ctx_.allow_expensive_queries = false;
  EXPECT_EQ(E(R"({"wildcard": {"tag": "a*"}})"),
            "query_shard_exception: failed to create query: [wildcard] queries cannot be executed "
            "when 'search.allow_expensive_queries' is set to false.");
  EXPECT_EQ(
      E(R"({"prefix": {"tag": "a"}})"),
      "query_shard_exception: failed to create query: [prefix] queries cannot be executed when "
      "'search.allow_expensive_queries' is set to false. For optimised prefix queries on text "
      "fields please enable [index_prefixes].");
  EXPECT_EQ(E(R"({"fuzzy": {"tag": "abc"}})").substr(0, 70),
            "query_shard_exception: failed to create query: [fuzzy] queries cannot ");
  EXPECT_EQ(Q(R"({"term": {"tag": "a"}})"), "tag:a");
}

}  // namespace
}  // namespace quiver::query::dsl
