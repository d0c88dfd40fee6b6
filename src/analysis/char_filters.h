// Constructors of the char filter implementations (one .cc file each);
// settings parsing lives in builtin_char_filters.cc.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "analysis/char_filter.h"
#include "analysis/regex.h"

namespace quiver::analysis {

// html_strip (Lucene HTMLStripCharFilter): removes markup, decodes entities,
// replaces block-level elements by newlines; `escaped_tags` are kept.
std::shared_ptr<const CharFilter> NewHtmlStripCharFilter(std::string name,
                                                         std::vector<std::string> escaped_tags);

// mapping (Lucene MappingCharFilter): longest-match replacement of strings.
std::shared_ptr<const CharFilter> NewMappingCharFilter(
    std::string name, std::vector<std::pair<std::string, std::string>> mappings);

// pattern_replace (Lucene PatternReplaceCharFilter): regex replaceAll over the text.
std::shared_ptr<const CharFilter> NewPatternReplaceCharFilter(std::string name,
                                                              std::shared_ptr<const Regex> regex,
                                                              std::string replacement);

}  // namespace quiver::analysis
