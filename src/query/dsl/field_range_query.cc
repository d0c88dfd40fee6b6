// Range queries per field type (ES MappedFieldType.rangeQuery and the
// numeric, date and ip specializations).
#include <cmath>

#include "query/dsl/date_math.h"
#include "query/dsl/field_queries.h"
#include "query/dsl/field_values.h"
#include "query/dsl/parse_context.h"
#include "query/dsl/query_nodes.h"
#include "query/dsl/text_analysis.h"
#include "schema/field_type.h"

namespace quiver::query::dsl {

using schema::FieldType;

namespace {

std::string Text(const json::value& v) { return ScalarText(v).value_or(""); }

QueryPtr Numeric(const std::string& field, int64_t lower, int64_t upper) {
  if (lower > upper) return MatchNone("empty range");
  NumericRangeQuery q;
  q.field = field;
  q.lower = lower;
  q.upper = upper;
  return MakeQuery(std::move(q));
}

// ES NumberFieldMapper.longRangeQuery: decimal bounds round inwards,
// exclusive integral bounds step by one.
Result<QueryPtr> IntegerRange(const std::string& field, FieldType type, const json::value* lower,
                              const json::value* upper, bool include_lower, bool include_upper) {
  int64_t l = INT64_MIN, u = INT64_MAX;
  if (lower != nullptr) {
    QUIVER_ASSIGN_OR_RETURN(l, ValueToInteger(type, *lower));
    bool decimal = HasDecimalPart(*lower);
    if ((!decimal && !include_lower) || (decimal && ValueSignum(*lower) > 0)) {
      if (l == INT64_MAX) return MatchNone("empty range");
      ++l;
    }
  }
  if (upper != nullptr) {
    QUIVER_ASSIGN_OR_RETURN(u, ValueToInteger(type, *upper));
    bool decimal = HasDecimalPart(*upper);
    if ((!decimal && !include_upper) || (decimal && ValueSignum(*upper) < 0)) {
      if (u == INT64_MIN) return MatchNone("empty range");
      --u;
    }
  }
  return Numeric(field, l, u);
}

Result<QueryPtr> FloatingRange(const std::string& field, FieldType type, const json::value* lower,
                               const json::value* upper, bool include_lower, bool include_upper) {
  int64_t l = INT64_MIN, u = INT64_MAX;
  if (lower != nullptr) {
    QUIVER_ASSIGN_OR_RETURN(double d, ValueToFloating(type, *lower));
    if (type == FieldType::kDouble) {
      if (!include_lower) d = NextUpDouble(d);
    } else if (type == FieldType::kFloat) {
      float f = static_cast<float>(d);
      if (!include_lower) f = NextUpFloat(f);
      d = f;
    } else {
      float f = static_cast<float>(d);
      if (include_lower) f = HalfFloatNextDown(f);
      d = HalfFloatNextUp(f);
    }
    l = SortableDouble(d);
  }
  if (upper != nullptr) {
    QUIVER_ASSIGN_OR_RETURN(double d, ValueToFloating(type, *upper));
    if (type == FieldType::kDouble) {
      if (!include_upper) d = NextDownDouble(d);
    } else if (type == FieldType::kFloat) {
      float f = static_cast<float>(d);
      if (!include_upper) f = NextDownFloat(f);
      d = f;
    } else {
      float f = static_cast<float>(d);
      if (include_upper) f = HalfFloatNextUp(f);
      d = HalfFloatNextDown(f);
    }
    u = SortableDouble(d);
  }
  return Numeric(field, l, u);
}

int64_t SaturatingRound(double d) {
  if (d >= 9.2233720368547758e18) return INT64_MAX;
  if (d < -9.2233720368547758e18) return INT64_MIN;
  return static_cast<int64_t>(std::floor(d + 0.5));
}

Result<QueryPtr> ScaledRange(const FieldRef& f, const json::value* lower, const json::value* upper,
                             bool include_lower, bool include_upper) {
  double factor = f.mapper->numeric().scaling_factor;
  int64_t l = INT64_MIN, u = INT64_MAX;
  if (lower != nullptr) {
    QUIVER_ASSIGN_OR_RETURN(double d, ValueToFloating(FieldType::kDouble, *lower));
    d *= factor;
    if (!include_lower) d = NextUpDouble(d);
    l = SaturatingRound(std::ceil(d));
  }
  if (upper != nullptr) {
    QUIVER_ASSIGN_OR_RETURN(double d, ValueToFloating(FieldType::kDouble, *upper));
    d *= factor;
    if (!include_upper) d = NextDownDouble(d);
    u = SaturatingRound(std::floor(d));
  }
  return Numeric(f.name, l, u);
}

Result<QueryPtr> UnsignedRange(const std::string& field, const json::value* lower,
                               const json::value* upper, bool include_lower, bool include_upper) {
  int64_t l = INT64_MIN, u = INT64_MAX;
  if (lower != nullptr) {
    QUIVER_ASSIGN_OR_RETURN(std::optional<uint64_t> lo, UnsignedLowerBound(*lower, include_lower));
    if (!lo) return MatchNone("empty range");
    l = UnsignedToSortable(*lo);
  }
  if (upper != nullptr) {
    QUIVER_ASSIGN_OR_RETURN(std::optional<uint64_t> hi, UnsignedUpperBound(*upper, include_upper));
    if (!hi) return MatchNone("empty range");
    u = UnsignedToSortable(*hi);
  }
  return Numeric(field, l, u);
}

int64_t InstantToNanos(schema::DateInstant t) {
  // date_nanos covers 1970 .. 2262; ES clamps query bounds into that range.
  if (t.seconds < 0) return 0;
  if (t.seconds >= 9223372036LL) return INT64_MAX;
  return t.seconds * 1000000000 + t.nanos;
}

int64_t InstantToMillis(schema::DateInstant t) { return t.seconds * 1000 + t.nanos / 1000000; }

Result<QueryPtr> DateRange(const ParseContext& pc, const FieldRef& f, const RangeSpec& r,
                           const json::value* lower, const json::value* upper) {
  const schema::DateFormat& format = r.format != nullptr ? *r.format : f.mapper->date().format;
  int32_t tz = r.tz_offset_seconds.value_or(0);
  bool nanos = f.mapper->type() == FieldType::kDateNanos;
  auto convert = [&](schema::DateInstant t) {
    return nanos ? InstantToNanos(t) : InstantToMillis(t);
  };
  int64_t l = INT64_MIN, u = INT64_MAX;
  if (lower != nullptr) {
    QUIVER_ASSIGN_OR_RETURN(
        schema::DateInstant t,
        EvaluateDateMathInstant(Text(*lower), pc.now_ms(), !r.include_lower, format, tz));
    l = convert(t);
    if (!r.include_lower) {
      if (l == INT64_MAX) return MatchNone("empty range");
      ++l;
    }
  }
  if (upper != nullptr) {
    QUIVER_ASSIGN_OR_RETURN(
        schema::DateInstant t,
        EvaluateDateMathInstant(Text(*upper), pc.now_ms(), r.include_upper, format, tz));
    u = convert(t);
    if (!r.include_upper) {
      if (u == INT64_MIN) return MatchNone("empty range");
      --u;
    }
  }
  return Numeric(f.name, l, u);
}

Result<QueryPtr> IpRange(const std::string& field, const json::value* lower,
                         const json::value* upper, bool include_lower, bool include_upper) {
  schema::IpBytes lo{}, hi;
  hi.fill(0xff);
  if (lower != nullptr) {
    QUIVER_ASSIGN_OR_RETURN(lo, ValueToIp(*lower));
    if (!include_lower && !IpIncrement(&lo)) return MatchNone("empty range");
  }
  if (upper != nullptr) {
    QUIVER_ASSIGN_OR_RETURN(hi, ValueToIp(*upper));
    if (!include_upper && !IpDecrement(&hi)) return MatchNone("empty range");
  }
  if (lo > hi) return MatchNone("empty range");
  TermRangeQuery q;
  q.field = field;
  q.lower = std::string(schema::IpBytesView(lo));
  q.upper = std::string(schema::IpBytesView(hi));
  return MakeQuery(std::move(q));
}

QueryPtr StringRange(const std::string& field, std::optional<std::string> lower,
                     std::optional<std::string> upper, bool include_lower, bool include_upper) {
  TermRangeQuery q;
  q.field = field;
  q.lower = std::move(lower);
  q.upper = std::move(upper);
  q.include_lower = include_lower;
  q.include_upper = include_upper;
  return MakeQuery(std::move(q));
}

bool InConstantRange(const std::string& value, const json::value* lower, const json::value* upper,
                     bool include_lower, bool include_upper) {
  if (lower != nullptr) {
    int c = value.compare(Text(*lower));
    if (c < 0 || (c == 0 && !include_lower)) return false;
  }
  if (upper != nullptr) {
    int c = value.compare(Text(*upper));
    if (c > 0 || (c == 0 && !include_upper)) return false;
  }
  return true;
}

}  // namespace

Result<QueryPtr> FieldRangeQuery(const ParseContext& pc, const FieldRef& f, const RangeSpec& r) {
  const json::value* lower = r.lower != nullptr && !r.lower->is_null() ? r.lower : nullptr;
  const json::value* upper = r.upper != nullptr && !r.upper->is_null() ? r.upper : nullptr;
  bool is_date = f.mapper != nullptr && schema::IsDateType(f.mapper->type());
  if (r.tz_offset_seconds.has_value() && !is_date) {
    return Status::InvalidArgument("[range] time_zone can not be applied to non date field [" +
                                   f.name + "]")
        .WithType("query_shard_exception");
  }
  auto constant = [&](const std::string& value) {
    if (InConstantRange(value, lower, upper, r.include_lower, r.include_upper)) return MatchAll();
    return MatchNone("The \"" + f.name + "\" field does not match");
  };
  switch (f.meta) {
    case MetaField::kIndex:
      return constant(pc.index_name());
    case MetaField::kTier:
      return constant("data_content");
    case MetaField::kSeqNo:
      return IntegerRange(f.name, FieldType::kLong, lower, upper, r.include_lower, r.include_upper);
    case MetaField::kId:
    case MetaField::kRouting:
    case MetaField::kIgnored: {
      auto bound = [](const json::value* v) {
        return v != nullptr ? std::optional<std::string>(Text(*v)) : std::nullopt;
      };
      return StringRange(f.name, bound(lower), bound(upper), r.include_lower, r.include_upper);
    }
    case MetaField::kNone:
      break;
  }
  const schema::FieldMapper& m = *f.mapper;
  FieldType t = m.type();
  if (schema::IsTextType(t) || t == FieldType::kKeyword || t == FieldType::kWildcard ||
      t == FieldType::kFlattened) {
    if (!pc.ctx().allow_expensive_queries) {
      return Status::InvalidArgument(
                 "[range] queries on [text] or [keyword] fields cannot be executed when "
                 "'search.allow_expensive_queries' is set to false.")
          .WithType("exception");
    }
    auto bound = [&](const json::value* v) -> std::optional<std::string> {
      if (v == nullptr) return std::nullopt;
      std::string s = schema::IsTextType(t) ? Text(*v) : NormalizeKeyword(pc, m, Text(*v));
      if (f.flattened_key) s = f.key + std::string(1, '\0') + s;
      return s;
    };
    std::string field = f.flattened_key ? f.name + "._keyed" : f.name;
    std::optional<std::string> lo = bound(lower), hi = bound(upper);
    bool include_lower = r.include_lower, include_upper = r.include_upper;
    if (f.flattened_key) {
      if (!lo) lo = f.key + std::string(1, '\0'), include_lower = true;
      if (!hi) hi = f.key + std::string(1, '\x01'), include_upper = false;
    }
    return StringRange(field, lo, hi, include_lower, include_upper);
  }
  if (t == FieldType::kConstantKeyword) {
    if (!m.keyword().constant_value) return MatchNone("constant_keyword field without a value");
    return constant(*m.keyword().constant_value);
  }
  if (schema::IsIntegerType(t)) {
    return IntegerRange(f.name, t, lower, upper, r.include_lower, r.include_upper);
  }
  if (schema::IsFloatingType(t)) {
    return FloatingRange(f.name, t, lower, upper, r.include_lower, r.include_upper);
  }
  switch (t) {
    case FieldType::kScaledFloat:
      return ScaledRange(f, lower, upper, r.include_lower, r.include_upper);
    case FieldType::kUnsignedLong:
      return UnsignedRange(f.name, lower, upper, r.include_lower, r.include_upper);
    case FieldType::kDate:
    case FieldType::kDateNanos:
      return DateRange(pc, f, r, lower, upper);
    case FieldType::kIp:
      return IpRange(f.name, lower, upper, r.include_lower, r.include_upper);
    case FieldType::kBoolean: {
      std::optional<std::string> lo, hi;
      if (lower != nullptr) {
        QUIVER_ASSIGN_OR_RETURN(std::string b, ValueToBooleanTerm(*lower));
        lo = b;
      }
      if (upper != nullptr) {
        QUIVER_ASSIGN_OR_RETURN(std::string b, ValueToBooleanTerm(*upper));
        hi = b;
      }
      return StringRange(f.name, lo, hi, r.include_lower, r.include_upper);
    }
    default:
      return IllegalArgumentError("Field [" + f.name + "] of type [" + f.type_name() +
                                  "] does not support range queries");
  }
}

}  // namespace quiver::query::dsl
