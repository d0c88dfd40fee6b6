// Leaf values of a document: scalars through ValueConverter with ES's error
// wrapping, null_value, ignore_above / ignore_malformed, multi-fields,
// copy_to, flattened objects and dense vectors.
#include <cmath>

#include "common/strings.h"
#include "schema/document_parser_internal.h"
#include "schema/field_mapper_parser.h"
#include "schema/vector_options_parser.h"

namespace quiver::schema {

namespace {

// Java String.length(): UTF-16 code units.
size_t Utf16Length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;  // a code point start
    if ((c & 0xF8) == 0xF0) ++n;  // 4-byte sequences are surrogate pairs
  }
  return n;
}

bool IgnoresMalformed(const FieldMapper& f) {
  const FieldType t = f.type();
  if (IsDateType(t)) return f.date().ignore_malformed;
  if (IsNumericType(t) || t == FieldType::kBoolean || t == FieldType::kIp ||
      t == FieldType::kGeoPoint) {
    return f.numeric().ignore_malformed;
  }
  return false;
}

std::string_view JsonTypeTokenName(od::json_type t) {
  switch (t) {
    case od::json_type::object:
      return "START_OBJECT";
    case od::json_type::array:
      return "START_ARRAY";
    case od::json_type::string:
      return "VALUE_STRING";
    case od::json_type::boolean:
      return "VALUE_BOOLEAN";
    case od::json_type::null:
      return "VALUE_NULL";
    default:
      return "VALUE_NUMBER";
  }
}

// "Preview of invalid vector: [a, b, c, d, e, ...]", Java float formatting.
std::string VectorPreview(const std::vector<float>& v, bool integers) {
  std::string out = " Preview of invalid vector: [";
  for (size_t i = 0; i < std::min<size_t>(5, v.size()); ++i) {
    if (i > 0) out += ", ";
    if (integers) {
      out += std::to_string(static_cast<int>(v[i]));
    } else if (std::isinf(v[i])) {
      out += v[i] > 0 ? "Infinity" : "-Infinity";
    } else {
      AppendJsonFloat(&out, v[i]);
    }
  }
  if (v.size() >= 5) out += ", ...";
  return out + "]";
}

std::string JavaFloat(float f) {
  if (std::isinf(f)) return f > 0 ? "Infinity" : "-Infinity";
  if (std::isnan(f)) return "NaN";
  std::string s;
  AppendJsonFloat(&s, f);
  return s;
}

}  // namespace

Status DocParser::IndexScalar(const FieldMapper& f, const JsonScalar& s, const char* pos,
                              bool copy) {
  const FieldType t = f.type();
  if (t == FieldType::kAlias) {
    return DocError(pos, "Cannot write to a field alias [" + f.full_path() + "].");
  }
  if (IsVectorType(t)) {
    return FailedToParse(
        pos, Status::InvalidArgument(
                 "Failed to parse object: expecting token of type [START_ARRAY] "
                 "but found [VALUE_" +
                 std::string(s.kind == JsonScalar::Kind::kString ? "STRING" : "NUMBER") + "]")
                 .WithType("parsing_exception"));
  }
  bool index_value = true;
  // UTF-16 length <= UTF-8 length: only long values need counting.
  if (IsKeywordType(t) && t != FieldType::kConstantKeyword &&
      s.text.size() > static_cast<size_t>(f.keyword().ignore_above) &&
      Utf16Length(s.text) > static_cast<size_t>(f.keyword().ignore_above)) {
    MarkIgnored(f.full_path());
    index_value = false;
  }
  if (t == FieldType::kConstantKeyword) {
    const auto& value = f.keyword().constant_value;
    if (!value) {
      ReplaceField(f, WithConstantValue(f, std::string(s.text)));
    } else if (*value != s.text) {
      return FieldError(f, pos, s.text,
                        Status::InvalidArgument(
                            "[constant_keyword] field [" + f.full_path() +
                            "] only accepts values that are equal to the value defined in the "
                            "mappings [" +
                            *value + "], but got [" + std::string(s.text) + "]"));
    }
  }
  if (index_value) {
    FieldValue fv;
    Status st = ConvertScalar(f, s, &fv);
    if (!st.ok()) {
      if (IgnoresMalformed(f)) {
        MarkIgnored(f.full_path());
      } else {
        return FieldError(f, pos, s.text, st);
      }
    } else {
      out_->fields.push_back(std::move(fv));
    }
  }
  for (const auto& sub : f.multi_fields()) QUIVER_RETURN_IF_ERROR(IndexScalar(*sub, s, pos, true));
  if (!copy && !in_copy_to_ && !f.copy_to().empty()) QUIVER_RETURN_IF_ERROR(CopyTo(f, s, pos));
  return Status::Ok();
}

