#include "schema/geo_point.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>

#include "common/strings.h"

namespace quiver::schema {

namespace {

constexpr double kLatStep = 180.0 / 4294967296.0;
constexpr double kLonStep = 360.0 / 4294967296.0;
constexpr std::string_view kGeohashAlphabet = "0123456789bcdefghjkmnpqrstuvwxyz";
constexpr size_t kMaxGeohashLength = 12;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool ParseNumber(std::string_view s, double* out) {
  s = Trim(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

int32_t Quantize(double v, double step) {
  double q = std::floor(v / step);
  if (q >= static_cast<double>(std::numeric_limits<int32_t>::max())) {
    return std::numeric_limits<int32_t>::max();
  }
  if (q <= static_cast<double>(std::numeric_limits<int32_t>::min())) {
    return std::numeric_limits<int32_t>::min();
  }
  return static_cast<int32_t>(q);
}

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// "POINT (lon lat [z])", case-insensitive keyword.
Result<GeoPoint> ParseWktPoint(std::string_view text, bool ignore_z_value) {
  std::string_view rest = Trim(text.substr(5));
  if (rest.size() < 2 || rest.front() != '(' || rest.back() != ')') {
    return Status::InvalidArgument("expected '(' after POINT in [" + std::string(text) + "]");
  }
  rest = Trim(rest.substr(1, rest.size() - 2));
  double coords[3];
  int n = 0;
  while (!rest.empty()) {
    size_t end = rest.find_first_of(" \t");
    std::string_view token = rest.substr(0, end);
    if (n == 3 || !ParseNumber(token, &coords[n])) {
      return Status::InvalidArgument("malformed WKT point [" + std::string(text) + "]");
    }
    ++n;
    rest = end == std::string_view::npos ? std::string_view() : Trim(rest.substr(end));
  }
  if (n < 2) return Status::InvalidArgument("malformed WKT point [" + std::string(text) + "]");
  if (n == 3 && !ignore_z_value) {
    return Status::InvalidArgument("found Z value [" + std::to_string(coords[2]) +
                                   "] but [ignore_z_value] parameter is [false]");
  }
  return GeoPoint{coords[1], coords[0]};
}

}  // namespace

Result<GeoPoint> DecodeGeohash(std::string_view hash) {
  if (hash.empty() || hash.size() > kMaxGeohashLength) {
    return Status::InvalidArgument("unsupported geohash length [" + std::to_string(hash.size()) +
                                   "]");
  }
  double lat_lo = -90, lat_hi = 90, lon_lo = -180, lon_hi = 180;
  bool even = true;  // bits alternate, longitude first
  for (char c : hash) {
    size_t v =
        kGeohashAlphabet.find(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    if (v == std::string_view::npos) {
      return Status::InvalidArgument("unsupported symbol [" + std::string(1, c) + "] in geohash [" +
                                     std::string(hash) + "]");
    }
    for (int bit = 4; bit >= 0; --bit) {
      bool set = (v >> bit) & 1;
      double& lo = even ? lon_lo : lat_lo;
      double& hi = even ? lon_hi : lat_hi;
      double mid = (lo + hi) / 2;
      (set ? lo : hi) = mid;
      even = !even;
    }
  }
  return GeoPoint{(lat_lo + lat_hi) / 2, (lon_lo + lon_hi) / 2};
}

Result<GeoPoint> ParseGeoPointText(std::string_view text, bool ignore_z_value) {
  std::string_view t = Trim(text);
  if (t.size() >= 5 && IEquals(t.substr(0, 5), "POINT")) return ParseWktPoint(t, ignore_z_value);
  size_t comma = t.find(',');
  if (comma == std::string_view::npos) return DecodeGeohash(t);
  std::string_view lat_text = t.substr(0, comma);
  std::string_view lon_text = t.substr(comma + 1);
  std::string_view z_text;
  size_t second = lon_text.find(',');
  if (second != std::string_view::npos) {
    z_text = lon_text.substr(second + 1);
    lon_text = lon_text.substr(0, second);
    if (z_text.find(',') != std::string_view::npos) {
      return Status::InvalidArgument("failed to parse [" + std::string(text) +
                                     "], expected 2 or 3 coordinates but found: [4]");
    }
  }
  GeoPoint p;
  if (!ParseNumber(lat_text, &p.lat)) {
    return Status::InvalidArgument("latitude must be a number");
  }
  if (!ParseNumber(lon_text, &p.lon)) {
    return Status::InvalidArgument("longitude must be a number");
  }
  if (!z_text.empty()) {
    double z;
    if (!ParseNumber(z_text, &z)) return Status::InvalidArgument("z value must be a number");
    if (!ignore_z_value) {
      return Status::InvalidArgument("Exception parsing coordinates: found Z value [" +
                                     std::string(Trim(z_text)) +
                                     "] but [ignore_z_value] parameter is [false]");
    }
  }
  return p;
}

Status ValidateGeoPoint(const GeoPoint& p, std::string_view field) {
  auto number = [](double v) {
    std::string s;
    AppendJsonDouble(&s, v);
    return s;
  };
  if (!std::isfinite(p.lat) || p.lat < -90 || p.lat > 90) {
    return Status::InvalidArgument("illegal latitude value [" + number(p.lat) + "] for " +
                                   std::string(field));
  }
  if (!std::isfinite(p.lon) || p.lon < -180 || p.lon > 180) {
    return Status::InvalidArgument("illegal longitude value [" + number(p.lon) + "] for " +
                                   std::string(field));
  }
  return Status::Ok();
}

int64_t EncodeGeoPoint(const GeoPoint& p) {
  uint64_t lat = static_cast<uint32_t>(Quantize(p.lat, kLatStep));
  uint64_t lon = static_cast<uint32_t>(Quantize(p.lon, kLonStep));
  return static_cast<int64_t>((lat << 32) | lon);
}

GeoPoint DecodeGeoPoint(int64_t encoded) {
  auto lat = static_cast<int32_t>(static_cast<uint64_t>(encoded) >> 32);
  auto lon = static_cast<int32_t>(static_cast<uint64_t>(encoded) & 0xffffffffu);
  return GeoPoint{lat * kLatStep, lon * kLonStep};
}

}  // namespace quiver::schema
