// FieldInfo: what a segment holds for one field — written into the `info`
// component (SegmentInfo::fields_json) so a reader knows which components
// to open without the index mapping. Components of field F are named
// "terms/F", "postings/F", "positions/F", "norms/F" (inverted index),
// "dv/F" (doc values), "pt/F" (points), "vectors/F" (vector index) — see
// docs/formats/.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "common/status.h"
#include "text/index_options.h"
#include "vector/vector_index_writer.h"

namespace quiver::segment {

// The inverted field listing, per document, the fields whose values are
// otherwise not indexed (what ES's _field_names does for such fields): the
// exists query reads it.
inline constexpr std::string_view kFieldNamesField = "_field_names";

enum class DocValuesKind : uint8_t { kNone, kNumeric, kSortedSet };

struct VectorFieldInfo {
  // What the index was built with (type, metric, dims, HNSW / IVF
  // parameters); merges rebuild with the same.
  vector::VectorIndexOptions index;
  // How distances become ES _scores (the metric alone cannot tell
  // dot_product from max_inner_product, or byte from float dot products).
  vector::EsSimilarity similarity = vector::EsSimilarity::kL2Norm;
  vector::ElementType element_type = vector::ElementType::kFloat;
};

struct FieldInfo {
  std::string type;  // the mapping type name ("text", "keyword", "long", ...)
  bool inverted = false;
  text::IndexOptions index_options = text::IndexOptions::kDocs;
  bool norms = false;
  DocValuesKind doc_values = DocValuesKind::kNone;
  bool doc_values_double = false;  // numeric doc values hold sortable doubles
  bool points = false;
  // dense_vector / vector fields with a vector index.
  std::optional<VectorFieldInfo> vector;
};

using FieldInfos = std::map<std::string, FieldInfo>;

std::string EncodeFieldInfos(const FieldInfos& infos);
Result<FieldInfos> DecodeFieldInfos(std::string_view json);

// Component names.
inline std::string TermsComponent(std::string_view f) { return "terms/" + std::string(f); }
inline std::string PostingsComponent(std::string_view f) { return "postings/" + std::string(f); }
inline std::string PositionsComponent(std::string_view f) { return "positions/" + std::string(f); }
inline std::string NormsComponent(std::string_view f) { return "norms/" + std::string(f); }
inline std::string DocValuesComponent(std::string_view f) { return "dv/" + std::string(f); }
inline std::string PointsComponent(std::string_view f) { return "pt/" + std::string(f); }
inline std::string VectorsComponent(std::string_view f) { return "vectors/" + std::string(f); }

}  // namespace quiver::segment
