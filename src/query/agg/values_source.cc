#include "query/agg/values_source.h"

#include <cmath>

#include "schema/field_mapper.h"
#include "schema/ip_address.h"
#include "schema/mapping.h"
#include "segment/bit_packing.h"
#include "segment/segment_reader.h"

namespace quiver::query::agg {

Result<bool> ParseValuesSourceKey(std::string_view key, const json::value& v,
                                  std::string_view agg_type, ValuesSourceSpec* spec) {
  if (key == "field") {
    if (!v.is_string()) {
      return Status::ParseError("[" + std::string(agg_type) + "] field must be a string")
          .WithType("x_content_parse_exception");
    }
    spec->field = std::string(v.get_string());
    return true;
  }
  if (key == "missing") {
    spec->missing = v;
    return true;
  }
  if (key == "format") {
    spec->format = JsonToString(v).value_or("");
    return true;
  }
  if (key == "value_type" || key == "valueType") {
    spec->value_type = JsonToString(v).value_or("");
    return true;
  }
  if (key == "script") {
    return Status::Unsupported("[script] in aggregations is not supported by Quiver");
  }
  return false;
}

Result<DocFormat> FormatFor(std::string_view format, schema::FieldType type, bool mapped,
                            const schema::DateFormat* field_format) {
  DocFormat f;
  if (schema::IsDateType(type)) {
    f.kind = DocFormat::Kind::kDate;
    if (!format.empty()) {
      QUIVER_ASSIGN_OR_RETURN(f.date, schema::DateFormat::Parse(format));
    } else if (field_format != nullptr) {
      f.date = *field_format;
    }
    return f;
  }
  if (type == schema::FieldType::kIp) {
    f.kind = DocFormat::Kind::kIp;
    return f;
  }
  if (type == schema::FieldType::kBoolean) {
    f.kind = DocFormat::Kind::kBool;
    return f;
  }
  if (!format.empty() && (schema::IsNumericType(type) || !mapped)) {
    QUIVER_ASSIGN_OR_RETURN(DecimalFormat d, DecimalFormat::Parse(format));
    f.kind = DocFormat::Kind::kDecimal;
    f.decimal = std::move(d);
  }
  return f;
}

namespace {

Status NotSupported(std::string_view field, std::string_view type, std::string_view agg) {
  return Status::InvalidArgument("Field [" + std::string(field) + "] of type [" +
                                 std::string(type) + "] is not supported for aggregation [" +
                                 std::string(agg) + "]");
}

std::optional<schema::FieldType> TypeForValueType(std::string_view vt) {
  if (vt == "string" || vt == "keyword") return schema::FieldType::kKeyword;
  if (vt == "long" || vt == "integer" || vt == "number" || vt == "numeric")
    return schema::FieldType::kLong;
  if (vt == "double" || vt == "float") return schema::FieldType::kDouble;
  if (vt == "date") return schema::FieldType::kDate;
  if (vt == "boolean") return schema::FieldType::kBoolean;
  if (vt == "ip") return schema::FieldType::kIp;
  return std::nullopt;
}

}  // namespace

Result<BoundValues> BoundValues::Bind(const ValuesSourceSpec& spec, const ShardContext& ctx,
                                      std::string_view agg_type, bool numeric_only) {
  BoundValues b;
  b.field_ = spec.field;
  const schema::Mapping* mapping = ctx.query_context ? ctx.query_context->mapping : nullptr;
  const schema::FieldMapper* fm = mapping ? mapping->FindField(spec.field) : nullptr;
  if (fm != nullptr && fm->type() == schema::FieldType::kAlias) {
    b.field_ = fm->alias_path();
    fm = mapping->FindField(b.field_);
  }
  schema::FieldType type;
  bool mapped = fm != nullptr;
  if (mapped) {
    type = fm->type();
    if (schema::IsTextType(type)) {
      return Status::InvalidArgument(
          "Text fields are not optimised for operations that require per-document field data "
          "like aggregations and sorting, so these operations are disabled by default. Please "
          "use a keyword field instead. Alternatively, set fielddata=true on [" +
          spec.field +
          "] in order to load field data by uninverting the inverted index. Note that this can "
          "use significant memory.");
    }
    auto vt = TypeForValueType(spec.value_type);
    bool vt_bytes = vt && (schema::IsKeywordType(*vt) || *vt == schema::FieldType::kIp);
    bool field_bytes = schema::IsKeywordType(type) || type == schema::FieldType::kIp;
    if (vt && (vt_bytes != field_bytes ||
               (vt_bytes && (*vt == schema::FieldType::kIp) != (type == schema::FieldType::kIp)))) {
      return Status::InvalidArgument("Field [" + spec.field + "] of type [" +
                                     std::string(schema::FieldTypeName(type)) +
                                     "] is not supported for value type [" + spec.value_type +
                                     "] in aggregation [" + std::string(agg_type) + "]");
    }
  } else {
    auto vt = TypeForValueType(spec.value_type);
    if (vt) {
      type = *vt;
    } else if (numeric_only) {
      type = schema::FieldType::kDouble;
    } else {
      type = schema::FieldType::kKeyword;
    }
  }
  b.field_type_ = type;
  bool numeric = schema::IsNumericType(type) || schema::IsDateType(type) ||
                 type == schema::FieldType::kBoolean;
  bool bytes = schema::IsKeywordType(type) || type == schema::FieldType::kIp;
  if (numeric_only && !numeric) {
    return NotSupported(spec.field, schema::FieldTypeName(type), agg_type);
  }
  if (!numeric && !bytes) {
    return NotSupported(spec.field, schema::FieldTypeName(type), agg_type);
  }
  b.is_date_ = schema::IsDateType(type);
  b.nanos_ = type == schema::FieldType::kDateNanos;
  b.is_bool_ = type == schema::FieldType::kBoolean;
  b.is_double_ = schema::IsFloatingType(type);
  if (mapped && type == schema::FieldType::kScaledFloat) b.scale_ = fm->numeric().scaling_factor;
  b.kind_ = !mapped ? SourceKind::kUnmapped : (numeric ? SourceKind::kNumeric : SourceKind::kBytes);
  const schema::DateFormat* df = (mapped && b.is_date_) ? &fm->date().format : nullptr;
  QUIVER_ASSIGN_OR_RETURN(b.format_, FormatFor(spec.format, type, mapped, df));
  b.format_.nanos = false;
  if (!spec.missing.is_null()) {
    if (numeric) {
      QUIVER_ASSIGN_OR_RETURN(double m, b.format_.ParseNumber(spec.missing));
      b.missing_number_ = m;
    } else if (type == schema::FieldType::kIp) {
      QUIVER_ASSIGN_OR_RETURN(schema::IpBytes ip,
                              schema::ParseIp(JsonToString(spec.missing).value_or("")));
      b.missing_bytes_ = std::string(schema::IpBytesView(ip));
    } else {
      b.missing_bytes_ = JsonToString(spec.missing).value_or("");
    }
  }
  if (!mapped && !numeric && numeric_only) b.kind_ = SourceKind::kUnmapped;
  if (!mapped) b.is_double_ = type == schema::FieldType::kDouble;
  return b;
}

double LeafValues::ToDouble(int64_t raw) const {
  if (src_->is_double_) return segment::SortableToDouble(raw);
  if (src_->scale_ != 0) return static_cast<double>(raw) / src_->scale_;
  if (src_->nanos_) return static_cast<double>(FloorDiv(raw, 1000000));
  return static_cast<double>(raw);
}

void LeafValues::Rebind(const LeafState& leaf) {
  ord_ = leaf.ord;
  numeric_ = nullptr;
  sorted_ = nullptr;
  if (src_->kind_ == SourceKind::kUnmapped || leaf.reader == nullptr) return;
  const segment::FieldReaders* fr = leaf.reader->field(src_->field_);
  if (fr == nullptr) return;
  if (src_->kind_ == SourceKind::kNumeric && fr->numeric) numeric_ = &*fr->numeric;
  if (src_->kind_ == SourceKind::kBytes && fr->sorted) sorted_ = &*fr->sorted;
}

}  // namespace quiver::query::agg
