#include "engine/index_name_date_math.h"

#include "query/dsl/date_math.h"
#include "schema/date_format.h"

namespace quiver::engine {
namespace {

constexpr std::string_view kDefaultFormat = "uuuu.MM.dd";

Status Invalid(std::string_view expr, const std::string& why) {
  return Status::ParseError("invalid dynamic name expression [" + std::string(expr) + "]. " + why)
      .WithType("parse_exception");
}

// Evaluates one "{math{format|tz}}" block body (without the outer braces).
Result<std::string> EvaluateBlock(std::string_view expr, std::string_view math,
                                  std::string_view format_spec, std::string_view tz,
                                  int64_t now_ms) {
  if (math.empty()) return Invalid(expr, "missing date math expression");
  int32_t offset = 0;
  if (!tz.empty()) {
    QUIVER_ASSIGN_OR_RETURN(offset, query::dsl::ParseTimeZoneOffset(tz));
  }
  QUIVER_ASSIGN_OR_RETURN(schema::DateFormat format, schema::DateFormat::Parse(format_spec));
  QUIVER_ASSIGN_OR_RETURN(int64_t millis,
                          query::dsl::EvaluateDateMath(math, now_ms, false, format, offset));
  return format.Format(millis, offset);
}

}  // namespace

Result<std::string> ResolveDateMathName(std::string_view name, int64_t now_ms) {
  if (name.size() < 2 || name.front() != '<' || name.back() != '>') return std::string(name);
  std::string_view expr = name.substr(1, name.size() - 2);
  std::string out;
  size_t i = 0;
  while (i < expr.size()) {
    char c = expr[i];
    if (c == '\\') {
      if (i + 1 >= expr.size()) return Invalid(expr, "dangling escape character at the end");
      out += expr[i + 1];
      i += 2;
      continue;
    }
    if (c == '}') {
      return Invalid(expr,
                     "invalid character at position [" + std::to_string(i) +
                         "]. `{` and `}` are reserved characters and should be escaped "
                         "when used as part of the index name using `\\` (e.g. `\\{text\\}`)");
    }
    if (c != '{') {
      out += c;
      ++i;
      continue;
    }
    // A block: math up to '{' (format) or '}' (end); escapes allowed.
    size_t start = i++;
    std::string math, format_part;
    bool in_format = false, closed = false;
    while (i < expr.size()) {
      char d = expr[i];
      if (d == '\\' && i + 1 < expr.size()) {
        (in_format ? format_part : math) += expr[i + 1];
        i += 2;
        continue;
      }
      if (d == '{') {
        if (in_format) {
          return Invalid(
              expr, "invalid character in placeholder at position [" + std::to_string(i) + "]");
        }
        in_format = true;
        ++i;
        continue;
      }
      if (d == '}') {
        ++i;
        if (in_format) {
          if (i >= expr.size() || expr[i] != '}') {
            return Invalid(expr, "missing closing `}` for date math format");
          }
          ++i;
        }
        closed = true;
        break;
      }
      (in_format ? format_part : math) += d;
      ++i;
    }
    if (!closed) {
      return Invalid(expr, "date math placeholder is open ended starting at position [" +
                               std::to_string(start) + "]");
    }
    std::string_view format_spec = kDefaultFormat, tz;
    if (in_format) {
      std::string_view f = format_part;
      size_t bar = f.find('|');
      if (bar != std::string_view::npos) {
        tz = f.substr(bar + 1);
        f = f.substr(0, bar);
      }
      if (f.empty()) return Invalid(expr, "missing date format");
      format_spec = f;
    }
    QUIVER_ASSIGN_OR_RETURN(std::string part, EvaluateBlock(expr, math, format_spec, tz, now_ms));
    out += part;
  }
  return out;
}

}  // namespace quiver::engine
