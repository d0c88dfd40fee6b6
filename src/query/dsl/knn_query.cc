// knn: approximate nearest neighbours on a dense_vector (or the seed
// plugin's `vector`) field (ES 8.13+ KnnVectorQueryBuilder): field,
// query_vector (numbers, or hex for byte vectors), k (default: the request
// size), num_candidates (default min(1.5 k, 10000)), filter (one query or
// an array, applied during the search), similarity, boost, _name; Quiver
// also reads `nprobe` (IVF) and rescore_vector.oversample.
#include <cmath>

#include "query/dsl/field_lookup.h"
#include "query/dsl/query_nodes.h"
#include "query/dsl/query_parsers.h"
#include "schema/field_type.h"

namespace quiver::query::dsl {

namespace {

constexpr int kNumCandidatesLimit = 10000;

const std::vector<std::string_view> kKnnParams = {
    "field",          "query_vector", "query_vector_builder", "k",
    "num_candidates", "filter",       "similarity",           "boost",
    "_name",          "nprobe",       "rescore_vector"};

Result<std::vector<float>> ParseVector(const json::value& v) {
  std::vector<float> out;
  if (v.is_string()) {
    std::string_view hex(v.get_string());
    if (hex.size() % 2 != 0) {
      return IllegalArgumentError("[knn] failed to parse field [query_vector]");
    }
    auto nibble = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      return -1;
    };
    for (size_t i = 0; i < hex.size(); i += 2) {
      int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
      if (hi < 0 || lo < 0)
        return IllegalArgumentError("[knn] failed to parse field [query_vector]");
      out.push_back(static_cast<float>(static_cast<int8_t>(hi * 16 + lo)));
    }
    return out;
  }
  if (!v.is_array()) return XContentParseError("[knn] failed to parse field [query_vector]");
  for (const auto& e : v.get_array()) {
    auto d = JsonToDouble(e);
    if (!e.is_number() || !d)
      return XContentParseError("[knn] failed to parse field [query_vector]");
    out.push_back(static_cast<float>(*d));
  }
  return out;
}

// ES DenseVectorFieldType checks on the query vector.
Status CheckVector(const schema::FieldMapper& f, const std::vector<float>& vector) {
  const schema::VectorOptions& o = f.vector();
  if (o.dims > 0 && static_cast<int>(vector.size()) != o.dims) {
    return IllegalArgumentError("The query vector has a different number of dimensions [" +
                                std::to_string(vector.size()) + "] than the document vectors [" +
                                std::to_string(o.dims) + "].");
  }
  if (!o.indexed) {
    return IllegalArgumentError("to perform knn search on field [" + f.full_path() +
                                "], its mapping must have [index] set to [true]");
  }
  if (o.element_type == schema::VectorElementType::kByte) {
    for (size_t i = 0; i < vector.size(); ++i) {
      float x = vector[i];
      if (x != std::floor(x)) {
        return IllegalArgumentError(
            "element_type [byte] vectors only support non-decimal values but found decimal value "
            "[" +
            std::to_string(x) + "] at dim [" + std::to_string(i) + "];");
      }
      if (x < -128 || x > 127) {
        return IllegalArgumentError(
            "element_type [byte] vectors only support integers between [-128, 127] but found [" +
            std::to_string(static_cast<int64_t>(x)) + "] at dim [" + std::to_string(i) + "];");
      }
    }
  }
  double norm = 0;
  for (float x : vector) norm += static_cast<double>(x) * x;
  norm = std::sqrt(norm);
  if (o.similarity == schema::VectorSimilarity::kCosine && norm == 0) {
    return IllegalArgumentError(
        "The [cosine] similarity does not support vectors with zero magnitude.");
  }
  if (o.similarity == schema::VectorSimilarity::kDotProduct &&
      o.element_type == schema::VectorElementType::kFloat && std::fabs(norm - 1.0) > 1e-4) {
    return IllegalArgumentError(
        "The [dot_product] similarity can only be used with unit-length vectors.");
  }
  return Status::Ok();
}

}  // namespace

