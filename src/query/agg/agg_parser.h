// Parses a request's `aggs` / `aggregations` object into the spec tree,
// with Elasticsearch's error types and messages (parsing_exception for
// structure, x_content_parse_exception / illegal_argument_exception for
// parameters).
#pragma once

#include <memory>
#include <vector>

#include "common/json.h"
#include "common/status.h"
#include "query/agg/aggregator.h"

namespace quiver::query::agg {

struct AggTree {
  AggSpecs specs;
  std::vector<std::shared_ptr<const PipelineSpec>> pipelines;  // top-level siblings
  bool needs_scores = false;
};

Result<AggTree> ParseAggregations(const json::value& aggs);

}  // namespace quiver::query::agg
