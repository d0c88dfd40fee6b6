#include "schema/document_parser.h"

#include <gtest/gtest.h>

#include <cmath>

#include "schema/geo_point.h"
#include "schema/ip_address.h"

namespace quiver::schema {
namespace {

json::value J(std::string_view text) {
  auto v = ParseJson(text);
  EXPECT_TRUE(v.ok()) << text;
  return v.ok() ? *v : json::value();
}

class DocumentParserTest : public ::testing::Test {
 protected:
  void SetMapping(std::string_view mapping_json) {
    auto m = Mapping::Parse(J(mapping_json), ctx_);
    ASSERT_TRUE(m.ok()) << m.status().ToString();
    mapping_ = *m;
  }
  void SetSettings(std::string_view settings_json) {
    auto s = IndexSettings::Parse(J(settings_json));
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    settings_ = *s;
  }
  Result<ParsedDocument> Parse(std::string_view source, std::string_view id = "1") {
    DocumentParseRequest req;
    req.mapping = mapping_;
    req.context = &ctx_;
    req.index = "test";
    req.id = id;
    req.source = source;
    return ParseDocument(req);
  }
  ParsedDocument ParseOk(std::string_view source) {
    auto r = Parse(source);
    EXPECT_TRUE(r.ok()) << source << " -> " << r.status().ToString();
    return r.ok() ? std::move(*r) : ParsedDocument();
  }
  // Parses and adopts the resulting mapping (as the engine would).
  ParsedDocument ParseAndAdopt(std::string_view source) {
    ParsedDocument d = ParseOk(source);
    if (d.mapping) mapping_ = d.mapping;
    return d;
  }
  Status Error(std::string_view source) {
    auto r = Parse(source);
    EXPECT_FALSE(r.ok()) << source;
    return r.ok() ? Status::Ok() : r.status();
  }
  static std::vector<const FieldValue*> Values(const ParsedDocument& d, std::string_view path) {
    std::vector<const FieldValue*> out;
    for (const FieldValue& v : d.fields) {
      if (v.field->full_path() == path) out.push_back(&v);
    }
    return out;
  }
  std::string MappingJson() const { return ToJson(mapping_->ToJson()); }

  IndexSettings settings_;
  MappingContext ctx_{&settings_, nullptr, nullptr};
  std::shared_ptr<const Mapping> mapping_ = Mapping::Empty();
};

TEST_F(DocumentParserTest, MappedScalarsConvert) {
  SetMapping(R"({"properties":{"t":{"type":"text"},"k":{"type":"keyword"},"l":{"type":"long"},
      "i":{"type":"integer"},"d":{"type":"double"},"f":{"type":"float"},"h":{"type":"half_float"},
      "s":{"type":"scaled_float","scaling_factor":100},"u":{"type":"unsigned_long"},
      "b":{"type":"boolean"},"dt":{"type":"date"},"ip":{"type":"ip"},"bin":{"type":"binary"}}})");
  ParsedDocument d = ParseOk(R"({"t":"Hello World","k":"x","l":"42","i":7.9,"d":1.5,
      "f":0.1,"h":0.1,"s":1.234,"u":18446744073709551615,"b":"false","dt":"2015-01-01",
      "ip":"10.0.0.1","bin":"aGVsbG8="})");
  EXPECT_FALSE(d.dynamic_update());
  EXPECT_EQ(Values(d, "t")[0]->str, "Hello World");
  EXPECT_EQ(Values(d, "l")[0]->i64, 42);
  EXPECT_EQ(Values(d, "i")[0]->i64, 7);
  EXPECT_EQ(Values(d, "d")[0]->f64, 1.5);
  EXPECT_EQ(Values(d, "f")[0]->f64, static_cast<double>(0.1f));
  EXPECT_EQ(Values(d, "h")[0]->f64, 0.0999755859375);
  EXPECT_EQ(Values(d, "s")[0]->i64, 123);
  EXPECT_EQ(Values(d, "u")[0]->i64, INT64_MAX);
  EXPECT_EQ(Values(d, "b")[0]->i64, 0);
  EXPECT_EQ(Values(d, "dt")[0]->i64, 1420070400000);
  EXPECT_EQ(Values(d, "ip")[0]->str, std::string(IpBytesView(*ParseIp("10.0.0.1"))));
  EXPECT_EQ(Values(d, "bin")[0]->str, "hello");
  EXPECT_EQ(d.source, R"({"t":"Hello World","k":"x","l":"42","i":7.9,"d":1.5,
      "f":0.1,"h":0.1,"s":1.234,"u":18446744073709551615,"b":"false","dt":"2015-01-01",
      "ip":"10.0.0.1","bin":"aGVsbG8="})");
  EXPECT_EQ(d.id, "1");
}

TEST_F(DocumentParserTest, WrongValueForFieldMatchesEs) {
  SetMapping(R"({"properties":{"age":{"type":"long"}}})");
  Status s = Error(R"({"age":"abc"})");
  EXPECT_EQ(s.type(), "document_parsing_exception");
  EXPECT_EQ(s.http_status(), 400);
  EXPECT_EQ(s.message(),
            "[1:8] failed to parse field [age] of type [long] in document with id '1'. Preview "
            "of field's value: 'abc'");
  ASSERT_NE(s.caused_by(), nullptr);
  EXPECT_EQ(s.caused_by()->message(), "For input string: \"abc\"");
}

