#include "query/agg/time_zone.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "query/agg/date_rounding.h"

namespace quiver::query::agg {
namespace {

Status Unknown(std::string_view id) {
  return Status::InvalidArgument("Unknown time-zone ID: " + std::string(id));
}

uint32_t BigEndian32(const unsigned char* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

int64_t BigEndian64(const unsigned char* p) {
  return static_cast<int64_t>((uint64_t{BigEndian32(p)} << 32) | BigEndian32(p + 4));
}

bool ValidId(std::string_view id) {
  if (id.empty() || id.size() > 64 || id[0] == '/' || id.find("..") != std::string_view::npos) {
    return false;
  }
  for (char c : id) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' || c == '-' ||
          c == '+')) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::shared_ptr<const TimeZone> TimeZone::Fixed(int64_t offset_ms) {
  auto z = std::make_shared<TimeZone>();
  z->fixed_ms_ = offset_ms;
  return z;
}

Result<std::shared_ptr<const TimeZone>> TimeZone::Load(std::string_view id) {
  auto fixed = ParseZoneOffsetMillis(id);
  if (fixed.ok()) return Fixed(*fixed);
  if (!ValidId(id)) return Unknown(id);
  std::ifstream in("/usr/share/zoneinfo/" + std::string(id), std::ios::binary);
  if (!in) return Unknown(id);
  std::stringstream ss;
  ss << in.rdbuf();
  return FromTzif(ss.str(), id);
}

Result<std::shared_ptr<const TimeZone>> TimeZone::FromTzif(std::string_view bytes,
                                                           std::string_view id) {
  // TZif header (RFC 8536): magic "TZif", version, 15 reserved bytes, then
  // six 4-byte counts: isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt.
  auto header = [&](size_t at, uint32_t counts[6]) -> bool {
    if (bytes.size() < at + 44 || bytes.substr(at, 4) != "TZif") return false;
    auto* p = reinterpret_cast<const unsigned char*>(bytes.data() + at + 20);
    for (int i = 0; i < 6; ++i) counts[i] = BigEndian32(p + 4 * i);
    return true;
  };
  uint32_t c[6];
  if (!header(0, c) || bytes[4] < '2') return Unknown(id);
  // Skip the v1 (32-bit) block to reach the v2 header.
  size_t v1_size = size_t{c[3]} * 5 + size_t{c[4]} * 6 + c[5] + size_t{c[2]} * 8 + c[1] + c[0];
  size_t at = 44 + v1_size;
  if (!header(at, c)) return Unknown(id);
  uint32_t isutcnt = c[0], isstdcnt = c[1], leapcnt = c[2], timecnt = c[3], typecnt = c[4];
  size_t need = at + 44 + size_t{timecnt} * 9 + size_t{typecnt} * 6 + c[5] + size_t{leapcnt} * 12 +
                isstdcnt + isutcnt;
  if (bytes.size() < need || typecnt == 0) return Unknown(id);
  auto* p = reinterpret_cast<const unsigned char*>(bytes.data() + at + 44);
  const unsigned char* times = p;
  const unsigned char* idx = times + size_t{timecnt} * 8;
  const unsigned char* types = idx + timecnt;
  auto type_offset = [&](size_t t) -> int64_t {
    return static_cast<int64_t>(static_cast<int32_t>(BigEndian32(types + 6 * t))) * 1000;
  };
  auto z = std::make_shared<TimeZone>();
  // Before the first transition: the first non-DST type (RFC 8536 §3.2).
  z->offset_before_ = type_offset(0);
  for (uint32_t t = 0; t < typecnt; ++t) {
    if (types[6 * t + 4] == 0) {
      z->offset_before_ = type_offset(t);
      break;
    }
  }
  for (uint32_t i = 0; i < timecnt; ++i) {
    if (idx[i] >= typecnt) return Unknown(id);
    z->transitions_.push_back(BigEndian64(times + 8 * i) * 1000);
    z->offsets_after_.push_back(type_offset(idx[i]));
  }
  if (z->transitions_.empty()) z->fixed_ms_ = z->offset_before_;
  return std::shared_ptr<const TimeZone>(std::move(z));
}

int64_t TimeZone::OffsetMillisAt(int64_t utc_ms) const {
  if (transitions_.empty()) return fixed_ms_;
  auto it = std::upper_bound(transitions_.begin(), transitions_.end(), utc_ms);
  if (it == transitions_.begin()) return offset_before_;
  return offsets_after_[static_cast<size_t>(it - transitions_.begin() - 1)];
}

int64_t TimeZone::UtcFromLocal(int64_t local_ms) const {
  if (transitions_.empty()) return local_ms - fixed_ms_;
  // Candidate offsets: those in effect a day either side of the wall time.
  int64_t before = OffsetMillisAt(local_ms - 86400000);
  int64_t after = OffsetMillisAt(local_ms + 86400000);
  int64_t first = std::max(before, after), second = std::min(before, after);
  // The earlier instant (larger offset) when both are valid (overlap).
  if (OffsetMillisAt(local_ms - first) == first) return local_ms - first;
  if (OffsetMillisAt(local_ms - second) == second) return local_ms - second;
  // A gap: the instant after it, shifted by the gap's length.
  return local_ms - before;
}

}  // namespace quiver::query::agg
