// DateRounding: how date_histogram (and composite date_histogram sources)
// round a timestamp to its bucket key — calendar units (minute .. year,
// ISO weeks starting Monday) or fixed intervals, in a time zone given as a
// time zone (wall-clock units, so days follow DST), shifted by `offset`
// (ES Rounding with an offset).
// Immutable; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"
#include "query/agg/time_zone.h"

namespace quiver::query::agg {

class DateRounding {
 public:
  enum class Unit : uint8_t { kFixed, kMinute, kHour, kDay, kWeek, kMonth, kQuarter, kYear };

  // "month" / "1M" ... ; error for anything else.
  static Result<DateRounding> Calendar(std::string_view spec);
  // "30s", "1h", "10d", "100ms".
  static Result<DateRounding> Fixed(std::string_view spec);

  void set_offset_ms(int64_t v) { offset_ms_ = v; }
  void set_zone(std::shared_ptr<const TimeZone> zone) { zone_ = std::move(zone); }
  const std::shared_ptr<const TimeZone>& zone() const { return zone_; }

  // The key of the bucket holding `utc_ms`.
  int64_t Round(int64_t utc_ms) const;
  // The key of the bucket after the one keyed `key`.
  int64_t Next(int64_t key) const;

 private:
  int64_t RoundLocal(int64_t local_ms) const;
  int64_t ToLocal(int64_t utc_ms) const {
    return zone_ ? utc_ms + zone_->OffsetMillisAt(utc_ms) : utc_ms;
  }
  int64_t ToUtc(int64_t local_ms) const { return zone_ ? zone_->UtcFromLocal(local_ms) : local_ms; }
  Unit unit_ = Unit::kFixed;
  int64_t fixed_ms_ = 0;
  int64_t offset_ms_ = 0;
  std::shared_ptr<const TimeZone> zone_;  // null: UTC
};

// Parses an ES time value ("1d", "-6h", "+30m", "1500ms") into millis.
Result<int64_t> ParseTimeValueMillis(std::string_view s, std::string_view setting);
// Parses a time_zone: "UTC", "Z", "+01:00", "-0530", "GMT+2"...; named
// regions are not resolved (no tz database): illegal_argument_exception.
Result<int64_t> ParseZoneOffsetMillis(std::string_view s);

}  // namespace quiver::query::agg
