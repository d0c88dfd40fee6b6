// DocFormat: how aggregation keys and values are shown as strings, as ES's
// DocValueFormat (RAW, DateTime, IP, BOOLEAN, Decimal). Immutable, cheap to
// copy; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/decimal_format.h"
#include "common/json.h"
#include "common/status.h"
#include "query/agg/time_zone.h"
#include "schema/date_format.h"

namespace quiver::query::agg {

struct DocFormat {
  enum class Kind : uint8_t { kRaw, kDate, kIp, kBool, kDecimal };
  Kind kind = Kind::kRaw;
  schema::DateFormat date;               // kDate
  bool nanos = false;                    // kDate: values are nanoseconds
  int32_t offset_seconds = 0;            // kDate: time zone offset for printing
  std::shared_ptr<const TimeZone> zone;  // kDate: overrides offset_seconds
  std::optional<DecimalFormat> decimal;  // kDecimal

  // Whether ES renders "key_as_string" / "value_as_string" for this format.
  bool shows_string() const { return kind != Kind::kRaw; }

  // A numeric value (a long key, a date in its unit, a metric).
  std::string Format(double v) const;
  std::string FormatLong(int64_t v) const;
  // A keyword-like term (ip terms are 16 bytes).
  std::string FormatBytes(std::string_view term) const;
  // Parses a user-given value (missing, include, bounds) into the field's
  // numeric unit; dates accept date strings and epoch millis.
  Result<double> ParseNumber(const json::value& v) const;
};

}  // namespace quiver::query::agg
