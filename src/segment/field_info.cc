#include "segment/field_info.h"

#include "common/json.h"

namespace quiver::segment {

namespace {

const char* SimilarityName(vector::EsSimilarity s) {
  switch (s) {
    case vector::EsSimilarity::kL2Norm:
      return "l2_norm";
    case vector::EsSimilarity::kCosine:
      return "cosine";
    case vector::EsSimilarity::kDotProduct:
      return "dot_product";
    case vector::EsSimilarity::kMaxInnerProduct:
      return "max_inner_product";
  }
  return "l2_norm";
}

}  // namespace

std::string EncodeFieldInfos(const FieldInfos& infos) {
  json::object o;
  for (const auto& [name, fi] : infos) {
    json::object f;
    f["type"] = fi.type;
    if (fi.inverted) {
      f["inv"] = std::string(text::IndexOptionsName(fi.index_options));
      f["norms"] = fi.norms;
    }
    if (fi.doc_values == DocValuesKind::kNumeric) {
      f["dv"] = fi.doc_values_double ? "double" : "numeric";
    } else if (fi.doc_values == DocValuesKind::kSortedSet) {
      f["dv"] = "sorted_set";
    }
    if (fi.points) f["pt"] = true;
    if (fi.vector) {
      const vector::VectorIndexOptions& v = fi.vector->index;
      json::object vec;
      vec["type"] = vector::IndexTypeName(v.type);
      vec["metric"] = vector::MetricName(v.metric);
      vec["dims"] = v.dims;
      vec["m"] = v.hnsw.m;
      vec["ef_construction"] = v.hnsw.ef_construction;
      vec["nlist"] = v.ivf.nlist;
      vec["nprobe"] = v.ivf.nprobe;
      vec["confidence_interval"] = static_cast<double>(v.confidence_interval);
      vec["similarity"] = SimilarityName(fi.vector->similarity);
      vec["element_type"] =
          fi.vector->element_type == vector::ElementType::kByte ? "byte" : "float";
      f["vec"] = std::move(vec);
    }
    o[name] = std::move(f);
  }
  return ToJson(o);
}

Result<FieldInfos> DecodeFieldInfos(std::string_view text) {
  auto parsed = ParseJson(text);
  if (!parsed.ok() || !parsed->is_object()) {
    return Status::Corruption("segment field infos are not valid JSON");
  }
  FieldInfos out;
  for (const auto& kv : parsed->get_object()) {
    if (!kv.value().is_object()) return Status::Corruption("segment field info is not an object");
    FieldInfo fi;
    const json::value& f = kv.value();
    if (auto* t = JsonFind(f, "type"); t && t->is_string()) fi.type = std::string(t->get_string());
    if (auto* inv = JsonFind(f, "inv"); inv && inv->is_string()) {
      fi.inverted = true;
      if (!text::ParseIndexOptions(std::string(inv->get_string()), &fi.index_options)) {
        return Status::Corruption("segment field info has bad index options");
      }
      if (auto* n = JsonFind(f, "norms")) fi.norms = JsonToBool(*n).value_or(false);
    }
    if (auto* dv = JsonFind(f, "dv"); dv && dv->is_string()) {
      std::string kind(dv->get_string());
      if (kind == "numeric" || kind == "double") {
        fi.doc_values = DocValuesKind::kNumeric;
        fi.doc_values_double = kind == "double";
      } else if (kind == "sorted_set") {
        fi.doc_values = DocValuesKind::kSortedSet;
      } else {
        return Status::Corruption("segment field info has bad doc values kind");
      }
    }
    if (auto* pt = JsonFind(f, "pt")) fi.points = JsonToBool(*pt).value_or(false);
    if (auto* vec = JsonFind(f, "vec"); vec && vec->is_object()) {
      auto bad = [] { return Status::Corruption("segment field info has bad vector options"); };
      vector::VectorIndexOptions v;
      const json::value* type = JsonFind(*vec, "type");
      const json::value* metric = JsonFind(*vec, "metric");
      if (!type || !type->is_string() || !metric || !metric->is_string()) return bad();
      auto t = vector::ParseIndexType(std::string(type->get_string()));
      auto m = vector::ParseMetric(std::string(metric->get_string()));
      if (!t.ok() || !m.ok()) return bad();
      v.type = *t;
      v.metric = *m;
      auto u32 = [&](const char* key, uint32_t* out) {
        if (const json::value* x = JsonFind(*vec, key)) {
          auto n = JsonToInt64(*x);
          if (!n || *n < 0 || *n > UINT32_MAX) return false;
          *out = static_cast<uint32_t>(*n);
        }
        return true;
      };
      if (!u32("dims", &v.dims) || !u32("m", &v.hnsw.m) ||
          !u32("ef_construction", &v.hnsw.ef_construction) || !u32("nlist", &v.ivf.nlist) ||
          !u32("nprobe", &v.ivf.nprobe)) {
        return bad();
      }
      if (const json::value* ci = JsonFind(*vec, "confidence_interval")) {
        v.confidence_interval = static_cast<float>(JsonToDouble(*ci).value_or(0));
      }
      VectorFieldInfo vf;
      vf.index = v;
      if (const json::value* sim = JsonFind(*vec, "similarity"); sim && sim->is_string()) {
        auto es = vector::ParseEsSimilarity(std::string(sim->get_string()));
        if (!es.ok()) return bad();
        vf.similarity = *es;
      } else {
        vf.similarity = v.metric == vector::Metric::kL2       ? vector::EsSimilarity::kL2Norm
                        : v.metric == vector::Metric::kCosine ? vector::EsSimilarity::kCosine
                                                              : vector::EsSimilarity::kDotProduct;
      }
      if (const json::value* et = JsonFind(*vec, "element_type"); et && et->is_string()) {
        vf.element_type =
            et->get_string() == "byte" ? vector::ElementType::kByte : vector::ElementType::kFloat;
      }
      fi.vector = vf;
    }
    out[std::string(kv.key())] = std::move(fi);
  }
  return out;
}

}  // namespace quiver::segment
