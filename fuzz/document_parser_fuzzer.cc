// Fuzzes quiver::schema::ParseDocument — the bulk-ingest hot path — with
// fixed mappings over arbitrary sources. It must never crash, hang, or read
// outside the source, whatever the JSON (or non-JSON) looks like.
//
// Input: one selector byte choosing the mapping, then the document source.
//   0 explicit mapping of every field type, dynamic true, templates
//   1 the same mapping with dynamic strict
//   2 no mapping at all (everything dynamic, date and numeric detection)
//   3 dynamic false, _source includes/excludes, tight mapping limits
// A document that added fields dynamically is parsed a second time against
// the mapping it produced (what the engine does when its mapping moved on).
#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "common/json.h"
#include "schema/document_parser.h"
#include "schema/index_settings.h"
#include "schema/mapping.h"

namespace quiver::fuzz {
namespace {

constexpr const char* kFullMapping = R"({
  "dynamic": true,
  "numeric_detection": true,
  "dynamic_date_formats": ["yyyy-MM-dd", "strict_date_optional_time||epoch_millis"],
  "dynamic_templates": [
    {"longs_as_ints": {"match_mapping_type": "long", "match": "i_*", "mapping": {"type": "integer"}}},
    {"strings_as_kw": {"match_mapping_type": "string", "path_match": "kw.*", "mapping": {"type": "keyword", "ignore_above": 16}}},
    {"vectors": {"match": "vec_*", "mapping": {"type": "dense_vector", "dims": 4, "similarity": "cosine"}}}
  ],
  "properties": {
    "@timestamp": {"type": "date"},
    "day": {"type": "date", "format": "yyyy-MM-dd||epoch_second"},
    "nanos": {"type": "date_nanos"},
    "title": {"type": "text", "fields": {"raw": {"type": "keyword", "ignore_above": 32}},
              "copy_to": "all_text"},
    "all_text": {"type": "text"},
    "body": {"type": "match_only_text"},
    "tag": {"type": "keyword", "normalizer": "lowercase"},
    "const": {"type": "constant_keyword", "value": "fixed"},
    "wild": {"type": "wildcard"},
    "count": {"type": "long", "ignore_malformed": true},
    "small": {"type": "integer", "coerce": false},
    "tiny": {"type": "byte"},
    "short": {"type": "short", "null_value": 7},
    "price": {"type": "scaled_float", "scaling_factor": 100},
    "big": {"type": "unsigned_long"},
    "ratio": {"type": "double"},
    "f": {"type": "float"},
    "hf": {"type": "half_float"},
    "flag": {"type": "boolean"},
    "addr": {"type": "ip"},
    "blob": {"type": "binary"},
    "emb": {"type": "dense_vector", "dims": 3, "similarity": "l2_norm"},
    "bytes_vec": {"type": "dense_vector", "dims": 3, "element_type": "byte", "similarity": "l2_norm"},
    "seed_vec": {"type": "vector", "dimension": 2, "metric": "l2"},
    "labels": {"type": "flattened"},
    "title_alias": {"type": "alias", "path": "title"},
    "user": {"properties": {"name": {"type": "keyword"}, "age": {"type": "integer"},
                            "geo": {"properties": {"city": {"type": "keyword"}}}}},
    "items": {"type": "nested", "properties": {"sku": {"type": "keyword"}, "qty": {"type": "integer"}}},
    "off": {"type": "object", "enabled": false}
  }
})";

struct Variant {
  std::shared_ptr<const schema::Mapping> mapping;
  std::unique_ptr<schema::IndexSettings> settings;
  std::unique_ptr<schema::MappingContext> ctx;
};

Variant MakeVariant(const std::string& mapping_json, const char* settings_json) {
  Variant v;
  v.ctx = std::make_unique<schema::MappingContext>();
  if (settings_json) {
    auto sj = ParseJson(settings_json);
    auto s = sj.ok() ? schema::IndexSettings::Parse(*sj) : Result<schema::IndexSettings>(sj.status());
    if (!s.ok()) {
      std::fprintf(stderr, "document_parser_fuzzer: bad settings: %s\n",
                   s.status().ToString().c_str());
      std::abort();
    }
    v.settings = std::make_unique<schema::IndexSettings>(std::move(*s));
    v.ctx->settings = v.settings.get();
  }
  auto j = ParseJson(mapping_json);
  auto m = j.ok() ? schema::Mapping::Parse(*j, *v.ctx)
                  : Result<std::shared_ptr<const schema::Mapping>>(j.status());
  if (!m.ok()) {
    std::fprintf(stderr, "document_parser_fuzzer: bad mapping: %s\n", m.status().ToString().c_str());
    std::abort();
  }
  v.mapping = *m;
  return v;
}

std::vector<Variant>& Variants() {
  static std::vector<Variant>* variants = [] {
    auto* out = new std::vector<Variant>();
    std::string strict = kFullMapping;
    strict.replace(strict.find("\"dynamic\": true"), 15, "\"dynamic\": \"strict\"");
    out->push_back(MakeVariant(kFullMapping, nullptr));
    out->push_back(MakeVariant(strict, nullptr));
    out->push_back(MakeVariant(R"({"numeric_detection": true})", nullptr));
    out->push_back(MakeVariant(
        R"({"dynamic": false,
            "_source": {"includes": ["a.*", "keep", "n*"], "excludes": ["a.secret", "*.pw"]},
            "properties": {"keep": {"type": "keyword"}, "n": {"type": "long"},
                           "a": {"properties": {"b": {"type": "text"}}}}})",
        R"({"index": {"mapping": {"total_fields": {"limit": 20}, "depth": {"limit": 4},
                                   "nested_objects": {"limit": 5}, "field_name_length": {"limit": 16}}}})"));
    return out;
  }();
  return *variants;
}

}  // namespace
}  // namespace quiver::fuzz

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  quiver::fuzz::Variants();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace quiver;
  if (size < 1) return 0;
  auto& variants = fuzz::Variants();
  const fuzz::Variant& v = variants[data[0] % variants.size()];
  // An exact-size copy: reads past the end of the source are caught.
  std::unique_ptr<char[]> copy(new char[size - 1 ? size - 1 : 1]);
  if (size > 1) std::memcpy(copy.get(), data + 1, size - 1);
  schema::DocumentParseRequest req;
  req.mapping = v.mapping;
  req.context = v.ctx.get();
  req.index = "fuzz";
  req.id = "1";
  req.source = std::string_view(copy.get(), size - 1);
  auto doc = schema::ParseDocument(req);
  if (doc.ok() && doc->dynamic_update()) {
    req.mapping = doc->mapping;
    auto again = schema::ParseDocument(req);
    (void)again;
  }
  return 0;
}
