#include "schema/mapping.h"

#include <gtest/gtest.h>

#include "schema/index_settings.h"

namespace quiver::schema {
namespace {

json::value J(std::string_view text) {
  auto v = ParseJson(text);
  EXPECT_TRUE(v.ok()) << text;
  return v.ok() ? *v : json::value();
}

class MappingTest : public ::testing::Test {
 protected:
  std::shared_ptr<const Mapping> ParseOk(std::string_view text) {
    auto r = Mapping::Parse(J(text), ctx_);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : Mapping::Empty();
  }
  Status ParseError(std::string_view text) {
    auto r = Mapping::Parse(J(text), ctx_);
    EXPECT_FALSE(r.ok()) << text;
    return r.ok() ? Status::Ok() : r.status();
  }
  std::string Shown(std::string_view text) { return ToJson(ParseOk(text)->ToJson()); }

  IndexSettings settings_;
  MappingContext ctx_{&settings_, nullptr, nullptr};
};

TEST_F(MappingTest, EmptyMappingShowsEmptyObject) {
  EXPECT_EQ(ToJson(Mapping::Empty()->ToJson()), "{}");
  EXPECT_EQ(Shown("{}"), "{}");
  EXPECT_EQ(Shown("null"), "{}");
  EXPECT_TRUE(ParseOk("{}")->empty());
}

TEST_F(MappingTest, ShowsOnlyExplicitNonDefaultParametersSorted) {
  EXPECT_EQ(Shown(R"({"properties":{"z":{"type":"keyword","index":true,"ignore_above":256},
                   "a":{"type":"text","analyzer":"whitespace","norms":true},
                   "n":{"type":"long","coerce":false}}})"),
            R"({"properties":{"a":{"type":"text","analyzer":"whitespace"},)"
            R"("n":{"type":"long","coerce":false},)"
            R"("z":{"type":"keyword","ignore_above":256}}})");
}

TEST_F(MappingTest, NormalizesParameterValues) {
  EXPECT_EQ(Shown(R"({"properties":{"k":{"type":"keyword","index":"false","ignore_above":"10"}}})"),
            R"({"properties":{"k":{"type":"keyword","index":false,"ignore_above":10}}})");
}

TEST_F(MappingTest, DottedNamesExpandIntoObjects) {
  auto m = ParseOk(R"({"properties":{"user.name.first":{"type":"keyword"},
                                     "user":{"properties":{"age":{"type":"integer"}}}}})");
  EXPECT_EQ(ToJson(m->ToJson()), R"({"properties":{"user":{"properties":{"age":{"type":"integer"},)"
                                 R"("name":{"properties":{"first":{"type":"keyword"}}}}}}})");
  ASSERT_NE(m->FindField("user.name.first"), nullptr);
  EXPECT_EQ(m->FindField("user.name.first")->name(), "first");
  ASSERT_NE(m->FindObject("user.name"), nullptr);
  EXPECT_EQ(m->total_fields(), 4);
}

TEST_F(MappingTest, MultiFieldsAreFieldsToo) {
  auto m = ParseOk(R"({"properties":{"title":{"type":"text",
      "fields":{"raw":{"type":"keyword"},"en":{"type":"text","analyzer":"english"}}}}})");
  const FieldMapper* raw = m->FindField("title.raw");
  ASSERT_NE(raw, nullptr);
  EXPECT_TRUE(raw->is_multi_field());
  EXPECT_EQ(raw->type(), FieldType::kKeyword);
  EXPECT_EQ(m->FindField("title")->multi_fields().size(), 2u);
  EXPECT_EQ(m->total_fields(), 3);
  EXPECT_EQ(ToJson(m->ToJson()),
            R"({"properties":{"title":{"type":"text","fields":{"en":{"type":"text",)"
            R"("analyzer":"english"},"raw":{"type":"keyword"}}}}})");
  EXPECT_EQ(m->fields().size(), 3u);
  EXPECT_EQ(m->fields()[0]->full_path(), "title");
}

