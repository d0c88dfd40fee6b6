#include "query/agg/doc_format.h"

#include <cmath>
#include <cstring>

#include "common/strings.h"
#include "schema/ip_address.h"

namespace quiver::query::agg {

std::string DocFormat::Format(double v) const {
  switch (kind) {
    case Kind::kDate:
      return FormatLong(static_cast<int64_t>(std::floor(v)));
    case Kind::kBool:
      return v != 0 ? "true" : "false";
    case Kind::kDecimal:
      return decimal->Format(v);
    case Kind::kIp:
    case Kind::kRaw:
      break;
  }
  std::string out;
  AppendJsonDouble(&out, v);
  return out;
}

std::string DocFormat::FormatLong(int64_t v) const {
  switch (kind) {
    case Kind::kDate:
      return date.Format(
          v, zone ? static_cast<int32_t>(zone->OffsetMillisAt(v) / 1000) : offset_seconds);
    case Kind::kBool:
      return v != 0 ? "true" : "false";
    case Kind::kDecimal:
      return decimal->Format(static_cast<double>(v));
    case Kind::kIp:
    case Kind::kRaw:
      break;
  }
  return std::to_string(v);
}

std::string DocFormat::FormatBytes(std::string_view term) const {
  if (kind == Kind::kIp && term.size() == 16) {
    schema::IpBytes ip;
    std::memcpy(ip.data(), term.data(), 16);
    return schema::FormatIp(ip);
  }
  return std::string(term);
}

Result<double> DocFormat::ParseNumber(const json::value& v) const {
  if (kind == Kind::kBool) {
    if (v.is_bool()) return v.get_bool() ? 1.0 : 0.0;
    std::string s = JsonToString(v).value_or("");
    if (s == "true") return 1.0;
    if (s == "false" || s.empty()) return 0.0;
  }
  if (kind == Kind::kDate && v.is_string()) {
    auto r = date.ParseMillis(v.get_string());
    if (r.ok()) return static_cast<double>(*r);
    auto d = schema::DateFormat::Default().ParseMillis(v.get_string());
    if (d.ok()) return static_cast<double>(*d);
    return r.status();
  }
  auto d = JsonToDouble(v);
  if (!d) {
    return Status::InvalidArgument("Cannot parse the value [" + JsonToString(v).value_or("") +
                                   "] as a number")
        .WithType("number_format_exception");
  }
  return *d;
}

}  // namespace quiver::query::agg