Status DocParser::IndexNull(const FieldMapper& f, const char* pos) {
  if (f.null_value()) {
    std::string storage;
    JsonScalar s = ScalarFromJson(*f.null_value(), &storage);
    FieldValue fv;
    Status st = ConvertScalar(f, s, &fv);
    if (st.ok()) out_->fields.push_back(std::move(fv));
  }
  for (const auto& sub : f.multi_fields()) QUIVER_RETURN_IF_ERROR(IndexNull(*sub, pos));
  return Status::Ok();
}

Status DocParser::CopyTo(const FieldMapper& f, const JsonScalar& s, const char* pos) {
  in_copy_to_ = true;
  for (const std::string& target : f.copy_to()) {
    auto field = FieldForPath(target, s, pos);
    if (!field.ok()) {
      in_copy_to_ = false;
      return field.status();
    }
    if (*field == nullptr) continue;
    Status st = IndexScalar(**field, s, pos, true);
    if (!st.ok()) {
      in_copy_to_ = false;
      return st;
    }
  }
  in_copy_to_ = false;
  return Status::Ok();
}

Status DocParser::ParseLeaf(const FieldMapper& f, od::value v, int depth, ObjCtx& ctx) {
  const char* pos = v.raw_json_token().data();
  if (depth > kMaxDocumentDepth) return JsonError(simdjson::DEPTH_ERROR, pos);
  if (f.type() == FieldType::kAlias) {
    return DocError(pos, "Cannot write to a field alias [" + f.full_path() + "].");
  }
  if (IsVectorType(f.type())) return ParseVector(f, v, pos);
  if (f.type() == FieldType::kGeoPoint) return ParseGeoPoint(f, v, depth, pos);
  od::json_type type;
  if (auto err = v.type().get(type)) return JsonError(err, pos);
  switch (type) {
    case od::json_type::object: {
      if (f.type() == FieldType::kFlattened) return ParseFlattened(f, v, depth, "", pos);
      std::string preview = Preview(v, depth);
      Status cause =
          IsTextType(f.type()) || IsKeywordType(f.type())
              ? Status::InvalidArgument("Can't get text on a START_OBJECT at " + Location(pos))
                    .WithType("illegal_state_exception")
              : Status::InvalidArgument(
                    "Current token (START_OBJECT) not numeric, can not use numeric value "
                    "accessors");
      return FieldError(f, pos, preview, cause);
    }
    case od::json_type::array: {
      od::array arr;
      if (auto err = v.get_array().get(arr)) return JsonError(err, pos);
      for (auto element : arr) {
        od::value e;
        if (auto err = element.get(e)) return JsonError(err, pos);
        QUIVER_RETURN_IF_ERROR(ParseLeaf(f, e, depth + 1, ctx));
      }
      return Status::Ok();
    }
    case od::json_type::null: {
      JsonScalar s;
      QUIVER_RETURN_IF_ERROR(ReadScalar(v, type, &s, &pos));
      return IndexNull(f, pos);
    }
    default: {
      JsonScalar s;
      QUIVER_RETURN_IF_ERROR(ReadScalar(v, type, &s, &pos));
      if (f.type() == FieldType::kFlattened) {
        if (Utf16Length(s.text) > static_cast<size_t>(f.keyword().ignore_above)) {
          MarkIgnored(f.full_path());
          return Status::Ok();
        }
        FieldValue fv;
        fv.field = &f;
        fv.str.push_back('\0');
        fv.str.append(s.text);
        out_->fields.push_back(std::move(fv));
        return Status::Ok();
      }
      return IndexScalar(f, s, pos, false);
    }
  }
}