Result<QueryPtr> ParseKnnQuery(const json::value& body, ParseContext& pc) {
  KnnQuery knn;
  CommonParams common;
  std::string field;
  std::optional<std::vector<float>> vector;
  std::optional<int> k, num_candidates;
  std::vector<QueryPtr> filters;
  bool has_builder = false;
  for (const auto& kv : body.get_object()) {
    std::string_view key(kv.key());
    const json::value& v = kv.value();
    Status st;
    if (key == "field") {
      QUIVER_ASSIGN_OR_RETURN(field, ReadString(v, "knn", key));
    } else if (key == "query_vector") {
      QUIVER_ASSIGN_OR_RETURN(vector, ParseVector(v));
    } else if (key == "query_vector_builder") {
      has_builder = true;
    } else if (key == "k") {
      QUIVER_ASSIGN_OR_RETURN(int value, ReadInt(v, "knn", key));
      k = value;
    } else if (key == "num_candidates") {
      QUIVER_ASSIGN_OR_RETURN(int value, ReadInt(v, "knn", key));
      num_candidates = value;
    } else if (key == "filter") {
      QUIVER_ASSIGN_OR_RETURN(filters, ParseInnerQueries(v, pc));
    } else if (key == "similarity") {
      QUIVER_ASSIGN_OR_RETURN(float s, ReadFloat(v, "knn", key));
      knn.similarity = s;
    } else if (key == "nprobe") {
      QUIVER_ASSIGN_OR_RETURN(knn.nprobe, ReadInt(v, "knn", key));
    } else if (key == "rescore_vector") {
      const json::value* o = JsonFind(v, "oversample");
      if (!v.is_object() || o == nullptr) {
        return XContentParseError("[knn] failed to parse field [rescore_vector]");
      }
      QUIVER_ASSIGN_OR_RETURN(knn.rescore_oversample, ReadFloat(*o, "knn", "oversample"));
    } else if (pc.ReadCommon(key, v, "knn", &common, &st)) {
      QUIVER_RETURN_IF_ERROR(st);
    } else {
      return UnknownField("knn", key, kKnnParams);
    }
  }
  if (field.empty()) return XContentParseError("[knn] Required [field]");
  // ES validates these when it builds the query object at the end of the
  // knn body: x_content_parse_exception caused by the validation error.
  auto build_error = [](Status cause) {
    return XContentParseError("[knn] failed to build [knn] after last required field arrived")
        .WithCause(cause);
  };
  if (has_builder) {
    return IllegalArgumentError("[query_vector_builder] is not supported: no inference service");
  }
  if (!vector) {
    return build_error(
        IllegalArgumentError("either [query_vector] or [query_vector_builder] must be provided"));
  }
  if (k && *k < 1) return build_error(IllegalArgumentError("[k] must be greater than 0"));
  if (num_candidates) {
    if (*num_candidates > kNumCandidatesLimit) {
      return build_error(IllegalArgumentError("[num_candidates] cannot exceed [10000]"));
    }
    if (*num_candidates < 1) {
      return build_error(IllegalArgumentError("[num_candidates] must be greater than 0"));
    }
    if (k && *num_candidates < *k) {
      return build_error(IllegalArgumentError("[num_candidates] cannot be less than [k]"));
    }
  }
  knn.k = k.value_or(std::max(1, pc.options().request_size));
  knn.num_candidates = num_candidates.value_or(std::max(
      knn.k, static_cast<int>(std::lround(std::min(1.5 * knn.k, double(kNumCandidatesLimit))))));
  if (knn.num_candidates < knn.k) knn.k = knn.num_candidates;
  if (filters.size() == 1) {
    knn.filter = filters[0];
  } else if (filters.size() > 1) {
    std::vector<Clause> clauses;
    for (auto& f : filters) clauses.push_back({f, Occur::kFilter});
    knn.filter = MakeBool(clauses);
  }
  for (const QueryPtr& f : filters) {
    if (IsMatchNone(f)) return Finish(f, common.boost, common.name);
  }
  FieldRef ref = ResolveField(pc, field);
  if (!ref.mapped()) {
    // ES 8.16+: an unmapped field matches nothing, unless the index forbids
    // unmapped fields in queries.
    if (pc.settings().Get("index.query.parse.allow_unmapped_fields").value_or("true") == "false") {
      return pc.Defer(
          pc.ShardError("No field mapping can be found for the field with name [" + field + "]"));
    }
    return MakeQuery(MatchNoneQuery{"field [" + field + "] does not exist in the mapping"});
  }
  if (ref.mapper == nullptr || !schema::IsVectorType(ref.mapper->type())) {
    return pc.Defer(
        IllegalArgumentError("[knn] queries are only supported on [dense_vector] fields"));
  }
  Status st = CheckVector(*ref.mapper, *vector);
  if (!st.ok()) return pc.Defer(st);
  knn.field = ref.name;
  knn.vector = std::move(*vector);
  return Finish(MakeQuery(std::move(knn)), common.boost, common.name);
}

}  // namespace quiver::query::dsl

