#include "api/es/format_util.h"

#include <cmath>
#include <cstdio>
#include <ctime>

namespace quiver::api {
namespace {

std::string OneDecimal(double v, const char* unit) {
  char buf[64];
  double rounded = std::round(v * 10) / 10;
  if (rounded == std::floor(rounded)) {
    std::snprintf(buf, sizeof(buf), "%.0f%s", rounded, unit);
  } else {
    std::snprintf(buf, sizeof(buf), "%.1f%s", rounded, unit);
  }
  return buf;
}

}  // namespace

std::string HumanBytes(int64_t bytes) {
  const char* units[] = {"b", "kb", "mb", "gb", "tb", "pb"};
  double v = static_cast<double>(bytes);
  int u = 0;
  while (u < 5 && v >= 1024.0) {
    v /= 1024.0;
    ++u;
  }
  if (u == 0) return std::to_string(bytes) + "b";
  return OneDecimal(v, units[u]);
}

std::string IsoDateMillis(int64_t ms) {
  time_t secs = static_cast<time_t>(ms / 1000);
  struct tm tm_utc;
  gmtime_r(&secs, &tm_utc);
  char buf[40];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm_utc.tm_year + 1900,
                tm_utc.tm_mon + 1, tm_utc.tm_mday, tm_utc.tm_hour, tm_utc.tm_min, tm_utc.tm_sec,
                static_cast<int>(ms % 1000));
  return buf;
}

std::string HumanTime(int64_t ms) {
  if (ms < 1000) return std::to_string(ms) + "ms";
  double s = static_cast<double>(ms) / 1000.0;
  if (s < 60) return OneDecimal(s, "s");
  double m = s / 60;
  if (m < 60) return OneDecimal(m, "m");
  double h = m / 60;
  if (h < 24) return OneDecimal(h, "h");
  return OneDecimal(h / 24, "d");
}

}  // namespace quiver::api
