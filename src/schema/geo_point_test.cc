#include "schema/geo_point.h"

#include <gtest/gtest.h>

#include <cmath>

namespace quiver::schema {
namespace {

TEST(GeoPointTest, ParsesLatLonText) {
  auto p = ParseGeoPointText("41.12,-71.34", /*ignore_z_value=*/true);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_DOUBLE_EQ(p->lat, 41.12);
  EXPECT_DOUBLE_EQ(p->lon, -71.34);
  EXPECT_TRUE(ParseGeoPointText(" 41.12 , -71.34 ", true).ok());
}

TEST(GeoPointTest, ThirdValueOnlyWhenZIgnored) {
  EXPECT_TRUE(ParseGeoPointText("41.12,-71.34,10", true).ok());
  EXPECT_FALSE(ParseGeoPointText("41.12,-71.34,10", false).ok());
  EXPECT_FALSE(ParseGeoPointText("41.12,-71.34,10,3", true).ok());
}

TEST(GeoPointTest, ParsesWktPointAsLonLat) {
  auto p = ParseGeoPointText("POINT (-71.34 41.12)", true);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_DOUBLE_EQ(p->lat, 41.12);
  EXPECT_DOUBLE_EQ(p->lon, -71.34);
}

TEST(GeoPointTest, DecodesGeohashToCellCentre) {
  // "u4pruydqqvj" is the classic Jutland example: 57.64911, 10.40744.
  auto p = DecodeGeohash("u4pruydqqvj");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_NEAR(p->lat, 57.64911, 1e-5);
  EXPECT_NEAR(p->lon, 10.40744, 1e-5);
  auto text = ParseGeoPointText("u4pruydqqvj", true);
  ASSERT_TRUE(text.ok());
  EXPECT_NEAR(text->lat, p->lat, 1e-12);
  EXPECT_FALSE(DecodeGeohash("").ok());
  EXPECT_FALSE(DecodeGeohash("abc!").ok());           // '!' is not base-32
  EXPECT_FALSE(DecodeGeohash("u4pruydqqvjab").ok());  // longer than 12
}

TEST(GeoPointTest, RejectsGarbageText) {
  EXPECT_FALSE(ParseGeoPointText("41.12;-71.34", true).ok());
  EXPECT_FALSE(ParseGeoPointText("lat,lon", true).ok());
  EXPECT_FALSE(ParseGeoPointText("POINT (1)", true).ok());
}

TEST(GeoPointTest, ValidatesRanges) {
  EXPECT_TRUE(ValidateGeoPoint({90, 180}, "loc").ok());
  EXPECT_TRUE(ValidateGeoPoint({-90, -180}, "loc").ok());
  EXPECT_FALSE(ValidateGeoPoint({90.5, 0}, "loc").ok());
  EXPECT_FALSE(ValidateGeoPoint({0, -180.5}, "loc").ok());
  EXPECT_FALSE(ValidateGeoPoint({NAN, 0}, "loc").ok());
}

TEST(GeoPointTest, EncodingRoundTripsWithinQuantizationStep) {
  const double lat_step = 180.0 / 4294967296.0;
  const double lon_step = 360.0 / 4294967296.0;
  for (GeoPoint p : {GeoPoint{0, 0}, GeoPoint{41.12, -71.34}, GeoPoint{-89.999, 179.999},
                     GeoPoint{90, 180}, GeoPoint{-90, -180}}) {
    GeoPoint d = DecodeGeoPoint(EncodeGeoPoint(p));
    EXPECT_NEAR(d.lat, p.lat, lat_step) << p.lat;
    EXPECT_NEAR(d.lon, p.lon, lon_step) << p.lon;
  }
}

TEST(GeoPointTest, EncodingOrdersByLatitudeFirst) {
  EXPECT_LT(EncodeGeoPoint({10, 50}), EncodeGeoPoint({11, -50}));
}

}  // namespace
}  // namespace quiver::schema