TEST_F(DocumentParserTest, IntegerRangesPerType) {
  SetMapping(R"({"properties":{"b":{"type":"byte"},"s":{"type":"short"},"i":{"type":"integer"},
      "l":{"type":"long"}}})");
  EXPECT_EQ(Error(R"({"b":128})").caused_by()->message(), "Value [128] is out of range for a byte");
  EXPECT_EQ(Error(R"({"s":40000})").caused_by()->message(),
            "Value [40000] is out of range for a short");
  EXPECT_EQ(Error(R"({"i":3000000000})").caused_by()->message(),
            "Value [3000000000] is out of range for an integer");
  EXPECT_EQ(Error(R"({"l":9223372036854775808})").caused_by()->message(),
            "Value [9223372036854775808] is out of range for a long");
  EXPECT_EQ(Error(R"({"l":123456789012345678901234567890})").caused_by()->message(),
            "Value [123456789012345678901234567890] is out of range for a long");
  EXPECT_EQ(Values(ParseOk(R"({"b":-128,"s":"-7","l":-9223372036854775808})"), "l")[0]->i64,
            INT64_MIN);
}

TEST_F(DocumentParserTest, CoerceFalseRejectsStringsAndFractions) {
  SetMapping(R"({"properties":{"l":{"type":"long","coerce":false},"f":{"type":"float",
      "coerce":false}}})");
  EXPECT_EQ(Error(R"({"l":"1"})").caused_by()->message(), "Long value passed as String");
  EXPECT_EQ(Error(R"({"l":1.5})").caused_by()->message(),
            "1.5 cannot be converted to Long without data loss");
  EXPECT_EQ(Error(R"({"f":"1.5"})").caused_by()->message(), "Float value passed as String");
  EXPECT_EQ(Values(ParseOk(R"({"l":2.0})"), "l")[0]->i64, 2);
}

TEST_F(DocumentParserTest, BooleansFollowEs8) {
  SetMapping(R"({"properties":{"b":{"type":"boolean"}}})");
  EXPECT_EQ(Values(ParseOk(R"({"b":true})"), "b")[0]->i64, 1);
  EXPECT_EQ(Values(ParseOk(R"({"b":"true"})"), "b")[0]->i64, 1);
  EXPECT_EQ(Values(ParseOk(R"({"b":""})"), "b")[0]->i64, 0);
  EXPECT_EQ(Error(R"({"b":"yes"})").caused_by()->message(),
            "Failed to parse value [yes] as only [true] or [false] are allowed.");
  EXPECT_FALSE(Parse(R"({"b":1})").ok());
}

TEST_F(DocumentParserTest, NullValueAndIgnoreMalformed) {
  SetMapping(R"({"properties":{"k":{"type":"keyword","null_value":"NULL"},
      "n":{"type":"integer","ignore_malformed":true},"d":{"type":"date","ignore_malformed":true}}})");
  ParsedDocument d = ParseOk(R"({"k":null,"n":"abc","d":"not a date"})");
  ASSERT_EQ(Values(d, "k").size(), 1u);
  EXPECT_EQ(Values(d, "k")[0]->str, "NULL");
  EXPECT_TRUE(Values(d, "n").empty());
  EXPECT_EQ(d.ignored_fields, (std::vector<std::string>{"d", "n"}));
  EXPECT_TRUE(Values(ParseOk(R"({"k":[null, "a"]})"), "k").size() == 2);
}

TEST_F(DocumentParserTest, IgnoreAboveSkipsIndexingButKeepsSource) {
  SetMapping(R"({"properties":{"k":{"type":"keyword","ignore_above":3}}})");
  ParsedDocument d = ParseOk(R"({"k":["abc","abcd","\u00e9\u00e9\u00e9"]})");
  ASSERT_EQ(Values(d, "k").size(), 2u);
  EXPECT_EQ(d.ignored_fields, std::vector<std::string>{"k"});
  EXPECT_NE(d.source.find("abcd"), std::string::npos);
}

TEST_F(DocumentParserTest, ArraysFlattenAndNullsSkip) {
  SetMapping(R"({"properties":{"l":{"type":"long"}}})");
  ParsedDocument d = ParseOk(R"({"l":[1,[2,[3]],null,4]})");
  ASSERT_EQ(Values(d, "l").size(), 4u);
  EXPECT_EQ(Values(d, "l")[2]->i64, 3);
}

