// TimeZone: UTC offsets over time for date_histogram / composite
// `time_zone` — fixed offsets ("+01:00", "UTC") or IANA region ids
// ("Europe/Berlin") read from the system tz database
// (/usr/share/zoneinfo, TZif v2+ 64-bit transitions; instants after the
// last transition keep its offset). Immutable; thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace quiver::query::agg {

class TimeZone {
 public:
  // Errors: illegal_argument_exception "Unknown time-zone ID: x".
  static Result<std::shared_ptr<const TimeZone>> Load(std::string_view id);
  static std::shared_ptr<const TimeZone> Fixed(int64_t offset_ms);
  // Parses TZif bytes (exposed for tests).
  static Result<std::shared_ptr<const TimeZone>> FromTzif(std::string_view bytes,
                                                          std::string_view id);

  bool is_fixed() const { return transitions_.empty(); }
  int64_t OffsetMillisAt(int64_t utc_ms) const;
  // The instant a local wall time maps to (in a gap: after it; in an
  // overlap: the earlier offset, as java.time's ZonedDateTime.ofLocal).
  int64_t UtcFromLocal(int64_t local_ms) const;

 private:
  int64_t fixed_ms_ = 0;
  std::vector<int64_t> transitions_;    // utc millis, ascending
  std::vector<int64_t> offsets_after_;  // offset in effect from transitions_[i]
  int64_t offset_before_ = 0;           // before the first transition
};

}  // namespace quiver::query::agg