Status DocParser::ParseFlattened(const FieldMapper& f, od::value v, int depth,
                                 const std::string& key_path, const char* pos) {
  if (depth > kMaxDocumentDepth) return JsonError(simdjson::DEPTH_ERROR, pos);
  od::json_type type;
  if (auto err = v.type().get(type)) return JsonError(err, pos);
  if (type == od::json_type::object) {
    od::object obj;
    if (auto err = v.get_object().get(obj)) return JsonError(err, pos);
    const int object_depth =
        key_path.empty() ? 1
                         : 2 + static_cast<int>(std::count(key_path.begin(), key_path.end(), '.'));
    if (object_depth > f.keyword().depth_limit) {
      return FailedToParse(
          pos, Status::InvalidArgument("The provided [flattened] field [" + f.full_path() +
                                       "] exceeds the maximum depth limit of [" +
                                       std::to_string(f.keyword().depth_limit) + "]."));
    }
    for (auto field_result : obj) {
      od::field field;
      if (auto err = std::move(field_result).get(field)) return JsonError(err, pos);
      const char* key_pos = field.key().raw();
      std::string_view key;
      if (auto err = field.unescaped_key().get(key)) return JsonError(err, key_pos);
      std::string path = key_path.empty() ? std::string(key) : key_path + "." + std::string(key);
      QUIVER_RETURN_IF_ERROR(ParseFlattened(f, field.value(), depth + 1, path, pos));
    }
    return Status::Ok();
  }
  if (type == od::json_type::array) {
    od::array arr;
    if (auto err = v.get_array().get(arr)) return JsonError(err, pos);
    for (auto element : arr) {
      od::value e;
      if (auto err = element.get(e)) return JsonError(err, pos);
      QUIVER_RETURN_IF_ERROR(ParseFlattened(f, e, depth + 1, key_path, pos));
    }
    return Status::Ok();
  }
  JsonScalar s;
  const char* value_pos = nullptr;
  QUIVER_RETURN_IF_ERROR(ReadScalar(v, type, &s, &value_pos));
  std::string storage;
  if (s.kind == JsonScalar::Kind::kNull) {
    if (!f.null_value()) return Status::Ok();
    s = ScalarFromJson(*f.null_value(), &storage);
  }
  if (Utf16Length(s.text) > static_cast<size_t>(f.keyword().ignore_above)) {
    MarkIgnored(f.full_path());
    return Status::Ok();
  }
  FieldValue fv;
  fv.field = &f;
  fv.str = key_path;
  fv.str.push_back('\0');
  fv.str.append(s.text);
  out_->fields.push_back(std::move(fv));
  return Status::Ok();
}