TEST_F(DocumentParserTest, MultiFieldsAndCopyTo) {
  SetMapping(R"({"properties":{"title":{"type":"text","fields":{"raw":{"type":"keyword"}},
      "copy_to":["all","meta.titles"]},"all":{"type":"text"}}})");
  ParsedDocument d = ParseOk(R"({"title":"Quick Fox"})");
  EXPECT_EQ(Values(d, "title").size(), 1u);
  EXPECT_EQ(Values(d, "title.raw")[0]->str, "Quick Fox");
  EXPECT_EQ(Values(d, "all")[0]->str, "Quick Fox");
  // The missing copy_to target is mapped dynamically.
  EXPECT_TRUE(d.dynamic_update());
  ASSERT_NE(d.mapping->FindField("meta.titles"), nullptr);
  EXPECT_EQ(Values(d, "meta.titles")[0]->str, "Quick Fox");
  EXPECT_EQ(Values(d, "meta.titles")[0]->field, d.mapping->FindField("meta.titles"));
}

TEST_F(DocumentParserTest, DynamicMappingDefaults) {
  ParsedDocument d = ParseAndAdopt(
      R"({"s":"text here","n":5,"f":1.5,"b":true,"z":null,"dt":"2015-01-01T12:10:30Z",
          "slash":"2015/09/02","num_str":"42","o":{"x":1},"arr":[null,3]})");
  EXPECT_TRUE(d.dynamic_update());
  EXPECT_EQ(
      MappingJson(),
      R"({"properties":{"arr":{"type":"long"},"b":{"type":"boolean"},)"
      R"("dt":{"type":"date"},)"
      R"("f":{"type":"float"},"n":{"type":"long"},)"
      R"("num_str":{"type":"text","fields":{"keyword":{"type":"keyword","ignore_above":256}}},)"
      R"("o":{"properties":{"x":{"type":"long"}}},)"
      R"("s":{"type":"text","fields":{"keyword":{"type":"keyword","ignore_above":256}}},)"
      R"("slash":{"type":"date","format":"yyyy/MM/dd HH:mm:ss||yyyy/MM/dd||epoch_millis"}}})");
  EXPECT_EQ(Values(d, "s.keyword")[0]->str, "text here");
  EXPECT_EQ(Values(d, "o.x")[0]->i64, 1);
  EXPECT_EQ(Values(d, "dt")[0]->i64, 1420114230000);
  EXPECT_EQ(d.base_mapping, Mapping::Empty());
  for (const FieldValue& v : d.fields)
    EXPECT_EQ(d.mapping->FindField(v.field->full_path()), v.field);
  // A second document with the same fields adds nothing.
  ParsedDocument again = ParseOk(R"({"s":"x","n":6,"o":{"x":2}})");
  EXPECT_FALSE(again.dynamic_update());
}

TEST_F(DocumentParserTest, DynamicTypeStaysFromFirstValue) {
  ParsedDocument d = ParseAndAdopt(R"({"v":[1, 2.5]})");
  EXPECT_EQ(d.mapping->FindField("v")->type(), FieldType::kLong);
  EXPECT_EQ(Values(d, "v")[1]->i64, 2);
}

TEST_F(DocumentParserTest, NumericAndDateDetection) {
  SetMapping(R"({"numeric_detection":true,"date_detection":false})");
  ParsedDocument d = ParseOk(R"({"a":"42","b":"1.5","c":"2015-01-01"})");
  EXPECT_EQ(d.mapping->FindField("a")->type(), FieldType::kLong);
  EXPECT_EQ(d.mapping->FindField("b")->type(), FieldType::kFloat);
  EXPECT_EQ(d.mapping->FindField("c")->type(), FieldType::kText);
  SetMapping(R"({"dynamic_date_formats":["MM/dd/yyyy"]})");
  ParsedDocument e = ParseOk(R"({"d":"01/02/2015","e":"2015-01-02"})");
  EXPECT_EQ(e.mapping->FindField("d")->type(), FieldType::kDate);
  EXPECT_EQ(e.mapping->FindField("d")->date().format.spec(), "MM/dd/yyyy");
  EXPECT_EQ(e.mapping->FindField("e")->type(), FieldType::kText);
}

TEST_F(DocumentParserTest, DynamicTemplatesApplyFirst) {
  SetMapping(R"({"dynamic_templates":[
      {"ints":{"match_mapping_type":"long","mapping":{"type":"integer"}}},
      {"strings_kw":{"match_mapping_type":"string","unmatch":"*_text","mapping":{"type":"keyword"}}},
      {"named":{"path_match":"meta.*","mapping":{"type":"{dynamic_type}","index":false,
                                                 "meta":{"from":"{name}"}}}}]})");
  ParsedDocument d = ParseOk(R"({"count":3,"tag":"a","body_text":"hello","meta":{"x":1.5}})");
  EXPECT_EQ(d.mapping->FindField("count")->type(), FieldType::kInteger);
  EXPECT_EQ(d.mapping->FindField("tag")->type(), FieldType::kKeyword);
  EXPECT_EQ(d.mapping->FindField("body_text")->type(), FieldType::kText);
  const FieldMapper* x = d.mapping->FindField("meta.x");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->type(), FieldType::kFloat);
  EXPECT_FALSE(x->indexed());
  EXPECT_EQ(ToJson(x->meta()), R"({"from":"x"})");
}

