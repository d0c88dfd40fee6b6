// MappingContext: what mapping parsing and document parsing need to know
// about the index besides the mapping itself. Built by the engine per index;
// the callbacks let schema/ validate analyzer names without depending on the
// analysis layer.
#pragma once

#include <functional>
#include <string_view>

#include "schema/index_settings.h"

namespace quiver::schema {

struct MappingContext {
  // Limits (index.mapping.*), index-wide coerce/ignore_malformed defaults and
  // custom similarities. nullptr: ES defaults. Not owned; must outlive the
  // call it is passed to.
  const IndexSettings* settings = nullptr;
  // True if an analyzer of that name exists (built-in or in
  // index.analysis). Unset: every name is accepted.
  std::function<bool(std::string_view)> analyzer_exists;
  // True if a normalizer of that name exists. Unset: every name is accepted.
  std::function<bool(std::string_view)> normalizer_exists;

  const IndexSettings& settings_or_default() const;
};

}  // namespace quiver::schema
