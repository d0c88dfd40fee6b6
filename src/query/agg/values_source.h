// Values sources: the `field` / `missing` / `format` / `value_type` part of
// a values-source aggregation (ES ValuesSourceConfig), resolved against a
// shard's mapping, and per-segment access to the field's doc values.
// Numeric values (numbers, dates, booleans) are read as int64 or double;
// keyword-like values (keyword, ip, version) through per-segment ordinals.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/json.h"
#include "common/status.h"
#include "query/agg/aggregator.h"
#include "query/agg/doc_format.h"
#include "schema/field_type.h"
#include "segment/doc_values_reader.h"

namespace quiver::query::agg {

struct ValuesSourceSpec {
  std::string field;
  json::value missing;     // null: none
  std::string format;      // "" : the field's default
  std::string value_type;  // hint for unmapped fields
};

// Parses the common members; other keys are left to the caller. Returns
// true when `key` was one of them.
Result<bool> ParseValuesSourceKey(std::string_view key, const json::value& v,
                                  std::string_view agg_type, ValuesSourceSpec* spec);

// What a bound source reads.
enum class SourceKind : uint8_t { kUnmapped, kNumeric, kBytes };

class BoundValues {
 public:
  // `numeric_only`: the aggregation needs numbers (avg, histogram...).
  static Result<BoundValues> Bind(const ValuesSourceSpec& spec, const ShardContext& ctx,
                                  std::string_view agg_type, bool numeric_only);

  SourceKind kind() const { return kind_; }
  // Numeric values are doubles (floating and scaled_float fields).
  bool is_double() const { return is_double_ || scale_ != 0; }
  bool is_date() const { return is_date_; }
  bool is_bool() const { return is_bool_; }
  schema::FieldType field_type() const { return field_type_; }
  const std::string& field() const { return field_; }
  const DocFormat& format() const { return format_; }
  // Missing value for docs without values, in the source's domain.
  const std::optional<double>& missing_number() const { return missing_number_; }
  const std::optional<std::string>& missing_bytes() const { return missing_bytes_; }
  bool has_missing() const { return missing_number_ || missing_bytes_; }

 private:
  friend class LeafValues;
  SourceKind kind_ = SourceKind::kUnmapped;
  bool is_double_ = false;
  bool is_date_ = false;
  bool is_bool_ = false;
  bool nanos_ = false;  // date_nanos: converted to millis on read
  double scale_ = 0;    // scaled_float: stored value / scale_
  schema::FieldType field_type_ = schema::FieldType::kKeyword;
  std::string field_;
  DocFormat format_;
  std::optional<double> missing_number_;
  std::optional<std::string> missing_bytes_;
};

// Per-collector view of a bound source on the current segment.
class LeafValues {
 public:
  explicit LeafValues(const BoundValues* src) : src_(src) {}

  // Rebinds when the segment changed.
  void Sync(const LeafState& leaf) {
    if (leaf.ord != ord_) Rebind(leaf);
  }
  const segment::NumericDocValues* numeric() const { return numeric_; }
  const segment::SortedSetDocValues* sorted() const { return sorted_; }

  // Calls f(double) for each value of `doc` (or the missing value).
  // Returns the number of values seen.
  template <typename F>
  uint32_t ForEachDouble(uint32_t doc, F&& f) const {
    if (numeric_ != nullptr) {
      uint32_t n = numeric_->Count(doc);
      for (uint32_t i = 0; i < n; ++i) f(ToDouble(numeric_->Value(doc, i)));
      if (n > 0) return n;
    }
    if (src_->missing_number_) {
      f(*src_->missing_number_);
      return 1;
    }
    return 0;
  }
  // Raw int64 for long sources (dates in millis).
  int64_t Long(int64_t raw) const { return src_->nanos_ ? FloorDiv(raw, 1000000) : raw; }
  double ToDouble(int64_t raw) const;

 private:
  static int64_t FloorDiv(int64_t a, int64_t b) {
    int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
  }
  void Rebind(const LeafState& leaf);
  const BoundValues* src_;
  uint32_t ord_ = UINT32_MAX;
  const segment::NumericDocValues* numeric_ = nullptr;
  const segment::SortedSetDocValues* sorted_ = nullptr;
};

// The format a `format` parameter selects for a field type.
Result<DocFormat> FormatFor(std::string_view format, schema::FieldType type, bool mapped,
                            const schema::DateFormat* field_format);

}  // namespace quiver::query::agg
