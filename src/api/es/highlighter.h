// Highlighting of search hits (ES `highlight`): the query's terms are found
// again in the stored text by re-analyzing it with the field's analyzer,
// and fragments around them are returned with the matches wrapped in tags.
// Implements the options clients use (fields with wildcards, pre_tags,
// post_tags, fragment_size, number_of_fragments, no_match_size,
// require_field_match, encoder, order) for the unified and plain types.
#pragma once

#include <string>
#include <vector>

#include "analysis/analysis_registry.h"
#include "common/json.h"
#include "query/query.h"
#include "schema/mapping.h"

namespace quiver::api {

// The highlight object of one hit ({"field": ["fragment", ...]}); empty
// object when nothing is highlighted.
Result<json::object> HighlightHit(const json::value& spec, const query::Query& query,
                                  const schema::Mapping& mapping,
                                  const analysis::AnalysisRegistry& analysis,
                                  const json::value& source);

}  // namespace quiver::api
