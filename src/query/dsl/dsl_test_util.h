// Test fixture for the DSL parsers: one index with text (standard, english,
// a synonym_graph analyzer, a stopword analyzer), keyword (with a lowercase
// normalizer), numeric, date, boolean, ip, vector, flattened, object and
// nested fields; helpers to parse a JSON query and render it with
// ToString, or to get the error.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>

#include "analysis/analysis_registry.h"
#include "common/json.h"
#include "query/dsl/query_parser.h"
#include "query/query.h"
#include "query/query_context.h"
#include "schema/index_settings.h"
#include "schema/mapping.h"

namespace quiver::query::dsl {

inline json::value TestJson(std::string_view text) {
  auto v = ParseJson(text);
  EXPECT_TRUE(v.ok()) << text;
  return v.ok() ? *v : json::value();
}

// 2024-03-15T10:30:45.123Z
inline constexpr int64_t kTestNowMs = 1710498645123;

class DslTest : public ::testing::Test {
 protected:
  static constexpr std::string_view kSettings = R"({
    "index.query.default_field": ["title", "body"],
    "analysis": {
      "analyzer": {
        "syn": {"tokenizer": "standard", "filter": ["lowercase", "syn_graph"]},
        "stopped": {"type": "standard", "stopwords": "_english_"},
        "shingles": {"tokenizer": "standard", "filter": ["lowercase", "shingle"]}
      },
      "filter": {
        "syn_graph": {"type": "synonym_graph",
                      "synonyms": ["ny, new york", "quick, fast", "wi fi, wifi"]}
      },
      "normalizer": {"lc": {"type": "custom", "filter": ["lowercase", "asciifolding"]}}
    }})";

  static constexpr std::string_view kMapping = R"({"properties": {
    "title": {"type": "text", "analyzer": "english",
              "fields": {"raw": {"type": "keyword"}}},
    "body": {"type": "text"},
    "syn": {"type": "text", "analyzer": "syn"},
    "stop": {"type": "text", "analyzer": "stopped"},
    "nopos": {"type": "text", "index_options": "docs"},
    "tag": {"type": "keyword", "normalizer": "lc"},
    "code": {"type": "keyword"},
    "count": {"type": "long"},
    "int": {"type": "integer"},
    "small": {"type": "byte"},
    "price": {"type": "double"},
    "ratio": {"type": "float"},
    "half": {"type": "half_float"},
    "scaled": {"type": "scaled_float", "scaling_factor": 100},
    "big": {"type": "unsigned_long"},
    "created": {"type": "date", "format": "yyyy-MM-dd HH:mm:ss||yyyy-MM-dd||epoch_millis"},
    "ts": {"type": "date"},
    "nanos": {"type": "date_nanos"},
    "flag": {"type": "boolean"},
    "addr": {"type": "ip"},
    "vec": {"type": "dense_vector", "dims": 3, "similarity": "cosine"},
    "bvec": {"type": "dense_vector", "dims": 2, "element_type": "byte", "similarity": "l2_norm"},
    "dvec": {"type": "dense_vector", "dims": 2, "similarity": "dot_product"},
    "blob": {"type": "binary"},
    "flat": {"type": "flattened"},
    "fixed": {"type": "constant_keyword", "value": "debian"},
    "title_alias": {"type": "alias", "path": "title"},
    "user": {"properties": {"name": {"type": "keyword"}, "age": {"type": "integer"}}},
    "comments": {"type": "nested", "properties": {"text": {"type": "text"},
                                                  "votes": {"type": "long"}}}
  }})";

  void SetUp() override {
    auto settings = schema::IndexSettings::Parse(TestJson(kSettings));
    ASSERT_TRUE(settings.ok()) << settings.status().ToString();
    settings_ = *settings;
    auto registry = analysis::AnalysisRegistry::Build(settings_.analysis(), {});
    ASSERT_TRUE(registry.ok()) << registry.status().ToString();
    registry_ = *registry;
    schema::MappingContext mctx;
    mctx.settings = &settings_;
    auto mapping = schema::Mapping::Parse(TestJson(kMapping), mctx);
    ASSERT_TRUE(mapping.ok()) << mapping.status().ToString();
    mapping_ = *mapping;
    ctx_.mapping = mapping_.get();
    ctx_.analysis = registry_.get();
    ctx_.settings = &settings_;
    ctx_.index_name = "test";
    ctx_.now_ms = kTestNowMs;
  }

  Result<QueryPtr> Parse(std::string_view query) {
    return ParseQuery(TestJson(query), ctx_, options_);
  }

  // The query rendered with ToString ("<error: type: message>" on failure).
  std::string Q(std::string_view query) {
    auto r = Parse(query);
    if (!r.ok()) {
      return "<error: " + std::string(r.status().type()) + ": " + r.status().message() + ">";
    }
    return ToString(**r);
  }

  QueryPtr Node(std::string_view query) {
    auto r = Parse(query);
    EXPECT_TRUE(r.ok()) << query << " -> " << r.status().ToString();
    return r.ok() ? *r : nullptr;
  }

  Status Error(std::string_view query) {
    auto r = Parse(query);
    EXPECT_FALSE(r.ok()) << query << " -> " << (r.ok() ? ToString(**r) : "");
    return r.ok() ? Status::Ok() : r.status();
  }

  // "type: message" of the error.
  std::string E(std::string_view query) {
    Status st = Error(query);
    return std::string(st.type()) + ": " + st.message();
  }

  schema::IndexSettings settings_;
  std::shared_ptr<const analysis::AnalysisRegistry> registry_;
  std::shared_ptr<const schema::Mapping> mapping_;
  QueryContext ctx_;
  ParseOptions options_;
};

}  // namespace quiver::query::dsl
