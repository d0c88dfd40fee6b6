// _source filtering with Elasticsearch's semantics (XContentMapValues.filter):
// `includes` / `excludes` are dotted paths with `*` wildcards (which also
// match dots); a pattern matches a path and everything below it ("obj"
// keeps obj.a.b); objects on the way to an include are kept with only the
// matching children, and dropped if nothing inside matches; excludes win;
// arrays are filtered element by element with the array's path. Used for
// mapping `_source.includes/excludes` at index time and by GET / _search
// `_source_includes` / `_source_excludes`. Stateless; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/json.h"
#include "common/status.h"

namespace quiver::schema {

// Filters a JSON object; returns the filtered object (compact JSON).
Result<std::string> FilterSource(std::string_view source_json,
                                 const std::vector<std::string>& includes,
                                 const std::vector<std::string>& excludes);

// The same on a parsed object.
json::object FilterSourceObject(const json::object& source,
                                const std::vector<std::string>& includes,
                                const std::vector<std::string>& excludes);

}  // namespace quiver::schema