TEST_F(MappingTest, TypedOptionsCarryDefaults) {
  auto m = ParseOk(R"({"properties":{"t":{"type":"text"},"k":{"type":"keyword"},
      "d":{"type":"date","format":"yyyy-MM-dd"},"s":{"type":"scaled_float","scaling_factor":100},
      "b":{"type":"binary"}}})");
  const FieldMapper* t = m->FindField("t");
  EXPECT_EQ(t->text().analyzer, "default");
  EXPECT_EQ(t->text().search_analyzer, "default");
  EXPECT_EQ(t->text().index_options, IndexOptions::kPositions);
  EXPECT_TRUE(t->text().norms);
  EXPECT_FALSE(t->doc_values());
  const FieldMapper* k = m->FindField("k");
  EXPECT_EQ(k->keyword().ignore_above, INT32_MAX);
  EXPECT_TRUE(k->doc_values());
  EXPECT_TRUE(k->indexed());
  EXPECT_EQ(m->FindField("d")->date().format.spec(), "yyyy-MM-dd");
  EXPECT_EQ(m->FindField("s")->numeric().scaling_factor, 100);
  EXPECT_FALSE(m->FindField("b")->doc_values());
}

TEST_F(MappingTest, ObjectSerialization) {
  EXPECT_EQ(Shown(R"({"properties":{"o":{"type":"object"},"p":{"enabled":false},
                   "n":{"type":"nested","properties":{"x":{"type":"long"}}},
                   "s":{"dynamic":"strict","properties":{"y":{"type":"long"}}}}})"),
            R"({"properties":{"n":{"type":"nested","properties":{"x":{"type":"long"}}},)"
            R"("o":{"type":"object"},"p":{"type":"object","enabled":false},)"
            R"("s":{"dynamic":"strict","properties":{"y":{"type":"long"}}}}})");
}

TEST_F(MappingTest, RootOptionsSerialization) {
  EXPECT_EQ(Shown(R"({"dynamic":false,"_source":{"excludes":["secret"]},"_routing":
      {"required":true},"_meta":{"v":1},"date_detection":false,"numeric_detection":true,
      "dynamic_date_formats":["MM/dd/yyyy"],"dynamic_templates":[{"s":{"match_mapping_type":
      "string","mapping":{"type":"keyword"}}}]})"),
            R"({"dynamic":"false","_meta":{"v":1},"_routing":{"required":true},)"
            R"("_source":{"excludes":["secret"]},"dynamic_date_formats":["MM/dd/yyyy"],)"
            R"("dynamic_templates":[{"s":{"match_mapping_type":"string","mapping":)"
            R"({"type":"keyword"}}}],"date_detection":false,"numeric_detection":true})");
}

TEST_F(MappingTest, DenseVectorShowsComputedDefaults) {
  EXPECT_EQ(Shown(R"({"properties":{"v":{"type":"dense_vector","dims":3}}})"),
            R"({"properties":{"v":{"type":"dense_vector","dims":3,"index":true,)"
            R"("similarity":"cosine","index_options":{"type":"int8_hnsw","m":16,)"
            R"("ef_construction":100}}}})");
  EXPECT_EQ(Shown(R"({"properties":{"v":{"type":"dense_vector","dims":3,"index":false}}})"),
            R"({"properties":{"v":{"type":"dense_vector","dims":3,"index":false}}})");
  EXPECT_EQ(Shown(R"({"properties":{"v":{"type":"dense_vector","dims":3,"element_type":"byte"}}})"),
            R"({"properties":{"v":{"type":"dense_vector","element_type":"byte","dims":3,)"
            R"("index":true,"similarity":"cosine"}}})");
  auto m = ParseOk(R"({"properties":{"v":{"type":"dense_vector","dims":4,"similarity":
      "dot_product","index_options":{"type":"hnsw","m":32,"ef_construction":200}}}})");
  const VectorOptions& v = m->FindField("v")->vector();
  EXPECT_EQ(v.dims, 4);
  EXPECT_EQ(v.similarity, VectorSimilarity::kDotProduct);
  EXPECT_EQ(v.index_options->type, VectorIndexType::kHnsw);
  EXPECT_EQ(v.index_options->m, 32);
  EXPECT_EQ(v.index_options->ef_construction, 200);
}

