// Human-readable values as Elasticsearch prints them (ByteSizeValue,
// TimeValue, ISO-8601 dates).
#pragma once

#include <cstdint>
#include <string>

namespace quiver::api {

// "0b", "225b", "4.5kb", "1.2mb" (ES ByteSizeValue#toString).
std::string HumanBytes(int64_t bytes);
// "2026-11-21T08:31:29.547Z"
std::string IsoDateMillis(int64_t epoch_ms);
// "15ms", "1.2s", "3m" (ES TimeValue#toString).
std::string HumanTime(int64_t ms);

}  // namespace quiver::api
