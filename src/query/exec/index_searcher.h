// IndexSearcher: a shard's point-in-time SegmentSet as queries see it, with
// the collection statistics BM25 needs (per field and per term, summed over
// segments including deleted documents, as Lucene's IndexSearcher reports
// them; Elasticsearch's default query_then_fetch scores with these
// shard-local statistics). One per shard per search; not thread-safe
// (statistics are cached).
#pragma once

#include <map>
#include <memory>
#include <string>

#include "query/exec/bm25.h"
#include "segment/segment_view.h"

namespace quiver::query {

class FilterCache;

class IndexSearcher {
 public:
  // Filters cache into the process-wide FilterCache::Node() unless
  // set_filter_cache says otherwise.
  explicit IndexSearcher(std::shared_ptr<const segment::SegmentSet> set);

  const segment::SegmentSet& set() const { return *set_; }
  size_t num_segments() const { return set_->segments.size(); }
  const segment::SegmentView& segment(size_t i) const { return set_->segments[i]; }

  // Where filter-context clauses cache their per-segment matches (null:
  // no caching). Not owned; must outlive the searcher.
  FilterCache* filter_cache() const { return filter_cache_; }
  void set_filter_cache(FilterCache* cache) { filter_cache_ = cache; }

  FieldStats field_stats(const std::string& field);
  TermStats term_stats(const std::string& field, std::string_view term);

 private:
  std::shared_ptr<const segment::SegmentSet> set_;
  std::map<std::string, FieldStats> field_stats_;
  FilterCache* filter_cache_ = nullptr;
};

}  // namespace quiver::query
