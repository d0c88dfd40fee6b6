// Small string utilities shared by all layers. Stateless; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace quiver {

std::vector<std::string_view> SplitString(std::string_view s, char sep);
std::string_view TrimWhitespace(std::string_view s);
std::string AsciiLower(std::string_view s);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
// Glob match with '*' as the only wildcard (Elasticsearch Regex.simpleMatch):
// index and alias expressions, field-name patterns, filter_path segments.
bool SimpleMatch(std::string_view pattern, std::string_view s);

// Appends `s` as a JSON string literal (quotes and escapes included).
void AppendJsonString(std::string* out, std::string_view s);
// Appends the shortest text that reads back as `v`, the way Java prints
// doubles in ES responses (always with a fraction or exponent: 1.0, 2.5E-7).
// Non-finite values are written as null.
void AppendJsonDouble(std::string* out, double v);
// The same for a float32 (scores are float32 in ES).
void AppendJsonFloat(std::string* out, float v);

// True if `s` is well-formed UTF-8.
bool IsValidUtf8(std::string_view s);

// Parses a whole decimal integer; false on any other text or overflow.
bool ParseInt64(std::string_view s, int64_t* out);
bool ParseDouble(std::string_view s, double* out);

// Percent-decoding for URL paths and query strings ('+' kept as-is in paths).
bool PercentDecode(std::string_view in, std::string* out, bool plus_as_space);

// ES byte-size and time-value strings: "100mb", "1gb", "512b"; "1s", "500ms", "-1".
bool ParseByteSize(std::string_view s, int64_t* bytes);
bool ParseTimeValueMs(std::string_view s, int64_t* ms);

}  // namespace quiver
