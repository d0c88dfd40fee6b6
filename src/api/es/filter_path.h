// filter_path: Elasticsearch's response filtering. A comma-separated list of
// dotted paths with `*` (any chars within one name) and `**` (any depth);
// a leading `-` excludes. Applied to the parsed response body.
#pragma once

#include <string_view>

#include "common/json.h"

namespace quiver::api {

// Returns the filtered value; an object with nothing left becomes {}.
json::value ApplyFilterPath(const json::value& body, std::string_view filter_path);

}  // namespace quiver::api
