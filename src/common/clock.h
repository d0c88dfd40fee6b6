// Time helpers. Wall-clock milliseconds are for timestamps users see
// (creation_date, @timestamp defaults); monotonic ones for intervals.
#pragma once

#include <chrono>
#include <cstdint>

namespace quiver {

inline int64_t NowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

inline int64_t MonotonicNanos() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

inline int64_t MonotonicMillis() { return MonotonicNanos() / 1000000; }

}  // namespace quiver
