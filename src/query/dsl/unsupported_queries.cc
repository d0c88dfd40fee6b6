// ES query types Quiver recognizes but does not execute. They fail with a
// clear illegal_argument_exception instead of ES's "unknown query".
#include <algorithm>

#include "query/dsl/query_parsers.h"

namespace quiver::query::dsl {

namespace {

constexpr std::string_view kUnsupported[] = {
    "distance_feature", "field_masking_span",
    "geo_bounding_box", "geo_distance",
    "geo_grid",         "geo_polygon",
    "geo_shape",        "has_child",
    "has_parent",       "intervals",
    "more_like_this",   "parent_id",
    "percolate",        "pinned",
    "rank_feature",     "rule",
    "script",           "script_score",
    "semantic",         "shape",
    "span_containing",  "span_field_masking",
    "span_first",       "span_multi",
    "span_near",        "span_not",
    "span_or",          "span_term",
    "span_within",      "sparse_vector",
    "text_expansion",   "weighted_tokens",
};

}  // namespace

bool IsUnsupportedQueryType(std::string_view name) {
  return std::find(std::begin(kUnsupported), std::end(kUnsupported), name) !=
         std::end(kUnsupported);
}

Status UnsupportedQueryType(std::string_view name) {
  return IllegalArgumentError("[" + std::string(name) + "] queries are not supported");
}

}  // namespace quiver::query::dsl
