// geo_point values: parsing the text forms Elasticsearch accepts ("lat,lon",
// geohash, WKT POINT), range validation, and the 64-bit encoding Quiver
// indexes (latitude and longitude quantized to 32 bits each, the precision
// Lucene's LatLonPoint keeps). Stateless; thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

#include "common/status.h"

namespace quiver::schema {

struct GeoPoint {
  double lat = 0;
  double lon = 0;
};

// "41.12,-71.34" (lat,lon; an optional third z value is accepted when
// `ignore_z_value`), "POINT (-71.34 41.12)" (WKT, lon lat), or a geohash.
Result<GeoPoint> ParseGeoPointText(std::string_view text, bool ignore_z_value);

// Decodes a geohash (base-32, 1 to 12 characters) to the centre of its cell.
Result<GeoPoint> DecodeGeohash(std::string_view hash);

// illegal_argument_exception when lat is outside [-90, 90] or lon outside
// [-180, 180] (or either is not finite), with ES's message naming `field`.
Status ValidateGeoPoint(const GeoPoint& p, std::string_view field);

// Latitude in the high 32 bits, longitude in the low 32, each the signed
// quantized value (floor(v / step), step = 180/2^32 resp. 360/2^32).
int64_t EncodeGeoPoint(const GeoPoint& p);
GeoPoint DecodeGeoPoint(int64_t encoded);

}  // namespace quiver::schema