TEST_F(DocumentParserTest, RegexTemplatesAndObjects) {
  SetMapping(R"({"dynamic_templates":[{"r":{"match_pattern":"regex","match":"^num_\\d+$",
      "mapping":{"type":"keyword"}}},{"objs":{"match_mapping_type":"object","match":"raw",
      "mapping":{"type":"object","enabled":false}}}]})");
  ParsedDocument d = ParseOk(R"({"num_1":5,"num_x":5,"raw":{"a":{"b":1}}})");
  EXPECT_EQ(d.mapping->FindField("num_1")->type(), FieldType::kKeyword);
  EXPECT_EQ(d.mapping->FindField("num_x")->type(), FieldType::kLong);
  ASSERT_NE(d.mapping->FindObject("raw"), nullptr);
  EXPECT_FALSE(d.mapping->FindObject("raw")->enabled());
  EXPECT_EQ(d.mapping->FindField("raw.a.b"), nullptr);
}

TEST_F(DocumentParserTest, StrictDynamicRejects) {
  SetMapping(R"({"dynamic":"strict","properties":{"a":{"type":"keyword"},
      "o":{"dynamic":true,"properties":{}}}})");
  Status s = Error(R"({"a":"x","foo":1})");
  EXPECT_EQ(s.type(), "strict_dynamic_mapping_exception");
  EXPECT_EQ(s.message(),
            "[1:16] mapping set to strict, dynamic introduction of [foo] within [_doc] is not "
            "allowed");
  EXPECT_EQ(Error(R"({"nothing":null})").type(), "strict_dynamic_mapping_exception");
  ParsedDocument d = ParseOk(R"({"o":{"free":1}})");
  EXPECT_NE(d.mapping->FindField("o.free"), nullptr);
  SetMapping(R"({"properties":{"o":{"dynamic":"strict","properties":{"p":{"type":"long"}}}}})");
  EXPECT_EQ(Error(R"({"o":{"q":1}})").message(),
            "[1:11] mapping set to strict, dynamic introduction of [q] within [o] is not allowed");
}

TEST_F(DocumentParserTest, DynamicFalseKeepsSourceOnly) {
  SetMapping(R"({"dynamic":false,"properties":{"a":{"type":"keyword"}}})");
  ParsedDocument d = ParseOk(R"({"a":"x","b":{"c":[1,2]},"d":"y"})");
  EXPECT_FALSE(d.dynamic_update());
  EXPECT_EQ(d.fields.size(), 1u);
  EXPECT_EQ(d.source, R"({"a":"x","b":{"c":[1,2]},"d":"y"})");
}

TEST_F(DocumentParserTest, DynamicRuntimeAddsRuntimeFields) {
  SetMapping(R"({"dynamic":"runtime"})");
  ParsedDocument d = ParseOk(R"({"a":"x","o":{"n":1}})");
  EXPECT_TRUE(d.dynamic_update());
  EXPECT_TRUE(d.fields.empty());
  EXPECT_EQ(ToJson(d.mapping->ToJson()),
            R"({"dynamic":"runtime","runtime":{"a":{"type":"keyword"},"o.n":{"type":"long"}}})");
}

TEST_F(DocumentParserTest, ObjectLeafMismatches) {
  SetMapping(R"({"properties":{"a":{"properties":{"b":{"type":"long"}}},"k":{"type":"keyword"}}})");
  EXPECT_EQ(Error(R"({"a":"x"})").message(),
            "[1:6] object mapping for [a] tried to parse field [a] as object, but found a "
            "concrete value");
  EXPECT_EQ(Error(R"({"a":[{"b":1},2]})").message(),
            "[1:15] object mapping for [a] tried to parse field [a] as object, but found a "
            "concrete value");
  Status s = Error(R"({"k":{"x":1,"y":[1,2]}})");
  EXPECT_EQ(s.message(),
            "[1:6] failed to parse field [k] of type [keyword] in document with id '1'. Preview "
            "of field's value: '{x=1, y=[1, 2]}'");
  ParsedDocument d = ParseOk(R"({"a":[{"b":1},{"b":2},null]})");
  EXPECT_EQ(Values(d, "a.b").size(), 2u);
}

TEST_F(DocumentParserTest, DottedFieldNames) {
  SetMapping(R"({"properties":{"user":{"properties":{"name":{"type":"keyword"}}}}})");
  ParsedDocument d = ParseOk(R"({"user.name":"a","user":{"name":"b"},"x.y.z":1})");
  EXPECT_EQ(Values(d, "user.name").size(), 2u);
  EXPECT_EQ(d.mapping->FindField("x.y.z")->type(), FieldType::kLong);
  EXPECT_NE(d.mapping->FindObject("x.y"), nullptr);
  EXPECT_EQ(Error(R"({"a.":1})").message(),
            "[1:7] failed to parse: object field starting or ending with a [.] makes object "
            "resolution ambiguous: [a.]");
  EXPECT_EQ(Error(R"({"...":1})").message(),
            "[1:8] failed to parse: object field starting or ending with a [.] makes object "
            "resolution ambiguous: [...]");
  EXPECT_EQ(Error(R"({"":1})").message(),
            "[1:5] failed to parse: field name cannot be an empty string");
  EXPECT_EQ(Error(R"({"  ":1})").message(),
            "[1:7] Field name cannot contain only whitespace: [  ]");
  EXPECT_EQ(Error(R"({"user.name.first":1})").message(),
            "[1:20] failed to parse: Could not dynamically add mapping for field "
            "[user.name.first]. Existing mapping for [user.name] must be of type object but found "
            "[keyword].");
}