TEST_F(MappingTest, DenseVectorValidation) {
  EXPECT_EQ(ParseError(R"({"properties":{"v":{"type":"dense_vector","dims":5,
      "element_type":"byte","index_options":{"type":"int8_hnsw"}}}})")
                .message(),
            "Failed to parse mapping: [element_type] cannot be [byte] when using index type "
            "[int8_hnsw]");
  EXPECT_EQ(ParseError(R"({"properties":{"v":{"type":"dense_vector","dims":5,"index":false,
      "index_options":{"type":"int8_hnsw"}}}})")
                .message(),
            "Failed to parse mapping: Field [index_options] can only be specified for a field of "
            "type [dense_vector] when it is indexed");
  EXPECT_EQ(ParseError(R"({"properties":{"v":{"type":"dense_vector","dims":5,
      "index_options":{"type":"flat","m":42}}}})")
                .message(),
            "Failed to parse mapping: Mapping definition for [v] has unsupported parameters:  "
            "[m : 42]");
  EXPECT_EQ(ParseError(R"({"properties":{"v":{"type":"dense_vector","dims":5000}}})").message(),
            "Failed to parse mapping: The number of dimensions should be in the range [1, 4096] "
            "but was [5000]");
  EXPECT_EQ(ParseError(R"({"properties":{"v":{"type":"dense_vector","dims":3,
      "index_options":{"type":"int4_hnsw"}}}})")
                .message(),
            "Failed to parse mapping: int4_hnsw only supports even dimensions; provided=3");
}

TEST_F(MappingTest, SeedVectorType) {
  auto m = ParseOk(R"({"properties":{"v":{"type":"vector","dimension":8,"metric":"cosine"}}})");
  const VectorOptions& v = m->FindField("v")->vector();
  EXPECT_EQ(v.dims, 8);
  EXPECT_EQ(v.similarity, VectorSimilarity::kCosine);
  EXPECT_EQ(v.index_options->type, VectorIndexType::kIvf);
  EXPECT_EQ(v.index_options->nlist, 100);
  EXPECT_EQ(v.index_options->nprobe, 10);
}

TEST_F(MappingTest, UnknownParameterAndType) {
  Status s = ParseError(R"({"properties":{"f":{"type":"keyword","foo":1}}})");
  EXPECT_EQ(s.type(), "mapper_parsing_exception");
  EXPECT_EQ(s.message(),
            "Failed to parse mapping: unknown parameter [foo] on mapper [f] of type [keyword]");
  ASSERT_NE(s.caused_by(), nullptr);
  EXPECT_EQ(s.caused_by()->message(), "unknown parameter [foo] on mapper [f] of type [keyword]");
  EXPECT_EQ(ParseError(R"({"properties":{"content":{"type":"invalid"}}})").message(),
            "Failed to parse mapping: The mapper type [invalid] declared on field [content] does "
            "not exist. It might have been created within a future version or requires a plugin "
            "to be installed. Check the documentation.");
  EXPECT_EQ(ParseError(R"({"properties":{"city":{"type":"text","fields":{"raw":{"type":
      "invalid"}}}}})")
                .message(),
            "Failed to parse mapping: The mapper type [invalid] declared on field [raw] does not "
            "exist. It might have been created within a future version or requires a plugin to "
            "be installed. Check the documentation.");
  EXPECT_EQ(ParseError(R"({"runtime":{"content":{"type":"invalid"}}})").message(),
            "Failed to parse mapping: The mapper type [invalid] declared on runtime field "
            "[content] does not exist. It might have been created within a future version or "
            "requires a plugin to be installed. Check the documentation.");
  EXPECT_EQ(ParseError(R"({"properties":{"f":{"index":true}}})").message(),
            "Failed to parse mapping: No type specified for field [f]");
  EXPECT_EQ(ParseError(R"({"foo":"bar"})").message(),
            "Failed to parse mapping: Root mapping definition has unsupported parameters:  "
            "[foo : bar]");
  EXPECT_EQ(ParseError(R"({"properties":{"o":{"type":"object","x":1}}})").message(),
            "Failed to parse mapping: Mapping definition for [o] has unsupported parameters:  "
            "[x : 1]");
}

