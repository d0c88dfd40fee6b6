// Date math in index and alias names, as Elasticsearch resolves them
// (IndexNameExpressionResolver.DateMathExpressionResolver):
//
//   <static_name{date_math_expr{date_format|time_zone}}static_name>
//
// e.g. "<logs-{now/d}>" → "logs-2024.03.22", "<logs_{2022-12-31||/d{yyyy-MM-dd}}>"
// → "logs_2022-12-31". Only names enclosed in '<' '>' are expressions; '\'
// escapes the next character; the format defaults to "uuuu.MM.dd" and the
// time zone to UTC; an anchor date ("2022-12-31||") is parsed with the
// block's format. Errors are ES's parse_exception "invalid dynamic name
// expression [..]. <reason>".
//
// Stateless; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace quiver::engine {

// Returns `name` unchanged unless it is a date math expression.
Result<std::string> ResolveDateMathName(std::string_view name, int64_t now_ms);

}  // namespace quiver::engine