Status DocParser::ParseVector(const FieldMapper& f, od::value v, const char* pos) {
  od::json_type type;
  if (auto err = v.type().get(type)) return JsonError(err, pos);
  if (type == od::json_type::null) {
    JsonScalar s;
    return ReadScalar(v, type, &s, &pos);
  }
  const std::string type_name(f.type_name());
  const std::string doc_ref = "in doc [document with id '" + std::string(req_.id) + "']";
  if (std::find(vector_fields_seen_.begin(), vector_fields_seen_.end(), &f) !=
      vector_fields_seen_.end()) {
    return FailedToParse(
        pos, Status::InvalidArgument("Field [" + f.full_path() + "] of type [" + type_name +
                                     "] doesn't support indexing multiple values for the same "
                                     "field in the same document"));
  }
  const VectorOptions& vo = f.vector();
  const bool byte_like = vo.element_type != VectorElementType::kFloat;
  const std::string element_name(VectorElementTypeName(vo.element_type));
  const int dims = vo.dims;
  auto exceeded = [&]() {
    return FailedToParse(pos, Status::InvalidArgument(
                                  "The [" + type_name + "] field [" + f.full_path() + "] " +
                                  doc_ref + " has more dimensions than defined in the mapping [" +
                                  std::to_string(dims) + "]"));
  };
  std::vector<float> vec;
  if (type == od::json_type::string && byte_like) {
    std::string_view hex;
    if (auto err = v.get_string().get(hex)) return JsonError(err, pos);
    if (hex.size() % 2 != 0) {
      return FailedToParse(
          pos, Status::InvalidArgument("string length not even: " + std::to_string(hex.size())));
    }
    auto nibble = [](char c) {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      return -1;
    };
    for (size_t i = 0; i < hex.size(); i += 2) {
      int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
      if (hi < 0 || lo < 0) {
        char bad = hi < 0 ? hex[i] : hex[i + 1];
        return FailedToParse(
            pos, Status::InvalidArgument("not a hexadecimal digit: \"" + std::string(1, bad) +
                                         "\" = " + std::to_string(static_cast<int>(bad))));
      }
      vec.push_back(static_cast<float>(static_cast<int8_t>(hi * 16 + lo)));
    }
  } else if (type == od::json_type::array) {
    od::array arr;
    if (auto err = v.get_array().get(arr)) return JsonError(err, pos);
    for (auto element : arr) {
      od::value e;
      if (auto err = element.get(e)) return JsonError(err, pos);
      const char* epos = e.raw_json_token().data();
      od::json_type et;
      if (auto err = e.type().get(et)) return JsonError(err, epos);
      if (et != od::json_type::number) {
        return FailedToParse(
            epos, Status::InvalidArgument("Failed to parse object: expecting token of type "
                                          "[VALUE_NUMBER] but found [" +
                                          std::string(JsonTypeTokenName(et)) + "]")
                      .WithType("parsing_exception"));
      }
      const int index = static_cast<int>(vec.size());
      if (dims > 0 && (vo.element_type == VectorElementType::kBit ? index * 8 : index) >= dims) {
        return exceeded();
      }
      JsonScalar s;
      QUIVER_RETURN_IF_ERROR(ReadScalar(e, et, &s, &epos));
      double d = s.kind == JsonScalar::Kind::kInt64    ? static_cast<double>(s.i64)
                 : s.kind == JsonScalar::Kind::kUint64 ? static_cast<double>(s.u64)
                                                       : s.f64;
      if (byte_like) {
        if (d != std::trunc(d)) {
          return FailedToParse(
              epos, Status::InvalidArgument("element_type [" + element_name +
                                            "] vectors only support non-decimal values but found "
                                            "decimal value [" +
                                            JavaFloat(static_cast<float>(d)) + "] at dim [" +
                                            std::to_string(index) + "];"));
        }
        if (d < -128 || d > 127) {
          return FailedToParse(
              epos,
              Status::InvalidArgument("element_type [" + element_name +
                                      "] vectors only support integers between [-128, 127] "
                                      "but found [" +
                                      (std::fabs(d) < 1e15 ? std::to_string(static_cast<int64_t>(d))
                                                           : std::string(s.text)) +
                                      "] at dim [" + std::to_string(index) + "];"));
        }
      }
      vec.push_back(static_cast<float>(d));
    }
  } else {
    return FailedToParse(pos, Status::InvalidArgument(
                                  "Failed to parse object: expecting token of type [START_ARRAY] "
                                  "but found [" +
                                  std::string(JsonTypeTokenName(type)) + "]")
                                  .WithType("parsing_exception"));
  }

  const int actual = vo.element_type == VectorElementType::kBit ? static_cast<int>(vec.size()) * 8
                                                                : static_cast<int>(vec.size());
  const FieldMapper* field = &f;
  if (dims == 0) {
    if (actual == 0 || actual > (vo.element_type == VectorElementType::kBit ? 4096 * 8 : 4096)) {
      return FailedToParse(
          pos, Status::InvalidArgument("The number of dimensions should be in the range [1, 4096] "
                                       "but was [" +
                                       std::to_string(actual) + "]"));
    }
    auto updated = WithVectorDims(f, actual);
    Status dims_ok = ValidateVectorDims(updated->vector(), actual);
    if (!dims_ok.ok()) return FailedToParse(pos, dims_ok);
    field = ReplaceField(f, std::move(updated));
  } else if (actual != dims) {
    return FailedToParse(
        pos,
        Status::InvalidArgument("The [" + type_name + "] field [" + f.full_path() + "] " + doc_ref +
                                " has a different number of dimensions [" + std::to_string(actual) +
                                "] than defined in the mapping [" + std::to_string(dims) + "]"));
  }

  const std::optional<VectorSimilarity> sim = vo.similarity;
  if (!byte_like) {
    float squared = 0;
    for (size_t i = 0; i < vec.size(); ++i) {
      if (std::isnan(vec[i]) || std::isinf(vec[i])) {
        return FailedToParse(
            pos, Status::InvalidArgument("element_type [float] vectors do not support " +
                                         std::string(std::isnan(vec[i]) ? "NaN" : "infinite") +
                                         " values but found [" + JavaFloat(vec[i]) + "] at dim [" +
                                         std::to_string(i) + "];" + VectorPreview(vec, false)));
      }
      squared += vec[i] * vec[i];
    }
    if (std::isnan(squared) || std::isinf(squared)) {
      return FailedToParse(
          pos, Status::InvalidArgument("NaN or Infinite magnitude detected, this usually means the "
                                       "vector values are too extreme to fit within a float." +
                                       VectorPreview(vec, false)));
    }
    if (sim == VectorSimilarity::kDotProduct && std::fabs(squared - 1.0f) > 1e-3f) {
      return FailedToParse(
          pos, Status::InvalidArgument("The [dot_product] similarity can only be used with "
                                       "unit-length vectors." +
                                       VectorPreview(vec, false)));
    }
    if (sim == VectorSimilarity::kCosine && squared == 0.0f) {
      return FailedToParse(
          pos, Status::InvalidArgument("The [cosine] similarity does not support vectors with zero "
                                       "magnitude." +
                                       VectorPreview(vec, false)));
    }
  } else if (vo.element_type == VectorElementType::kByte && sim == VectorSimilarity::kCosine) {
    bool all_zero = std::all_of(vec.begin(), vec.end(), [](float x) { return x == 0; });
    if (all_zero) {
      return FailedToParse(
          pos, Status::InvalidArgument("The [cosine] similarity does not support vectors with zero "
                                       "magnitude." +
                                       VectorPreview(vec, true)));
    }
  }
  vector_fields_seen_.push_back(&f);
  if (field != &f) vector_fields_seen_.push_back(field);
  FieldValue fv;
  fv.field = field;
  fv.vec = std::move(vec);
  out_->fields.push_back(std::move(fv));
  return Status::Ok();
}

}  // namespace quiver::schema