TEST_F(MappingTest, BadFieldNames) {
  Status s = ParseError(R"({"properties":{"":{"type":"keyword"}}})");
  EXPECT_NE(ToJson(J("{}")), "");
  EXPECT_EQ(s.message(), "Failed to parse mapping: field name cannot be an empty string");
  ASSERT_NE(s.caused_by(), nullptr);
  EXPECT_EQ(s.caused_by()->type(), "illegal_argument_exception");
  EXPECT_EQ(ParseError(R"({"properties":{"...":{"type":"keyword"}}})").message(),
            "Failed to parse mapping: field name cannot contain only dots");
  EXPECT_EQ(ParseError(R"({"properties":{"  ":{"type":"keyword"}}})").message(),
            "Failed to parse mapping: field name cannot contain only whitespaces");
  EXPECT_EQ(ParseError(R"({"properties":{"a..b":{"type":"keyword"}}})").message(),
            "Failed to parse mapping: field name cannot be an empty string");
}

TEST_F(MappingTest, WrongParameterValues) {
  EXPECT_EQ(ParseError(R"({"properties":{"f":{"type":"keyword","index":"nope"}}})").message(),
            "Failed to parse mapping: Could not convert [f.index] to boolean");
  EXPECT_EQ(ParseError(R"({"properties":{"f":{"type":"keyword","ignore_above":"x"}}})").message(),
            "Failed to parse mapping: For input string: \"x\"");
  EXPECT_EQ(ParseError(R"({"properties":{"f":{"type":"text","index_options":"all"}}})").message(),
            "Failed to parse mapping: Unknown value [all] for field [index_options] - accepted "
            "values are [docs, freqs, positions, offsets]");
  EXPECT_EQ(ParseError(R"({"properties":{"f":{"type":"keyword","analyzer":null}}})").message(),
            "Failed to parse mapping: unknown parameter [analyzer] on mapper [f] of type "
            "[keyword]");
  EXPECT_EQ(ParseError(R"({"properties":{"f":{"type":"text","analyzer":null}}})").message(),
            "Failed to parse mapping: [analyzer] on mapper [f] of type [text] must not have a "
            "[null] value");
  EXPECT_EQ(ParseError(R"({"properties":{"f":{"type":"scaled_float"}}})").message(),
            "Failed to parse mapping: Field [scaling_factor] is required");
  EXPECT_EQ(ParseError(R"({"properties":{"f":{"type":"date","format":"yyyy-bb"}}})").message(),
            "Failed to parse mapping: Error parsing [format] on field [f]: Invalid format: "
            "[yyyy-bb]: Unknown pattern letter: b");
  EXPECT_EQ(ParseError(R"({"properties":{"f":{"type":"long","null_value":"abc"}}})").message(),
            "Failed to parse mapping: Error parsing [null_value] on field [f]: For input string: "
            "\"abc\"");
  EXPECT_EQ(ParseError(R"({"properties":{"f":{"type":"keyword","meta":{"a":1}}}})").message(),
            "Failed to parse mapping: [meta] values can only be strings, but got Integer[1] for "
            "field [f]");
}

TEST_F(MappingTest, AnalyzerMustExist) {
  MappingContext ctx = ctx_;
  ctx.analyzer_exists = [](std::string_view name) { return name == "standard"; };
  auto r = Mapping::Parse(J(R"({"properties":{"f":{"type":"text","analyzer":"foo"}}})"), ctx);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "Failed to parse mapping: analyzer [foo] has not been configured in mappings");
  EXPECT_TRUE(
      Mapping::Parse(J(R"({"properties":{"f":{"type":"text","analyzer":"standard"}}})"), ctx).ok());
}

TEST_F(MappingTest, ChainedMultiFieldsAndCopyToInMultiFieldRejected) {
  EXPECT_NE(ParseError(R"({"properties":{"f":{"type":"text","fields":{"a":{"type":"text",
      "fields":{"b":{"type":"keyword"}}}}}}})")
                .message()
                .find("Defining chained multi-fields is not supported"),
            std::string::npos);
  EXPECT_NE(ParseError(R"({"properties":{"f":{"type":"text","fields":{"a":{"type":"keyword",
      "copy_to":"x"}}}}})")
                .message()
                .find("copy_to in multi fields is not allowed"),
            std::string::npos);
}

