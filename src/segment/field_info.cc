#include "segment/field_info.h"

#include "common/json.h"

namespace quiver::segment {

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
    out[std::string(kv.key())] = std::move(fi);
  }
  return out;
}

}  // namespace quiver::segment