namespace quiver::query::dsl {

// ann: the seed IVF plugin's query, {"field", "vector", "algorithm": "ivf",
// "nprobe", "k"}. It means a kNN search returning the k nearest with real
// similarity scores; on an index whose IVF is not trained yet the search is
// exact (never match-all).
Result<QueryPtr> ParseAnnQuery(const json::value& body, ParseContext& pc) {
  static const std::vector<std::string_view> kAnnParams = {"field", "vector", "algorithm", "nprobe",
                                                           "k",     "boost",  "_name"};
  KnnQuery knn;
  CommonParams common;
  std::string field;
  std::optional<std::vector<float>> vector;
  for (const auto& kv : body.get_object()) {
    std::string_view key(kv.key());
    const json::value& v = kv.value();
    Status st;
    if (key == "field") {
      QUIVER_ASSIGN_OR_RETURN(field, ReadString(v, "ann", key));
    } else if (key == "vector") {
      QUIVER_ASSIGN_OR_RETURN(vector, ParseVector(v));
    } else if (key == "algorithm") {
      QUIVER_ASSIGN_OR_RETURN(std::string algorithm, ReadString(v, "ann", key));
      if (algorithm != "ivf" && algorithm != "hnsw" && algorithm != "flat") {
        return IllegalArgumentError("[ann] unknown algorithm [" + algorithm + "]");
      }
    } else if (key == "nprobe") {
      QUIVER_ASSIGN_OR_RETURN(knn.nprobe, ReadInt(v, "ann", key));
      if (knn.nprobe < 1) return IllegalArgumentError("[ann] [nprobe] must be greater than 0");
    } else if (key == "k") {
      QUIVER_ASSIGN_OR_RETURN(knn.k, ReadInt(v, "ann", key));
      if (knn.k < 1 || knn.k > kNumCandidatesLimit) {
        return IllegalArgumentError("[ann] [k] must be between 1 and 10000");
      }
    } else if (pc.ReadCommon(key, v, "ann", &common, &st)) {
      QUIVER_RETURN_IF_ERROR(st);
    } else {
      return UnknownField("ann", key, kAnnParams);
    }
  }
  if (field.empty()) return XContentParseError("[ann] Required [field]");
  if (!vector) return XContentParseError("[ann] Required [vector]");
  // HNSW fields searched through `ann` get a beam of at least 100.
  knn.num_candidates = std::max(knn.k, 100);
  FieldRef ref = ResolveField(pc, field);
  if (ref.mapper == nullptr || !schema::IsVectorType(ref.mapper->type())) {
    return pc.Defer(IllegalArgumentError(
        "[ann] queries are only supported on [vector] and [dense_vector] fields, got [" + field +
        "]"));
  }
  Status st = CheckVector(*ref.mapper, *vector);
  if (!st.ok()) return pc.Defer(st);
  knn.field = ref.name;
  knn.vector = std::move(*vector);
  return Finish(MakeQuery(std::move(knn)), common.boost, common.name);
}

}  // namespace quiver::query::dsl
