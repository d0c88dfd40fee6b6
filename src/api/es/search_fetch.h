// The fetch phase of a search: renders one hit — metadata, filtered
// _source, `fields`, `docvalue_fields`, highlights, sort values and the
// score explanation — from the shard's pinned segments.
#pragma once

#include <memory>
#include <string>

#include "analysis/analysis_registry.h"
#include "api/es/search_request.h"
#include "common/json_writer.h"
#include "engine/index.h"
#include "query/exec/shard_search.h"

namespace quiver::api {

struct FetchContext {
  const SearchRequest* request = nullptr;
  const engine::Index* index = nullptr;
  const schema::Mapping* mapping = nullptr;
  const analysis::AnalysisRegistry* analysis = nullptr;
  const query::Query* query = nullptr;
  std::shared_ptr<const segment::SegmentSet> searcher;
  size_t shard = 0;
  std::string node_id;
  // Per sort key, the date format its values are shown with (may be null).
  const std::vector<std::optional<SortDateUnit>>* sort_formats = nullptr;
};

Status FetchHit(const FetchContext& ctx, const query::ShardHit& hit, bool show_score,
                bool show_sort, JsonWriter* out);

// Values at a dotted path of a parsed _source, arrays flattened.
void SourceValues(const json::value& source, std::string_view path, json::array* out);

// Values of a document for `fields` / `docvalue_fields` patterns.
// `format`: a date pattern for dates, a DecimalFormat pattern for numbers.
Result<json::value> DocValueFieldValues(const FetchContext& ctx,
                                        const segment::SegmentReader& reader, uint32_t doc,
                                        const std::string& field, const std::string& format);

}  // namespace quiver::api