TEST_F(DocumentParserTest, MetadataFieldsRejected) {
  Status s = Error(R"({"_id":"x"})");
  EXPECT_EQ(s.type(), "document_parsing_exception");
  EXPECT_EQ(s.message(),
            "[1:8] Field [_id] is a metadata field and cannot be added inside a document. Use the "
            "index API request parameters.");
  EXPECT_TRUE(Parse(R"({"o":{"_id":"x"}})").ok());
}

TEST_F(DocumentParserTest, MalformedJsonFails) {
  for (std::string_view bad : {R"({"a":)", R"({"a":1)", R"({"a":tru})", R"({"a" 1})", "{", "}",
                               R"({"a":1}x)", R"({"a":"\x"})", R"({"a":01})", R"({'a':1})"}) {
    auto r = Parse(bad);
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_EQ(r.status().type(), "document_parsing_exception") << bad;
    }
  }
  Status trailing = Error(R"({"a":1} {"b":2})");
  EXPECT_EQ(trailing.message(),
            "[1:9] failed to parse: Malformed content, found extra data after parsing: "
            "START_OBJECT");
}

TEST_F(DocumentParserTest, RootMustBeObject) {
  EXPECT_EQ(Error("[1,2]").message(), "[1:1] Malformed content, must start with an object");
  EXPECT_EQ(Error("  42").message(), "[1:3] Malformed content, must start with an object");
  EXPECT_EQ(Error("   ").message(), "failed to parse, document is empty");
}

TEST_F(DocumentParserTest, InvalidUtf8Rejected) {
  std::string doc = "{\"a\":\"\xff\xfe\"}";
  EXPECT_EQ(Error(doc).type(), "document_parsing_exception");
  std::string in_skipped = "{\"a\":{\"b\":\"\xc3\x28\"}}";
  SetMapping(R"({"dynamic":false})");
  EXPECT_FALSE(Parse(in_skipped).ok());
}

TEST_F(DocumentParserTest, DuplicateKeysRejectedEverywhere) {
  Status s = Error(R"({"a":1,"a":2})");
  EXPECT_EQ(s.message(), "[1:9] failed to parse: Duplicate field 'a'");
  SetMapping(R"({"dynamic":false})");
  EXPECT_FALSE(Parse(R"({"x":{"b":1,"b":2}})").ok());
}

TEST_F(DocumentParserTest, InvalidContentInsideIgnoredObjectsIsStillAnError) {
  SetMapping(R"({"properties":{"off":{"type":"object","enabled":false}}})");
  EXPECT_TRUE(Parse(R"({"off":{"x":[1,{"y":null}]}})").ok());
  EXPECT_FALSE(Parse(R"({"off":{"x":tru}})").ok());
  EXPECT_FALSE(Parse(R"({"off":{"x":1,}})").ok());
}

TEST_F(DocumentParserTest, DeepNestingFailsCleanly) {
  std::string deep(100000, '[');
  deep = "{\"a\":" + deep;
  Status s = Error(deep);
  EXPECT_EQ(s.type(), "document_parsing_exception");
  std::string objects;
  for (int i = 0; i < 100000; ++i) objects += "{\"a\":";
  EXPECT_FALSE(Parse(objects).ok());
  SetMapping(R"({"dynamic":false})");
  std::string balanced = "{\"a\":" + std::string(5000, '[') + std::string(5000, ']') + "}";
  EXPECT_FALSE(Parse(balanced).ok());
}

TEST_F(DocumentParserTest, TruncatedInputFails) {
  const std::string full = R"({"a":{"b":[1,2,{"c":"d"}]},"e":"f"})";
  for (size_t n = 1; n < full.size(); ++n) {
    EXPECT_FALSE(Parse(full.substr(0, n)).ok()) << full.substr(0, n);
  }
}

TEST_F(DocumentParserTest, HugeNumbers) {
  // Integers beyond 64 bits are mapped as long and then fail its range check.
  EXPECT_EQ(Error(R"({"big":123456789012345678901234567890})").caused_by()->message(),
            "Value [123456789012345678901234567890] is out of range for a long");
  EXPECT_EQ(Error(R"({"u":18446744073709551615})").caused_by()->message(),
            "Value [18446744073709551615] is out of range for a long");
  EXPECT_EQ(ParseOk(R"({"big":1.5e30})").mapping->FindField("big")->type(), FieldType::kFloat);
  // Jackson reads 1e400 as Infinity, which float fields refuse.
  EXPECT_FALSE(Parse(R"({"e":1e400})").ok());
  SetMapping(R"({"properties":{"d":{"type":"double"}}})");
  EXPECT_EQ(Error(R"({"d":1e400})").caused_by()->message(),
            "[double] supports only finite values, but got [1e400]");
}

