// Parsers of the individual aggregation types (one per family file),
// dispatched by agg_parser.cc. Each takes the aggregation's name and the
// object under its type key, and returns the spec (subs are attached by the
// caller).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "common/json.h"
#include "common/status.h"
#include "query/agg/aggregator.h"

namespace quiver::query::agg {

using SpecPtr = std::shared_ptr<AggSpec>;
using PipelinePtr = std::shared_ptr<PipelineSpec>;

// metric_aggs.cc: avg, sum, min, max, value_count, stats, extended_stats,
// weighted_avg.
Result<SpecPtr> ParseMetricAgg(std::string_view type, const std::string& name,
                               const json::value& body);
// sketch_aggs.cc: cardinality, percentiles, percentile_ranks,
// median_absolute_deviation.
Result<SpecPtr> ParseSketchAgg(std::string_view type, const std::string& name,
                               const json::value& body);
// top_hits_agg.cc
Result<SpecPtr> ParseTopHitsAgg(const std::string& name, const json::value& body);
// terms_agg.cc: terms.
Result<SpecPtr> ParseTermsAgg(const std::string& name, const json::value& body);
// multi_terms_agg.cc
Result<SpecPtr> ParseMultiTermsAgg(const std::string& name, const json::value& body);
// histogram_agg.cc: histogram, date_histogram.
Result<SpecPtr> ParseHistogramAgg(std::string_view type, const std::string& name,
                                  const json::value& body);
// range_agg.cc: range, date_range.
Result<SpecPtr> ParseRangeAgg(std::string_view type, const std::string& name,
                              const json::value& body);
// single_bucket_aggs.cc: filter, filters, missing, global.
Result<SpecPtr> ParseSingleBucketAgg(std::string_view type, const std::string& name,
                                     const json::value& body);
// composite_agg.cc
Result<SpecPtr> ParseCompositeAgg(const std::string& name, const json::value& body);
// pipeline_aggs.cc: *_bucket, derivative, cumulative_sum, bucket_sort,
// bucket_selector (no scripts).
Result<PipelinePtr> ParsePipelineAgg(std::string_view type, const std::string& name,
                                     const json::value& body);
bool IsPipelineType(std::string_view type);

// Helpers for parsers.
Status UnknownKey(std::string_view agg_type, std::string_view key);
Result<int64_t> IntParam(std::string_view agg_type, std::string_view key, const json::value& v);
Result<double> DoubleParam(std::string_view agg_type, std::string_view key, const json::value& v);
Result<bool> BoolParam(std::string_view agg_type, std::string_view key, const json::value& v);
Result<std::string> StringParam(std::string_view agg_type, std::string_view key,
                                const json::value& v);

}  // namespace quiver::query::agg