TEST_F(MappingTest, TypedMappingRejected) {
  EXPECT_EQ(ParseError(R"({"_doc":{"properties":{"f":{"type":"keyword"}}}})").message(),
            "The mapping definition cannot be nested under a type [_doc] unless "
            "include_type_name is set to true.");
}

TEST_F(MappingTest, LimitsOnParse) {
  settings_ = *IndexSettings::Parse(J(R"({"mapping.total_fields.limit":2,
                                          "mapping.depth.limit":2,
                                          "mapping.nested_fields.limit":1})"));
  EXPECT_EQ(ParseError(R"({"properties":{"a":{"type":"text","fields":{"k":{"type":"keyword"}}},
      "b":{"type":"long"}}})")
                .message(),
            "Limit of total fields [2] has been exceeded");
  EXPECT_EQ(ParseError(R"({"properties":{"a.b.c.d":{"type":"long"}}})").message().substr(0, 44),
            "Limit of total fields [2] has been exceeded");
  settings_ = *IndexSettings::Parse(J(R"({"mapping.depth.limit":2,
                                          "mapping.nested_fields.limit":1})"));
  EXPECT_EQ(ParseError(R"({"properties":{"a.b.c.d":{"type":"long"}}})").message(),
            "Limit of mapping depth [2] has been exceeded due to object field [a.b.c]");
  EXPECT_EQ(
      ParseError(R"({"properties":{"n1":{"type":"nested"},"n2":{"type":"nested"}}})").message(),
      "Limit of nested fields [1] has been exceeded");
}

TEST_F(MappingTest, DynamicTemplateValidation) {
  EXPECT_EQ(ParseError(R"({"dynamic_templates":[{"t":{"match_mapping_type":"foo",
      "mapping":{"type":"keyword"}}}]})")
                .message(),
            "Failed to parse mapping: No field type matched on [foo], possible values are "
            "[object, string, long, double, boolean, date, binary]");
  EXPECT_EQ(ParseError(R"({"dynamic_templates":[{"t":{"match":"*"}}]})").message(),
            "Failed to parse mapping: template [t] must have either mapping or runtime set");
  EXPECT_EQ(ParseError(R"({"dynamic_templates":[{"t":{"match_mapping_type":"string",
      "mapping":{"type":"keyword","foo":1}}}]})")
                .message(),
            "Failed to parse mapping: dynamic template [t] has invalid content "
            "[{\"match_mapping_type\":\"string\",\"mapping\":{\"type\":\"keyword\",\"foo\":1}}], "
            "attempted to validate it with the following match_mapping_type: [string], last "
            "error: [unknown parameter [foo] on mapper [__dummy__] of type [keyword]]");
  ParseOk(R"({"dynamic_templates":[{"t":{"match":"*_n","mapping":{"type":"{dynamic_type}",
      "index":false}}}]})");
}

TEST_F(MappingTest, ToJsonRoundTrips) {
  const char* text = R"({"dynamic":"strict","_source":{"includes":["a*"]},
      "dynamic_templates":[{"s":{"path_match":"x.*","mapping":{"type":"keyword"}}}],
      "properties":{"title":{"type":"text","analyzer":"english","fields":{"raw":
      {"type":"keyword","ignore_above":100}},"copy_to":["all"]},"all":{"type":"text"},
      "when":{"type":"date","format":"epoch_second"},"v":{"type":"dense_vector","dims":2,
      "similarity":"l2_norm","index_options":{"type":"hnsw","m":8,"ef_construction":50}},
      "ip":{"type":"ip","null_value":"0.0.0.0"},"obj":{"dynamic":false,"properties":
      {"n":{"type":"nested","properties":{"c":{"type":"constant_keyword","value":"x"}}}}},
      "p":{"type":"scaled_float","scaling_factor":10.0},"a":{"type":"alias","path":"title"}}})";
  auto m = ParseOk(text);
  std::string shown = ToJson(m->ToJson());
  auto again = ParseOk(shown);
  EXPECT_EQ(ToJson(again->ToJson()), shown);
  EXPECT_EQ(again->total_fields(), m->total_fields());
}

