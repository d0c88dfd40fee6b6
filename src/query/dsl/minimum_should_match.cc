#include "query/dsl/minimum_should_match.h"

#include <string>
#include <vector>

#include "common/strings.h"

namespace quiver::query::dsl {
namespace {

Status NumberFormat(std::string_view s) {
  return Status::InvalidArgument("For input string: \"" + std::string(s) + "\"")
      .WithType("number_format_exception");
}

// Java Integer.parseInt.
Result<int> ParseJavaInt(std::string_view s) {
  int64_t v;
  if (s.empty() || s.size() > 11 || !ParseInt64(s, &v) || v > INT32_MAX || v < INT32_MIN) {
    return NumberFormat(s);
  }
  return static_cast<int>(v);
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

}  // namespace

Result<int> CalculateMinShouldMatch(int optional_clause_count, std::string_view spec) {
  int result = optional_clause_count;
  std::string s(TrimWhitespace(spec));
  if (s.find('<') != std::string::npos) {
    // Conditional specs: remove spaces around '<', split on whitespace.
    std::string compact;
    for (size_t i = 0; i < s.size(); ++i) {
      if (IsSpace(s[i])) {
        size_t j = i;
        while (j < s.size() && IsSpace(s[j])) ++j;
        bool before_lt = j < s.size() && s[j] == '<';
        bool after_lt = !compact.empty() && compact.back() == '<';
        if (!before_lt && !after_lt) compact.push_back(' ');
        i = j - 1;
        continue;
      }
      compact.push_back(s[i]);
    }
    for (std::string_view part : SplitString(compact, ' ')) {
      if (part.empty()) continue;
      size_t lt = part.find('<');
      if (lt == std::string_view::npos) return NumberFormat(part);
      QUIVER_ASSIGN_OR_RETURN(int upper_bound, ParseJavaInt(part.substr(0, lt)));
      if (optional_clause_count <= upper_bound) return result;
      QUIVER_ASSIGN_OR_RETURN(result,
                              CalculateMinShouldMatch(optional_clause_count, part.substr(lt + 1)));
    }
    return result;
  }
  if (s.find('%') != std::string::npos) {
    std::string_view number = std::string_view(s).substr(0, s.size() - 1);
    QUIVER_ASSIGN_OR_RETURN(int percent, ParseJavaInt(number));
    float calc = static_cast<float>(result * percent) * (1 / 100.0f);
    result = calc < 0 ? result + static_cast<int>(calc) : static_cast<int>(calc);
  } else {
    QUIVER_ASSIGN_OR_RETURN(int calc, ParseJavaInt(s));
    result = calc < 0 ? result + calc : calc;
  }
  return result < 0 ? 0 : result;
}

}  // namespace quiver::query::dsl
