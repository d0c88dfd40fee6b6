// Elasticsearch date math (JavaDateMathParser): "now", "now-1d/d",
// "2024-01-01||+1M/d", or a plain date in the field's format, evaluated
// against a request's "now" in a fixed-offset time zone. Used by range and
// term queries on date fields, decay functions and index-name date math
// ("<logs-{now/d}>").
//
// Semantics (ES 8):
//   - an anchor (`now` or `<date>||`) followed by operations: `+N<unit>`,
//     `-N<unit>`, `/<unit>` (round); units y M w d h H m s; N defaults to 1;
//   - rounding goes down to the start of the unit, or with `round_up` to the
//     last millisecond of the unit (ES uses round_up for `gt` and `lte`);
//   - a plain date parsed with `round_up` gets its missing time fields at
//     their maximum (23:59:59.999999999, "missing date components" in the
//     range query docs); missing month/day stay 1;
//   - the time zone applies to dates without an explicit offset and to
//     rounding; `now` is absolute.
// Errors are parse_exception with ES's messages ("operator not supported for
// date math [..]", "failed to parse date field [..] with format [..]: [..]").
//
// Stateless; thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

#include "common/status.h"
#include "schema/date_format.h"

namespace quiver::query::dsl {

// Epoch milliseconds (floored).
Result<int64_t> EvaluateDateMath(std::string_view expr, int64_t now_ms, bool round_up,
                                 const schema::DateFormat& format, int32_t tz_offset_seconds);

// The same with nanosecond precision (date_nanos fields).
Result<schema::DateInstant> EvaluateDateMathInstant(std::string_view expr, int64_t now_ms,
                                                    bool round_up, const schema::DateFormat& format,
                                                    int32_t tz_offset_seconds);

// ES `time_zone` values with a fixed offset: "Z", "UTC", "GMT", "UT",
// "+01:00", "-0530", "+5", "UTC+01:00", "GMT-3". Region ids
// ("Europe/Paris") are not resolved: illegal_argument_exception.
Result<int32_t> ParseTimeZoneOffset(std::string_view tz);

}  // namespace quiver::query::dsl
