// ES minimum_should_match specs (Queries.calculateMinShouldMatch): "3",
// "-2", "75%", "-25%", and conditional combinations "3<90%",
// "2<-25% 9<-3". Stateless; thread-safe.
#pragma once

#include <string_view>

#include "common/status.h"

namespace quiver::query::dsl {

// The number of optional clauses that must match out of
// `optional_clause_count`. Percentages round down; negative values are
// subtracted from the count; results below 0 become 0 (results above the
// count are kept: such a query matches nothing, as in ES). Errors:
// number_format_exception "For input string: \"x\"".
Result<int> CalculateMinShouldMatch(int optional_clause_count, std::string_view spec);

}  // namespace quiver::query::dsl
