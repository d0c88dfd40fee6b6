// The Elasticsearch `_analyze` API (GET/POST /_analyze, /{index}/_analyze)
// independent of HTTP: request body JSON in, ES response JSON out.
//
//   {"tokens": [{"token", "start_offset", "end_offset", "type", "position"
//                (, "positionLength" when > 1)}]}
//   explain: {"detail": {"custom_analyzer": true, "charfilters": [...],
//             "tokenizer": {"name", "tokens"}, "tokenfilters": [...]}}
//            or {"detail": {"custom_analyzer": false, "analyzer": {...}}}
//
// Offsets are UTF-16 code units as ES reports them. Errors carry ES types:
// action_request_validation_exception, illegal_argument_exception,
// illegal_state_exception (index.analyze.max_token_count), ...
// Thread-safe: no shared mutable state.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "analysis/analysis_registry.h"
#include "common/json.h"
#include "common/status.h"

namespace quiver::analysis {

// How the index mapping analyzes a field (for requests with "field").
struct FieldAnalysis {
  enum class Kind {
    kUnmapped,  // no such field: the index default analyzer is used
    kText,      // analyzed string field; `name` is its index analyzer ("" = default)
    kKeyword,   // keyword field; `name` is its normalizer ("" = none)
    kOther,     // not a string field: rejected
  };
  Kind kind = Kind::kUnmapped;
  std::string name;
};

struct AnalyzeContext {
  // The index's registry for /{index}/_analyze; null for /_analyze.
  std::shared_ptr<const AnalysisRegistry> index_registry;
  // Resolves "field" against the index mapping; may be empty.
  std::function<FieldAnalysis(std::string_view field)> field_resolver;
  // index.analyze.max_token_count without an index (node setting).
  int node_max_token_count = 10000;
};

// Runs the request (the parsed body) and returns the response body.
Result<json::value> RunAnalyze(const json::value& request, const AnalyzeContext& context);

}  // namespace quiver::analysis