TEST_F(MappingTest, AliasMustPointAtAField) {
  Status s = ParseError(R"({"properties":{"a":{"type":"alias","path":"nope"}}})");
  EXPECT_EQ(s.message(),
            "Invalid [path] value [nope] for field alias [a]: an alias must refer to an existing "
            "field in the mappings.");
}

class MappingMergeTest : public MappingTest {
 protected:
  Result<std::shared_ptr<const Mapping>> Merge(std::string_view base, std::string_view update) {
    return ParseOk(base)->Merge(J(update), ctx_);
  }
};

TEST_F(MappingMergeTest, AddsFieldsAndKeepsExisting) {
  auto r = Merge(R"({"properties":{"a":{"type":"keyword"}}})",
                 R"({"properties":{"b":{"type":"long"},"subfield.text3":{"type":"text"}}})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(ToJson((*r)->ToJson()), R"({"properties":{"a":{"type":"keyword"},"b":{"type":"long"},)"
                                    R"("subfield":{"properties":{"text3":{"type":"text"}}}}})");
}

TEST_F(MappingMergeTest, SharesUnchangedFieldMappers) {
  auto base = ParseOk(R"({"properties":{"a":{"type":"keyword"}}})");
  auto r = base->Merge(J(R"({"properties":{"b":{"type":"long"}}})"), ctx_);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)->FindField("a"), base->FindField("a"));
}

TEST_F(MappingMergeTest, TypeChangeRejected) {
  auto r =
      Merge(R"({"properties":{"f":{"type":"long"}}})", R"({"properties":{"f":{"type":"text"}}})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().type(), "illegal_argument_exception");
  EXPECT_EQ(r.status().message(), "mapper [f] cannot be changed from type [long] to [text]");
  auto nested = Merge(R"({"properties":{"user.id":{"type":"long"}}})",
                      R"({"properties":{"user.id":{"type":"keyword"}}})");
  EXPECT_EQ(nested.status().message(),
            "mapper [user.id] cannot be changed from type [long] to [keyword]");
}

TEST_F(MappingMergeTest, ParameterConflicts) {
  auto r = Merge(R"({"properties":{"f":{"type":"text"}}})",
                 R"({"properties":{"f":{"type":"text","analyzer":"english"}}})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "Mapper for [f] conflicts with existing mapper:\n\tCannot update parameter "
            "[analyzer] from [default] to [english]");
  auto omitted = Merge(R"({"properties":{"f":{"type":"text","analyzer":"whitespace"}}})",
                       R"({"properties":{"f":{"type":"text"}}})");
  EXPECT_EQ(omitted.status().message(),
            "Mapper for [f] conflicts with existing mapper:\n\tCannot update parameter "
            "[analyzer] from [whitespace] to [default]");
}

TEST_F(MappingMergeTest, UpdatableParameters) {
  auto r =
      Merge(R"({"properties":{"k":{"type":"keyword","ignore_above":10,"meta":{"bar":"baz"}}}})",
            R"({"properties":{"k":{"type":"keyword","ignore_above":20,"meta":{"baz":"quux"}}}})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(ToJson((*r)->ToJson()),
            R"({"properties":{"k":{"type":"keyword","meta":{"baz":"quux"},"ignore_above":20}}})");
}

TEST_F(MappingMergeTest, MultiFieldsAreAdded) {
  auto r = Merge(R"({"properties":{"t":{"type":"text","analyzer":"whitespace"}}})",
                 R"({"properties":{"t":{"type":"text","analyzer":"whitespace",
                     "fields":{"raw":{"type":"keyword"}}}}})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_NE((*r)->FindField("t.raw"), nullptr);
  auto again = (*r)->Merge(J(R"({"properties":{"t":{"type":"text","analyzer":"whitespace",
      "fields":{"en":{"type":"text"}}}}})"),
                           ctx_);
  ASSERT_TRUE(again.ok());
  EXPECT_NE((*again)->FindField("t.raw"), nullptr);
  EXPECT_NE((*again)->FindField("t.en"), nullptr);
}

