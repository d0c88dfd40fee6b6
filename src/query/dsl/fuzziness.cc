#include "query/dsl/fuzziness.h"

#include <cmath>

#include "common/strings.h"
#include "query/dsl/parse_context.h"

namespace quiver::query::dsl {

namespace {

Status EsParseError(std::string message) {
  return Status::InvalidArgument(std::move(message)).WithType("parse_exception");
}

int CodePoints(std::string_view s) {
  int n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

Result<Fuzziness> Fuzziness::Parse(std::string_view text) {
  if (text.empty()) return IllegalArgumentError("fuzziness cannot be null or empty.");
  std::string upper;
  for (char c : text) upper.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c);
  if (upper == "AUTO") return Auto();
  if (upper.rfind("AUTO:", 0) == 0) {
    std::vector<std::string_view> parts = SplitString(std::string_view(upper).substr(5), ',');
    if (parts.size() != 2) return EsParseError("failed to find low and high distance values");
    int64_t low, high;
    if (!ParseInt64(parts[0], &low) || !ParseInt64(parts[1], &high)) {
      return EsParseError("failed to parse [" + upper + "] as a \"auto:int,int\"");
    }
    if (low < 0 || high < 0 || low > high) {
      return EsParseError("fuzziness wrongly configured [" + upper +
                          "]. The minimum edit distance must not be larger than the maximum.");
    }
    return Fuzziness(true, 0, static_cast<int>(low), static_cast<int>(high));
  }
  double d;
  if (!ParseJavaDouble(upper, &d)) {
    return IllegalArgumentError("Invalid fuzziness value: " + std::string(text));
  }
  float f = static_cast<float>(d);
  if (std::fmod(f, 1.0f) > 0) {
    std::string shown;
    AppendJsonFloat(&shown, f);
    return IllegalArgumentError("fuzziness needs to be one of 0.0, 1.0 or 2.0 but was " + shown);
  }
  int edits = static_cast<int>(f);
  if (edits != 0 && edits != 1 && edits != 2) {
    return IllegalArgumentError("Valid edit distances are [0, 1, 2] but was [" +
                                std::to_string(edits) + "]");
  }
  return Edits(edits);
}

Result<Fuzziness> Fuzziness::FromJson(const json::value& v) {
  if (!v.is_string() && !v.is_number()) {
    return IllegalArgumentError("Can't parse fuzziness on token: [" +
                                std::string(JsonTokenName(v)) + "]");
  }
  return Parse(*ScalarText(v));
}

int Fuzziness::AsDistance(std::string_view term) const {
  if (!auto_) return edits_;
  int len = CodePoints(term);
  if (len < low_) return 0;
  if (len < high_) return 1;
  return 2;
}

std::string Fuzziness::ToString() const {
  if (!auto_) return std::to_string(edits_);
  if (low_ == 3 && high_ == 6) return "AUTO";
  return "AUTO:" + std::to_string(low_) + "," + std::to_string(high_);
}

}  // namespace quiver::query::dsl
