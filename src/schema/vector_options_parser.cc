#include "schema/vector_options_parser.h"

#include <set>
#include <string>
#include <vector>

#include "common/strings.h"

namespace quiver::schema {

namespace {

struct IndexTypeInfo {
  std::string_view name;
  VectorIndexType type;
  bool hnsw;       // has m / ef_construction
  bool quantized;  // has confidence_interval / rescore_vector
  bool ivf;        // has nlist / nprobe
  bool float_only;
};

constexpr IndexTypeInfo kIndexTypes[] = {
    {"hnsw", VectorIndexType::kHnsw, true, false, false, false},
    {"int8_hnsw", VectorIndexType::kInt8Hnsw, true, true, false, true},
    {"int4_hnsw", VectorIndexType::kInt4Hnsw, true, true, false, true},
    {"bbq_hnsw", VectorIndexType::kBbqHnsw, true, true, false, true},
    {"flat", VectorIndexType::kFlat, false, false, false, false},
    {"int8_flat", VectorIndexType::kInt8Flat, false, true, false, true},
    {"int4_flat", VectorIndexType::kInt4Flat, false, true, false, true},
    {"bbq_flat", VectorIndexType::kBbqFlat, false, true, false, true},
    {"ivf", VectorIndexType::kIvf, false, false, true, false},
    {"int8_ivf", VectorIndexType::kInt8Ivf, false, true, true, true},
};

const IndexTypeInfo* FindType(std::string_view name) {
  for (const IndexTypeInfo& t : kIndexTypes) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

std::string JavaValue(const json::value& v) {
  if (v.is_string()) return std::string(v.get_string());
  return ToJson(v);
}

Status Iae(std::string msg) { return Status::InvalidArgument(std::move(msg)); }

std::optional<int64_t> IntValue(const json::value& v) { return JsonToInt64(v); }

}  // namespace

Result<json::value> ParseVectorIndexOptions(const json::value& v, std::string_view field) {
  if (!v.is_object()) {
    return Status::InvalidArgument("[index_options] must be an object on field [" +
                                   std::string(field) + "]")
        .WithType("mapper_parsing_exception");
  }
  const json::object& in = v.get_object();
  const json::value* type_value = in.if_contains("type");
  if (type_value == nullptr) {
    return Status::InvalidArgument("[index_options] requires field [type] to be configured")
        .WithType("mapper_parsing_exception");
  }
  std::string type_name = JavaValue(*type_value);
  const IndexTypeInfo* info = FindType(type_name);
  if (info == nullptr) {
    return Status::InvalidArgument("Unknown vector index options type [" + type_name +
                                   "] for field [" + std::string(field) + "]")
        .WithType("mapper_parsing_exception");
  }
  json::object out;
  out["type"] = type_name;
  std::string leftovers;
  int64_t m = 16, ef = 100, nlist = 100, nprobe = 10;
  std::optional<double> confidence;
  std::optional<json::value> rescore;
  for (const auto& kv : in) {
    std::string_view key(kv.key().data(), kv.key().size());
    const json::value& val = kv.value();
    if (key == "type") continue;
    if (info->hnsw && (key == "m" || key == "ef_construction")) {
      auto i = IntValue(val);
      if (!i) {
        return Status::InvalidArgument("For input string: \"" + JavaValue(val) + "\"")
            .WithType("number_format_exception");
      }
      (key == "m" ? m : ef) = *i;
    } else if (info->ivf && (key == "nlist" || key == "nprobe")) {
      auto i = IntValue(val);
      if (!i || *i < 1) {
        return Iae("[" + std::string(key) + "] must be a positive integer, got [" + JavaValue(val) +
                   "]");
      }
      (key == "nlist" ? nlist : nprobe) = *i;
    } else if (info->quantized && key == "confidence_interval" &&
               info->type != VectorIndexType::kBbqHnsw && info->type != VectorIndexType::kBbqFlat) {
      auto d = JsonToDouble(val);
      if (!d) return Iae("[confidence_interval] must be a number, got [" + JavaValue(val) + "]");
      confidence = *d;
    } else if (info->quantized && key == "rescore_vector") {
      const json::value* os =
          val.is_object() ? val.get_object().if_contains("oversample") : nullptr;
      auto d = os != nullptr ? JsonToDouble(*os) : std::nullopt;
      if (!d) return Iae("Invalid rescore_vector value. Missing required field [oversample]");
      if (*d != 0 && (*d < 1 || *d > 10000)) {
        return Iae(
            "oversample must be greater than or equal to [1.0] and less than or equal to "
            "[10000.0], or exactly [0]");
      }
      json::object r;
      r["oversample"] =
          *d == static_cast<int64_t>(*d) ? json::value(static_cast<int64_t>(*d)) : json::value(*d);
      rescore = json::value(std::move(r));
    } else {
      leftovers += " [" + std::string(key) + " : " + JavaValue(val) + "]";
    }
  }
  if (!leftovers.empty()) {
    return Status::InvalidArgument("Mapping definition for [" + std::string(field) +
                                   "] has unsupported parameters: " + leftovers)
        .WithType("mapper_parsing_exception");
  }
  if (info->hnsw) {
    if (m <= 0 || m > 512) {
      return Iae("maxConn must be positive and less than or equal to 512; maxConn=" +
                 std::to_string(m));
    }
    if (ef <= 0 || ef > 3200) {
      return Iae("beamWidth must be positive and less than or equal to 3200; beamWidth=" +
                 std::to_string(ef));
    }
    out["m"] = m;
    out["ef_construction"] = ef;
  }
  if (info->ivf) {
    out["nlist"] = nlist;
    out["nprobe"] = nprobe;
  }
  if (info->type == VectorIndexType::kInt4Hnsw || info->type == VectorIndexType::kInt4Flat) {
    if (!confidence) confidence = 0.0;
  }
  if (confidence) {
    if (*confidence != 0 && (*confidence < 0.9 || *confidence > 1.0)) {
      std::string text;
      AppendJsonDouble(&text, *confidence);
      return Iae("confidenceInterval must be between 0.90 and 1.0 or == 0; confidenceInterval=" +
                 text);
    }
    out["confidence_interval"] = *confidence;
  }
  if (rescore) out["rescore_vector"] = *rescore;
  return json::value(std::move(out));
}

Status ValidateVectorDims(const VectorOptions& options, int dims) {
  if (!options.index_options || dims <= 0) return Status::Ok();
  const VectorIndexType t = options.index_options->type;
  if ((t == VectorIndexType::kInt4Hnsw || t == VectorIndexType::kInt4Flat) && dims % 2 != 0) {
    return Iae(std::string(VectorIndexTypeName(t)) +
               " only supports even dimensions; provided=" + std::to_string(dims));
  }
  if ((t == VectorIndexType::kBbqHnsw || t == VectorIndexType::kBbqFlat) && dims < 64) {
    return Iae(std::string(VectorIndexTypeName(t)) +
               " does not support dimensions fewer than 64; provided=" + std::to_string(dims));
  }
  return Status::Ok();
}

Status FinalizeVectorOptions(std::string_view field, FieldType type, const json::object& params,
                             const json::object& effective, VectorOptions* out, bool* indexed) {
  *out = VectorOptions();
  if (type == FieldType::kVector) {
    // The seed IVF plugin's field: {dimension, metric, nlist, nprobe}.
    const json::value* dims = params.if_contains("dimension");
    if (dims == nullptr) {
      return Status::InvalidArgument("Property [dimension] is required for field [" +
                                     std::string(field) + "] of type [vector]")
          .WithType("mapper_parsing_exception");
    }
    out->dims = static_cast<int>(dims->as_int64());
    std::string_view metric = effective.at("metric").as_string();
    out->similarity = metric == "cosine" ? VectorSimilarity::kCosine
                      : metric == "dot"  ? VectorSimilarity::kDotProduct
                                         : VectorSimilarity::kL2Norm;
    VectorIndexOptions io;
    io.type = VectorIndexType::kIvf;
    io.nlist = static_cast<int>(effective.at("nlist").as_int64());
    io.nprobe = static_cast<int>(effective.at("nprobe").as_int64());
    out->index_options = io;
    out->indexed = true;
    *indexed = true;
    return Status::Ok();
  }

  std::string_view element = effective.at("element_type").as_string();
  out->element_type = element == "byte"  ? VectorElementType::kByte
                      : element == "bit" ? VectorElementType::kBit
                                         : VectorElementType::kFloat;
  out->indexed = effective.at("index").as_bool();
  *indexed = out->indexed;
  if (const json::value* d = params.if_contains("dims"))
    out->dims = static_cast<int>(d->as_int64());

  if (!out->indexed) {
    if (params.if_contains("similarity") != nullptr) {
      return Iae(
          "Field [similarity] can only be specified for a field of type [dense_vector] "
          "when it is indexed");
    }
    if (params.if_contains("index_options") != nullptr) {
      return Iae(
          "Field [index_options] can only be specified for a field of type [dense_vector] "
          "when it is indexed");
    }
    return Status::Ok();
  }
  std::string_view sim = effective.at("similarity").as_string();
  out->similarity = sim == "l2_norm"             ? VectorSimilarity::kL2Norm
                    : sim == "dot_product"       ? VectorSimilarity::kDotProduct
                    : sim == "max_inner_product" ? VectorSimilarity::kMaxInnerProduct
                                                 : VectorSimilarity::kCosine;
  if (out->element_type == VectorElementType::kBit &&
      out->similarity != VectorSimilarity::kL2Norm) {
    return Iae("The [l2_norm] similarity is the only supported similarity for bit vectors");
  }
  const json::value& io_json = effective.at("index_options");
  VectorIndexOptions io;
  io.type = VectorIndexType::kHnsw;
  if (io_json.is_object()) {
    const json::object& o = io_json.get_object();
    const IndexTypeInfo* info = FindType(o.at("type").as_string());
    io.type = info->type;
    if (info->float_only && out->element_type != VectorElementType::kFloat) {
      return Iae("[element_type] cannot be [" + std::string(element) + "] when using index type [" +
                 std::string(info->name) + "]");
    }
    if (const json::value* v = o.if_contains("m")) io.m = static_cast<int>(v->as_int64());
    if (const json::value* v = o.if_contains("ef_construction")) {
      io.ef_construction = static_cast<int>(v->as_int64());
    }
    if (const json::value* v = o.if_contains("nlist")) io.nlist = static_cast<int>(v->as_int64());
    if (const json::value* v = o.if_contains("nprobe")) io.nprobe = static_cast<int>(v->as_int64());
    if (const json::value* v = o.if_contains("confidence_interval")) {
      io.confidence_interval = static_cast<float>(v->to_number<double>());
    }
    if (const json::value* v = o.if_contains("rescore_vector")) {
      io.rescore_oversample = static_cast<float>(v->at("oversample").to_number<double>());
    }
  }
  out->index_options = io;
  return ValidateVectorDims(*out, out->dims);
}

bool VectorIndexOptionsUpdatable(const json::value& from, const json::value& to) {
  if (!from.is_object() || !to.is_object()) return false;
  std::string_view a = from.at("type").as_string();
  std::string_view b = to.at("type").as_string();
  auto m_of = [](const json::value& v) {
    const json::value* m = v.get_object().if_contains("m");
    return m != nullptr ? m->as_int64() : 16;
  };
  const bool m_ok = m_of(to) >= m_of(from);
  static const std::set<std::pair<std::string_view, std::string_view>> kUpgrades = {
      {"int8_flat", "hnsw"},      {"int8_flat", "int8_hnsw"}, {"int8_flat", "int4_hnsw"},
      {"int8_flat", "int4_flat"}, {"int4_flat", "hnsw"},      {"int4_flat", "int8_hnsw"},
      {"int4_flat", "int4_hnsw"}, {"bbq_flat", "bbq_hnsw"},   {"ivf", "int8_ivf"},
  };
  if (a == "flat") return true;
  if (a == b) return FindType(a)->hnsw ? m_ok : true;
  if (kUpgrades.count({a, b}) > 0) return true;
  if (a == "hnsw" && (b == "int8_hnsw" || b == "int4_hnsw" || b == "bbq_hnsw")) return m_ok;
  if (a == "int8_hnsw" && (b == "int4_hnsw" || b == "bbq_hnsw")) return m_ok;
  if (a == "int4_hnsw" && b == "bbq_hnsw") return m_ok;
  return false;
}

}  // namespace quiver::schema