TEST_F(DocumentParserTest, TotalFieldsLimitOnDynamicFields) {
  SetSettings(R"({"mapping.total_fields.limit":5})");
  SetMapping(R"({"properties":{"a":{"type":"keyword"}}})");
  Status s = Error(R"({"b":1,"c":2,"d":3,"e":4,"f":5})");
  EXPECT_EQ(s.type(), "document_parsing_exception");
  EXPECT_EQ(s.message(),
            "[1:30] failed to parse: Limit of total fields [5] has been exceeded while adding new "
            "fields [5]");
  ASSERT_NE(s.caused_by(), nullptr);
  EXPECT_EQ(s.caused_by()->type(), "illegal_argument_exception");
  // A text field with its keyword sub-field counts twice.
  EXPECT_NE(Error(R"({"s1":"x","s2":"y","s3":"z"})").message().find("new fields [6]"),
            std::string::npos);
}

TEST_F(DocumentParserTest, TenThousandDynamicFieldsHitTheLimit) {
  std::string doc = "{";
  for (int i = 0; i < 10000; ++i) {
    if (i > 0) doc += ",";
    doc += "\"field_" + std::to_string(i) + "\":" + std::to_string(i);
  }
  doc += "}";
  Status s = Error(doc);
  EXPECT_NE(s.message().find("Limit of total fields [1000] has been exceeded while adding new "
                             "fields [1001]"),
            std::string::npos);
}

TEST_F(DocumentParserTest, IgnoreDynamicBeyondLimit) {
  SetSettings(R"({"mapping.total_fields.limit":2,
                  "mapping.total_fields.ignore_dynamic_beyond_limit":true})");
  ParsedDocument d = ParseOk(R"({"a":1,"b":2,"c":3,"d":4})");
  EXPECT_EQ(d.mapping->total_fields(), 2);
  EXPECT_EQ(d.ignored_fields, (std::vector<std::string>{"c", "d"}));
  EXPECT_EQ(d.fields.size(), 2u);
}

TEST_F(DocumentParserTest, DepthLimitOnDynamicObjects) {
  SetSettings(R"({"mapping.depth.limit":2})");
  EXPECT_TRUE(Parse(R"({"a":{"b":{"c":1}}})").ok());
  EXPECT_EQ(Error(R"({"a":{"b":{"c":{"d":1}}}})").message(),
            "[1:16] failed to parse: Limit of mapping depth [2] has been exceeded due to object "
            "field [a.b.c]");
}

TEST_F(DocumentParserTest, DenseVectors) {
  SetMapping(R"({"properties":{"v":{"type":"dense_vector","dims":3,"similarity":"l2_norm"},
      "c":{"type":"dense_vector","dims":2},"dp":{"type":"dense_vector","dims":2,
      "similarity":"dot_product"},"b":{"type":"dense_vector","dims":3,"element_type":"byte",
      "similarity":"l2_norm"}}})");
  ParsedDocument d = ParseOk(R"({"v":[1,2.5,-3],"b":[1,-128,127],"dp":[0.6,0.8]})");
  EXPECT_EQ(Values(d, "v")[0]->vec, (std::vector<float>{1, 2.5, -3}));
  EXPECT_EQ(Values(d, "b")[0]->vec, (std::vector<float>{1, -128, 127}));
  EXPECT_EQ(Values(ParseOk(R"({"b":"01807f"})"), "b")[0]->vec, (std::vector<float>{1, -128, 127}));
  EXPECT_EQ(Error(R"({"v":[1,2]})").message(),
            "[1:6] failed to parse: The [dense_vector] field [v] in doc [document with id '1'] "
            "has a different number of dimensions [2] than defined in the mapping [3]");
  EXPECT_EQ(Error(R"({"v":[1,2,3,4]})").message(),
            "[1:6] failed to parse: The [dense_vector] field [v] in doc [document with id '1'] "
            "has more dimensions than defined in the mapping [3]");
  EXPECT_EQ(Error(R"({"c":[0,0]})").message(),
            "[1:6] failed to parse: The [cosine] similarity does not support vectors with zero "
            "magnitude. Preview of invalid vector: [0.0, 0.0]");
  EXPECT_EQ(Error(R"({"dp":[1,1]})").message(),
            "[1:7] failed to parse: The [dot_product] similarity can only be used with "
            "unit-length vectors. Preview of invalid vector: [1.0, 1.0]");
  EXPECT_EQ(Error(R"({"b":[1,2.5,3]})").message(),
            "[1:9] failed to parse: element_type [byte] vectors only support non-decimal values "
            "but found decimal value [2.5] at dim [1];");
  EXPECT_EQ(Error(R"({"b":[1,200,3]})").message(),
            "[1:9] failed to parse: element_type [byte] vectors only support integers between "
            "[-128, 127] but found [200] at dim [1];");
  EXPECT_EQ(Error(R"({"v":[1,"x",3]})").message(),
            "[1:9] failed to parse: Failed to parse object: expecting token of type "
            "[VALUE_NUMBER] but found [VALUE_STRING]");
  EXPECT_EQ(Error(R"({"v":[1,2,1e39]})").message(),
            "[1:6] failed to parse: element_type [float] vectors do not support infinite values "
            "but found [Infinity] at dim [2]; Preview of invalid vector: [1.0, 2.0, Infinity]");
  EXPECT_TRUE(Parse(R"({"v":null})").ok());
}

