// FieldMapper: one leaf field of a mapping (text, keyword, long, date,
// dense_vector, ...) with every parameter resolved — explicit values or ES
// defaults — so the indexer never re-reads mapping JSON. Multi-fields
// ("title.keyword") are FieldMappers too, owned by their parent field.
//
// Built once by the mapping parser (field_mapper_parser.cc), then immutable
// and shared between Mapping versions through shared_ptr<const FieldMapper>;
// a FieldMapper* taken from a Mapping stays valid while that Mapping lives.
// Thread-safe for concurrent reads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.h"
#include "schema/date_format.h"
#include "schema/field_type.h"

namespace quiver::schema {

enum class IndexOptions : uint8_t { kDocs, kFreqs, kPositions, kOffsets };

enum class TermVector : uint8_t {
  kNo,
  kYes,
  kWithPositions,
  kWithOffsets,
  kWithPositionsOffsets,
  kWithPositionsPayloads,
  kWithPositionsOffsetsPayloads,
};

enum class VectorElementType : uint8_t { kFloat, kByte, kBit };

enum class VectorSimilarity : uint8_t { kL2Norm, kCosine, kDotProduct, kMaxInnerProduct };

enum class VectorIndexType : uint8_t {
  kHnsw,
  kInt8Hnsw,
  kInt4Hnsw,
  kBbqHnsw,
  kFlat,
  kInt8Flat,
  kInt4Flat,
  kBbqFlat,
  kIvf,      // Quiver / seed IVF plugin
  kInt8Ivf,  // Quiver
};

std::string_view IndexOptionsName(IndexOptions v);
std::string_view VectorElementTypeName(VectorElementType v);
std::string_view VectorSimilarityName(VectorSimilarity v);
std::string_view VectorIndexTypeName(VectorIndexType v);

struct IndexPrefixes {
  int min_chars = 2;
  int max_chars = 5;
};

// text, match_only_text.
struct TextOptions {
  // Analyzer names; "default" is the index default analyzer.
  std::string analyzer = "default";
  std::string search_analyzer = "default";        // defaults to `analyzer`
  std::string search_quote_analyzer = "default";  // defaults to `search_analyzer`
  IndexOptions index_options = IndexOptions::kPositions;
  bool norms = true;
  int position_increment_gap = 100;
  bool fielddata = false;
  bool eager_global_ordinals = false;
  bool index_phrases = false;
  std::optional<IndexPrefixes> index_prefixes;
  TermVector term_vector = TermVector::kNo;
  std::string similarity = "BM25";
};

// keyword, constant_keyword, wildcard, flattened.
struct KeywordOptions {
  int ignore_above = INT32_MAX;  // longer strings are not indexed (still in _source)
  std::string normalizer;        // empty: none
  bool eager_global_ordinals = false;
  bool split_queries_on_whitespace = false;
  IndexOptions index_options = IndexOptions::kDocs;
  bool norms = false;
  std::string similarity = "BM25";
  // constant_keyword: the value every document has (unset until configured
  // or taken from the first document).
  std::optional<std::string> constant_value;
  int depth_limit = 20;  // flattened
};

// Numeric types, boolean, ip, date, geo_point (ignore_malformed / coerce).
struct NumericOptions {
  bool coerce = true;
  bool ignore_malformed = false;
  bool ignore_z_value = true;  // geo_point
  double scaling_factor = 0;   // scaled_float
};

struct DateOptions {
  DateFormat format;   // DateFormat::Default() / DefaultNanos()
  std::string locale;  // as configured; empty: ROOT
  bool ignore_malformed = false;
};

struct VectorIndexOptions {
  VectorIndexType type = VectorIndexType::kInt8Hnsw;
  int m = 16;
  int ef_construction = 100;
  std::optional<float> confidence_interval;
  std::optional<float> rescore_oversample;  // index_options.rescore_vector.oversample
  int nlist = 100;                          // ivf
  int nprobe = 10;                          // ivf
};

// dense_vector and the seed plugin's `vector`.
struct VectorOptions {
  int dims = 0;  // 0: not set yet (taken from the first document)
  VectorElementType element_type = VectorElementType::kFloat;
  bool indexed = true;
  std::optional<VectorSimilarity> similarity;  // set whenever indexed
  std::optional<VectorIndexOptions> index_options;
};

class FieldMapper {
 public:
  // Full dotted path ("user.name", "title.keyword").
  const std::string& full_path() const { return full_path_; }
  // Last path component ("name", "keyword").
  const std::string& name() const { return name_; }
  FieldType type() const { return type_; }
  std::string_view type_name() const { return FieldTypeName(type_); }
  // True for a field defined under another field's "fields".
  bool is_multi_field() const { return is_multi_field_; }

  bool indexed() const { return index_; }
  bool stored() const { return store_; }
  bool doc_values() const { return doc_values_; }
  const std::vector<std::string>& copy_to() const { return copy_to_; }
  const std::vector<std::shared_ptr<const FieldMapper>>& multi_fields() const {
    return multi_fields_;
  }
  // `meta`: an object of string values (empty object when none).
  const json::value& meta() const { return meta_; }
  // `null_value` as configured (normalized JSON); nullopt when none.
  const std::optional<json::value>& null_value() const { return null_value_; }

  const TextOptions& text() const { return text_; }
  const KeywordOptions& keyword() const { return keyword_; }
  const NumericOptions& numeric() const { return numeric_; }
  const DateOptions& date() const { return date_; }
  const VectorOptions& vector() const { return vector_; }
  // alias: the target field's full path.
  const std::string& alias_path() const { return alias_path_; }

  // Explicitly configured parameters after normalization (bool/number/string
  // JSON); excludes type and fields.
  const json::object& params() const { return params_; }
  // Every parameter of the type with its effective value (explicit or
  // default); what merges compare.
  const json::object& effective_params() const { return effective_; }

  // The field's definition as GET _mapping shows it: type, then explicitly
  // set non-default parameters (plus those ES always shows, e.g. dense_vector
  // index/similarity/index_options), then fields and copy_to.
  json::value ToJson() const;

  // Mapping-internal construction (field_mapper_parser.cc).
  struct Builder;

 private:
  friend struct Builder;
  FieldMapper() = default;

  std::string full_path_;
  std::string name_;
  FieldType type_ = FieldType::kKeyword;
  bool is_multi_field_ = false;
  bool index_ = true;
  bool store_ = false;
  bool doc_values_ = true;
  std::vector<std::string> copy_to_;
  std::vector<std::shared_ptr<const FieldMapper>> multi_fields_;  // sorted by name
  json::value meta_ = json::object();
  std::optional<json::value> null_value_;
  TextOptions text_;
  KeywordOptions keyword_;
  NumericOptions numeric_;
  DateOptions date_;
  VectorOptions vector_;
  std::string alias_path_;
  json::object params_;
  json::object effective_;
  json::object shown_;  // what ToJson prints besides type/fields/copy_to
};

}  // namespace quiver::schema
