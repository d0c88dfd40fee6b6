// QueryContext: what resolving an Elasticsearch query against one index
// needs — the mapping, the analyzers, the index settings (limits) and the
// request's notion of "now" (date math). Borrowed pointers; valid for the
// duration of the parse.
#pragma once

#include <cstdint>
#include <string>

namespace quiver::schema {
class Mapping;
class IndexSettings;
}  // namespace quiver::schema
namespace quiver::analysis {
class AnalysisRegistry;
}  // namespace quiver::analysis

namespace quiver::query {

struct QueryContext {
  const schema::Mapping* mapping = nullptr;
  const analysis::AnalysisRegistry* analysis = nullptr;
  const schema::IndexSettings* settings = nullptr;
  std::string index_name;
  int64_t now_ms = 0;
  // search.allow_expensive_queries (ES cluster setting, default true).
  bool allow_expensive_queries = true;
};

}  // namespace quiver::query