TEST_F(DocumentParserTest, VectorDimsFromFirstDocument) {
  SetMapping(R"({"properties":{"v":{"type":"dense_vector"}}})");
  ParsedDocument d = ParseAndAdopt(R"({"v":[0.5,0.5,0.5,0.5]})");
  EXPECT_TRUE(d.dynamic_update());
  EXPECT_EQ(d.mapping->FindField("v")->vector().dims, 4);
  EXPECT_EQ(Values(d, "v")[0]->field, d.mapping->FindField("v"));
  EXPECT_NE(MappingJson().find(R"("dims":4)"), std::string::npos);
  EXPECT_FALSE(Parse(R"({"v":[1,2]})").ok());
}

TEST_F(DocumentParserTest, DynamicDenseVectorFromFloatArrays) {
  std::string arr = "[";
  for (int i = 0; i < 128; ++i) arr += (i ? "," : "") + std::to_string(0.01 * (i + 1));
  arr += "]";
  ParsedDocument d = ParseOk("{\"emb\":" + arr + ",\"small\":[0.5,1.5]}");
  const FieldMapper* emb = d.mapping->FindField("emb");
  ASSERT_NE(emb, nullptr);
  EXPECT_EQ(emb->type(), FieldType::kDenseVector);
  EXPECT_EQ(emb->vector().dims, 128);
  ASSERT_EQ(Values(d, "emb").size(), 1u);
  EXPECT_EQ(Values(d, "emb")[0]->vec.size(), 128u);
  EXPECT_EQ(d.mapping->FindField("small")->type(), FieldType::kFloat);
  EXPECT_EQ(ToJson(emb->ToJson()),
            R"({"type":"dense_vector","dims":128,"index":true,"similarity":"cosine",)"
            R"("index_options":{"type":"int8_hnsw","m":16,"ef_construction":100}})");
}

TEST_F(DocumentParserTest, MultipleVectorValuesRejected) {
  SetMapping(R"({"properties":{"v":{"type":"dense_vector","dims":2,"similarity":"l2_norm"}}})");
  EXPECT_EQ(Error(R"({"v":[1,2],"v.x":1})").type(), "document_parsing_exception");
}

TEST_F(DocumentParserTest, SeedVectorType) {
  SetMapping(R"({"properties":{"v":{"type":"vector","dimension":3}}})");
  EXPECT_EQ(Values(ParseOk(R"({"v":[1,2,3]})"), "v")[0]->vec.size(), 3u);
  EXPECT_NE(Error(R"({"v":[1,2]})").message().find("different number of dimensions [2]"),
            std::string::npos);
}

TEST_F(DocumentParserTest, ConstantKeyword) {
  SetMapping(R"({"properties":{"level":{"type":"constant_keyword"}}})");
  ParsedDocument d = ParseAndAdopt(R"({"level":"debug"})");
  EXPECT_TRUE(d.dynamic_update());
  EXPECT_EQ(*mapping_->FindField("level")->keyword().constant_value, "debug");
  EXPECT_EQ(Error(R"({"level":"info"})").caused_by()->message(),
            "[constant_keyword] field [level] only accepts values that are equal to the value "
            "defined in the mappings [debug], but got [info]");
}

TEST_F(DocumentParserTest, FlattenedAndAlias) {
  SetMapping(R"({"properties":{"labels":{"type":"flattened"},"k":{"type":"keyword"},
      "a":{"type":"alias","path":"k"}}})");
  ParsedDocument d = ParseOk(R"({"labels":{"env":"prod","tier":{"x":"1"}}})");
  ASSERT_EQ(Values(d, "labels").size(), 2u);
  EXPECT_EQ(Values(d, "labels")[0]->str, std::string("env\0prod", 8));
  EXPECT_EQ(Values(d, "labels")[1]->str, std::string("tier.x\0"
                                                     "1",
                                                     8));
  EXPECT_EQ(Error(R"({"a":"x"})").message(), "[1:6] Cannot write to a field alias [a].");
}

TEST_F(DocumentParserTest, SourceIncludesExcludesAndDisabled) {
  SetMapping(R"({"_source":{"excludes":["secret","meta.*"]}})");
  ParsedDocument d = ParseOk(R"({"a":1,"secret":"x","meta":{"b":2,"c":3}})");
  EXPECT_EQ(d.source, R"({"a":1,"meta":{}})");
  EXPECT_EQ(Values(d, "secret").size(), 1u);
  SetMapping(R"({"_source":{"enabled":false}})");
  EXPECT_EQ(ParseOk(R"({"a":1})").source, "");
}

TEST_F(DocumentParserTest, RoutingRequired) {
  SetMapping(R"({"_routing":{"required":true}})");
  Status s = Error(R"({"a":1})");
  EXPECT_EQ(s.type(), "routing_missing_exception");
  EXPECT_EQ(s.message(), "routing is required for [test]/[1]");
}