TEST_F(MappingMergeTest, ObjectFieldConflicts) {
  EXPECT_EQ(Merge(R"({"properties":{"o":{"properties":{"x":{"type":"long"}}}}})",
                  R"({"properties":{"o":{"type":"keyword"}}})")
                .status()
                .message(),
            "can't merge a non object mapping [o] with an object mapping");
  EXPECT_EQ(Merge(R"({"properties":{"o":{"type":"keyword"}}})",
                  R"({"properties":{"o":{"properties":{"x":{"type":"long"}}}}})")
                .status()
                .message(),
            "mapper [o] cannot be changed from type [keyword] to [object]");
  EXPECT_EQ(Merge(R"({"properties":{"o":{"type":"object"}}})",
                  R"({"properties":{"o":{"type":"nested"}}})")
                .status()
                .message(),
            "can't merge a non-nested mapping [o] with a nested mapping");
  EXPECT_EQ(Merge(R"({"properties":{"o":{"type":"object"}}})",
                  R"({"properties":{"o":{"type":"object","enabled":false}}})")
                .status()
                .message(),
            "the [enabled] parameter can't be updated for the object mapping [o]");
}

TEST_F(MappingMergeTest, TypesCannotBeProvided) {
  auto r = Merge("{}", R"({"_doc":{"properties":{"field":{"type":"keyword"}}}})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().type(), "illegal_argument_exception");
  EXPECT_EQ(r.status().message(), "Types cannot be provided in put mapping requests");
}

TEST_F(MappingMergeTest, RootOptionsMerge) {
  auto r = Merge(R"({"dynamic":"strict","dynamic_templates":[{"a":{"match":"a*","mapping":
      {"type":"keyword"}}},{"b":{"match":"b*","mapping":{"type":"long"}}}]})",
                 R"({"dynamic_templates":[{"b":{"match":"bb*","mapping":{"type":"long"}}},
                    {"c":{"match":"c*","mapping":{"type":"text"}}}],"_source":{"mode":"synthetic"}})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const auto& t = (*r)->dynamic_templates();
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0].name(), "a");
  EXPECT_EQ(t[1].name(), "b");
  EXPECT_EQ(ToJson(t[1].ToJson()), R"({"b":{"match":"bb*","mapping":{"type":"long"}}})");
  EXPECT_EQ((*r)->dynamic(), Dynamic::kStrict);
  EXPECT_EQ((*r)->source().mode, "synthetic");
  auto bad = Merge(R"({"_source":{"enabled":true}})", R"({"_source":{"enabled":false}})");
  EXPECT_EQ(bad.status().message(),
            "Mapper for [_source] conflicts with existing mapper:\n\tCannot update parameter "
            "[enabled] from [true] to [false]");
}

TEST_F(MappingMergeTest, DenseVectorIndexOptionsUpgrade) {
  const char* base = R"({"properties":{"v":{"type":"dense_vector","dims":4,
      "index_options":{"type":"hnsw"}}}})";
  EXPECT_TRUE(Merge(base, R"({"properties":{"v":{"type":"dense_vector","dims":4,
      "index_options":{"type":"int8_hnsw"}}}})")
                  .ok());
  EXPECT_FALSE(Merge(base, R"({"properties":{"v":{"type":"dense_vector","dims":4,
      "index_options":{"type":"flat"}}}})")
                   .ok());
  EXPECT_FALSE(Merge(base, R"({"properties":{"v":{"type":"dense_vector","dims":5,
      "index_options":{"type":"hnsw"}}}})")
                   .ok());
}

TEST_F(MappingMergeTest, LimitsOnMerge) {
  settings_ = *IndexSettings::Parse(J(R"({"mapping.total_fields.limit":2})"));
  auto r = Merge(R"({"properties":{"a":{"type":"keyword"}}})",
                 R"({"properties":{"b":{"type":"long"},"c":{"type":"long"}}})");
  EXPECT_EQ(r.status().message(), "Limit of total fields [2] has been exceeded");
}

}  // namespace
}  // namespace quiver::schema
