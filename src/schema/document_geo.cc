// geo_point values in documents: {"lat": .., "lon": ..}, GeoJSON
// {"type": "Point", "coordinates": [lon, lat]}, [lon, lat], "lat,lon",
// geohash and WKT strings, and arrays of any of them.
#include <string>

#include "schema/document_parser_internal.h"
#include "schema/geo_point.h"

namespace quiver::schema {

namespace {

// A coordinate given as a number or a numeric string.
Status ReadCoordinate(od::value v, std::string_view name, double* out) {
  od::json_type type;
  if (v.type().get(type)) return Status::InvalidArgument("[" + std::string(name) + "] is invalid");
  if (type == od::json_type::number) {
    if (v.get_double().get(*out)) {
      return Status::InvalidArgument("[" + std::string(name) + "] is not a number");
    }
    return Status::Ok();
  }
  if (type == od::json_type::string) {
    std::string_view s;
    if (!v.get_string().get(s)) {
      std::string text(s);
      char* end = nullptr;
      *out = std::strtod(text.c_str(), &end);
      if (!text.empty() && end == text.c_str() + text.size()) return Status::Ok();
    }
    return Status::InvalidArgument(std::string(name) + " must be a number");
  }
  return Status::InvalidArgument(std::string(name) + " must be a number");
}

// [lon, lat] or [lon, lat, z] after the first number has been read.
Status ReadCoordinateArray(od::array arr, bool ignore_z_value, GeoPoint* p) {
  double coords[3] = {0, 0, 0};
  size_t n = 0;
  for (auto element : arr) {
    od::value e;
    double d = 0;
    if (element.get(e) || e.get_double().get(d)) {
      return Status::InvalidArgument("numeric value expected");
    }
    if (n == 3)
      return Status::InvalidArgument("[geo_point] field type does not accept > 3 dimensions");
    coords[n++] = d;
  }
  if (n < 2)
    return Status::InvalidArgument("[geo_point] field type should have at least two dimensions");
  if (n == 3 && !ignore_z_value) {
    return Status::InvalidArgument("Exception parsing coordinates: found Z value [" +
                                   std::to_string(coords[2]) +
                                   "] but [ignore_z_value] parameter is [false]");
  }
  p->lon = coords[0];
  p->lat = coords[1];
  return Status::Ok();
}

Status ReadGeoObject(od::object obj, bool ignore_z_value, GeoPoint* p) {
  bool has_lat = false, has_lon = false, has_coordinates = false;
  std::string geojson_type;
  for (auto field_result : obj) {
    od::field field;
    if (std::move(field_result).get(field)) return Status::InvalidArgument("malformed geo_point");
    std::string_view key;
    if (field.unescaped_key().get(key)) return Status::InvalidArgument("malformed geo_point");
    if (key == "lat") {
      QUIVER_RETURN_IF_ERROR(ReadCoordinate(field.value(), "latitude", &p->lat));
      has_lat = true;
    } else if (key == "lon") {
      QUIVER_RETURN_IF_ERROR(ReadCoordinate(field.value(), "longitude", &p->lon));
      has_lon = true;
    } else if (key == "z") {
      double z;
      QUIVER_RETURN_IF_ERROR(ReadCoordinate(field.value(), "z value", &z));
      if (!ignore_z_value) {
        return Status::InvalidArgument("Exception parsing coordinates: found Z value [" +
                                       std::to_string(z) +
                                       "] but [ignore_z_value] parameter is [false]");
      }
    } else if (key == "type") {
      std::string_view t;
      if (field.value().get_string().get(t)) {
        return Status::InvalidArgument("[type] must be a string");
      }
      geojson_type = std::string(t);
    } else if (key == "coordinates") {
      od::array arr;
      if (field.value().get_array().get(arr)) {
        return Status::InvalidArgument("[coordinates] must be an array");
      }
      QUIVER_RETURN_IF_ERROR(ReadCoordinateArray(arr, ignore_z_value, p));
      has_coordinates = true;
    } else {
      return Status::InvalidArgument("field must be either [lat], [lon] or [z]");
    }
  }
  if (has_coordinates || !geojson_type.empty()) {
    if (geojson_type != "Point" && geojson_type != "point") {
      return Status::InvalidArgument("[type] for geo_point can only be 'Point'");
    }
    if (!has_coordinates) return Status::InvalidArgument("[coordinates] field is required");
    return Status::Ok();
  }
  if (!has_lat) return Status::InvalidArgument("field [lat] missing");
  if (!has_lon) return Status::InvalidArgument("field [lon] missing");
  return Status::Ok();
}

}  // namespace

Status DocParser::AddGeoPoint(const FieldMapper& f, Result<GeoPoint> point, const char* pos,
                              std::string_view preview) {
  Status st = point.ok() ? ValidateGeoPoint(*point, f.full_path()) : point.status();
  if (!st.ok()) {
    if (f.numeric().ignore_malformed) {
      MarkIgnored(f.full_path());
      return Status::Ok();
    }
    return FieldError(f, pos, preview, st);
  }
  FieldValue fv;
  fv.field = &f;
  fv.i64 = EncodeGeoPoint(*point);
  out_->fields.push_back(std::move(fv));
  return Status::Ok();
}

Status DocParser::ParseGeoPoint(const FieldMapper& f, od::value v, int depth, const char* pos) {
  if (depth > kMaxDocumentDepth) return JsonError(simdjson::DEPTH_ERROR, pos);
  od::json_type type;
  if (auto err = v.type().get(type)) return JsonError(err, pos);
  const bool ignore_z = f.numeric().ignore_z_value;
  switch (type) {
    case od::json_type::object: {
      od::object obj;
      if (auto err = v.get_object().get(obj)) return JsonError(err, pos);
      GeoPoint p;
      Status st = ReadGeoObject(obj, ignore_z, &p);
      if (!st.ok()) return AddGeoPoint(f, st, pos, "{...}");
      return AddGeoPoint(f, p, pos, "{...}");
    }
    case od::json_type::array: {
      od::array arr;
      if (auto err = v.get_array().get(arr)) return JsonError(err, pos);
      // [lon, lat] when the first element is a number; otherwise a list of points.
      bool numeric = false;
      bool first = true;
      double coords[3] = {0, 0, 0};
      size_t n = 0;
      for (auto element : arr) {
        od::value e;
        if (auto err = element.get(e)) return JsonError(err, pos);
        od::json_type et;
        if (auto err = e.type().get(et)) return JsonError(err, pos);
        if (first) numeric = et == od::json_type::number;
        first = false;
        if (!numeric) {
          QUIVER_RETURN_IF_ERROR(ParseGeoPoint(f, e, depth + 1, pos));
          continue;
        }
        double d = 0;
        if (et != od::json_type::number || e.get_double().get(d)) {
          return AddGeoPoint(f, Status::InvalidArgument("numeric value expected"), pos, "[...]");
        }
        if (n == 3) {
          return AddGeoPoint(
              f, Status::InvalidArgument("[geo_point] field type does not accept > 3 dimensions"),
              pos, "[...]");
        }
        coords[n++] = d;
      }
      if (!numeric) return Status::Ok();
      if (n < 2) {
        return AddGeoPoint(
            f,
            Status::InvalidArgument("[geo_point] field type should have at least two dimensions"),
            pos, "[...]");
      }
      if (n == 3 && !ignore_z) {
        return AddGeoPoint(
            f,
            Status::InvalidArgument("Exception parsing coordinates: found Z value [" +
                                    std::to_string(coords[2]) +
                                    "] but [ignore_z_value] parameter is [false]"),
            pos, "[...]");
      }
      return AddGeoPoint(f, GeoPoint{coords[1], coords[0]}, pos, "[...]");
    }
    case od::json_type::null: {
      JsonScalar s;
      QUIVER_RETURN_IF_ERROR(ReadScalar(v, type, &s, &pos));
      return IndexNull(f, pos);
    }
    default: {
      JsonScalar s;
      QUIVER_RETURN_IF_ERROR(ReadScalar(v, type, &s, &pos));
      if (s.kind != JsonScalar::Kind::kString) {
        return AddGeoPoint(f, Status::InvalidArgument("geo_point expected"), pos, s.text);
      }
      return AddGeoPoint(f, ParseGeoPointText(s.text, ignore_z), pos, s.text);
    }
  }
}

}  // namespace quiver::schema