TEST_F(DocumentParserTest, NestedIsParsedLikeObject) {
  SetMapping(R"({"properties":{"n":{"type":"nested","properties":{"x":{"type":"long"}}}}})");
  ParsedDocument d = ParseOk(R"({"n":[{"x":1},{"x":2,"y":"new"}]})");
  EXPECT_EQ(Values(d, "n.x").size(), 2u);
  EXPECT_NE(d.mapping->FindField("n.y"), nullptr);
  EXPECT_TRUE(d.mapping->FindObject("n")->is_nested());
}

TEST_F(DocumentParserTest, SubobjectsFalseKeepsDottedLeaves) {
  SetMapping(R"({"properties":{"metrics":{"type":"object","subobjects":false}}})");
  ParsedDocument d = ParseOk(R"({"metrics":{"cpu.user":1,"mem":{"free":2}}})");
  ASSERT_NE(d.mapping->FindField("metrics.cpu.user"), nullptr);
  ASSERT_NE(d.mapping->FindField("metrics.mem.free"), nullptr);
  EXPECT_EQ(d.mapping->FindObject("metrics.cpu"), nullptr);
  EXPECT_EQ(ToJson(d.mapping->ToJson()),
            R"({"properties":{"metrics":{"subobjects":false,"properties":{"cpu.user":)"
            R"({"type":"long"},"mem.free":{"type":"long"}}}}})");
}

TEST_F(DocumentParserTest, DatesAndNanos) {
  SetMapping(R"({"properties":{"d":{"type":"date","format":"yyyy-MM-dd HH:mm:ss||epoch_second"},
      "n":{"type":"date_nanos"}}})");
  ParsedDocument d = ParseOk(R"({"d":["2015-01-01 00:00:01",1420070400],"n":
      "2015-01-01T00:00:00.123456789Z"})");
  EXPECT_EQ(Values(d, "d")[0]->i64, 1420070401000);
  EXPECT_EQ(Values(d, "d")[1]->i64, 1420070400000);
  EXPECT_EQ(Values(d, "n")[0]->i64, 1420070400123456789);
  Status s = Error(R"({"d":"2015-01-01"})");
  EXPECT_EQ(s.message(),
            "[1:6] failed to parse field [d] of type [date] in document with id '1'. Preview of "
            "field's value: '2015-01-01'");
  EXPECT_EQ(s.caused_by()->message(),
            "failed to parse date field [2015-01-01] with format [yyyy-MM-dd "
            "HH:mm:ss||epoch_second]");
}

TEST_F(DocumentParserTest, GeoPointForms) {
  SetMapping(R"({"properties":{"loc":{"type":"geo_point"}}})");
  ParsedDocument d = ParseOk(R"J({"loc":[{"lat":41.12,"lon":-71.34},"41.12,-71.34",
      [-71.34,41.12],{"type":"Point","coordinates":[-71.34,41.12]},"POINT (-71.34 41.12)"]})J");
  std::vector<const FieldValue*> v = Values(d, "loc");
  ASSERT_EQ(v.size(), 5u);
  for (const FieldValue* x : v) {
    GeoPoint p = DecodeGeoPoint(x->i64);
    EXPECT_NEAR(p.lat, 41.12, 1e-6);
    EXPECT_NEAR(p.lon, -71.34, 1e-6);
  }
  // A single [lon, lat] pair is one point, not two numbers.
  EXPECT_EQ(Values(ParseOk(R"({"loc":[-71.34,41.12]})"), "loc").size(), 1u);
}

TEST_F(DocumentParserTest, GeoPointErrorsAndIgnoreMalformed) {
  SetMapping(R"({"properties":{"loc":{"type":"geo_point"}}})");
  EXPECT_FALSE(Parse(R"({"loc":{"lat":91,"lon":0}})").ok());
  EXPECT_FALSE(Parse(R"({"loc":"not a point"})").ok());
  EXPECT_FALSE(Parse(R"({"loc":{"type":"LineString","coordinates":[[0,0],[1,1]]}})").ok());
  EXPECT_FALSE(Parse(R"({"loc":[1,2,3,4]})").ok());
  SetMapping(R"({"properties":{"loc":{"type":"geo_point","ignore_malformed":true}}})");
  ParsedDocument d = ParseOk(R"({"loc":{"lat":91,"lon":0}})");
  EXPECT_TRUE(Values(d, "loc").empty());
}

TEST_F(DocumentParserTest, GeoPointZValue) {
  SetMapping(R"({"properties":{"loc":{"type":"geo_point"}}})");
  EXPECT_EQ(Values(ParseOk(R"({"loc":{"lat":1,"lon":2,"z":3}})"), "loc").size(), 1u);
  SetMapping(R"({"properties":{"loc":{"type":"geo_point","ignore_z_value":false}}})");
  EXPECT_FALSE(Parse(R"({"loc":"1,2,3"})").ok());
}

TEST_F(DocumentParserTest, LinesAndColumnsInLocations) {
  SetMapping(R"({"properties":{"age":{"type":"long"}}})");
  EXPECT_EQ(Error("{\n  \"age\": \"x\"\n}").message().substr(0, 6), "[2:10]");
}

}  // namespace
}  // namespace quiver::schema
