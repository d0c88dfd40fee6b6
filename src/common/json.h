// JSON for everything that is not the ingest hot path: a mutable DOM
// (Boost.JSON; objects keep insertion order) plus helpers to parse with an
// ES-shaped error and to read typed members leniently as Elasticsearch does
// ("10" accepted where a number is expected, etc.).
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace quiver {

namespace json = boost::json;

// Parses a complete JSON text with correctly rounded numbers. Errors are
// kParseError naming the byte offset; duplicate object keys are rejected as
// Jackson does in ES ("Duplicate field 'x'", x_content_parse_exception).
Result<json::value> ParseJson(std::string_view text);

// Byte offset at which `text` stops being valid JSON (for error messages).
size_t JsonErrorOffset(std::string_view text);

// Serializes compactly, or with ES's two-space pretty printing.
std::string ToJson(const json::value& v, bool pretty = false);

// Lenient typed reads (ES accepts numbers as strings and vice versa in most
// parameters). Return nullopt when the value cannot be read as that type.
std::optional<int64_t> JsonToInt64(const json::value& v);
std::optional<double> JsonToDouble(const json::value& v);
std::optional<bool> JsonToBool(const json::value& v);
// Strings as-is; numbers and booleans in their JSON text form.
std::optional<std::string> JsonToString(const json::value& v);

// Member lookup that tolerates non-objects; returns nullptr if absent.
const json::value* JsonFind(const json::value& v, std::string_view key);

// Follows a dotted path ("a.b.0.c"); numeric segments index arrays.
const json::value* JsonFindPath(const json::value& v, std::string_view dotted_path);

// Name of the JSON type as ES error messages say it: "START_OBJECT",
// "START_ARRAY", "VALUE_STRING", "VALUE_NUMBER", "VALUE_BOOLEAN", "VALUE_NULL".
std::string_view JsonTokenName(const json::value& v);

}  // namespace quiver
