// FilterCache: the matches of frequently used filters per segment, as bitsets
// (Elasticsearch's node query cache, Lucene's LRUQueryCache with a
// usage-tracking policy). Only filter-context clauses that cost more than a
// posting walk to evaluate again (term sets and ranges, numeric ranges over
// points, prefix/wildcard/regexp, exists, and terms used often) are cached,
// only on segments large enough to matter, and only once a filter has been
// seen `min_uses` times. Entries are keyed on the segment reader's
// process-unique uid, so they never outlive their meaning: segments are
// immutable, and a bitset includes deleted docs (collectors skip those).
// Least recently used entries are evicted beyond `max_bytes`.
// Thread-safe.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "query/exec/bitset.h"
#include "query/query.h"

namespace quiver::query {

class FilterCache {
 public:
  struct Options {
    size_t max_bytes = 64u << 20;
    uint32_t min_segment_docs = 10000;
    uint32_t min_uses = 2;       // costly filters (ranges, term sets, ...)
    uint32_t min_term_uses = 5;  // single terms: a posting walk is cheap
  };
  struct Stats {
    uint64_t hits = 0, misses = 0, evictions = 0;
    size_t entries = 0, bytes = 0;
  };

  explicit FilterCache(Options options);

  // The cache every IndexSearcher uses by default: one per process, as one
  // process is one node (Elasticsearch's node query cache).
  static FilterCache& Node();

  // The cached matches of `key` in segment `segment_uid`, or null.
  std::shared_ptr<const FixedBitSet> Get(uint64_t segment_uid, const std::string& key);
  // Records one use of `key` on a segment of `segment_docs` docs; true when
  // its result there should now be computed and Put.
  bool ShouldCache(const std::string& key, bool cheap, uint32_t segment_docs);
  void Put(uint64_t segment_uid, const std::string& key, std::shared_ptr<const FixedBitSet> bits);
  Stats stats() const;

 private:
  struct Entry {
    uint64_t segment_uid;
    std::string key;
    std::shared_ptr<const FixedBitSet> bits;
  };
  using Lru = std::list<Entry>;
  static std::string MapKey(uint64_t segment_uid, const std::string& key);

  const Options options_;
  mutable std::mutex mu_;
  Lru lru_;                                             // GUARDED_BY(mu_), most recent first
  std::unordered_map<std::string, Lru::iterator> map_;  // GUARDED_BY(mu_)
  std::unordered_map<std::string, uint32_t> uses_;      // GUARDED_BY(mu_)
  Stats stats_;                                         // GUARDED_BY(mu_)
};

// An exact, unambiguous cache key for `query` when it is a filter worth
// caching, else nullopt. `cheap` is set for single-term filters.
std::optional<std::string> FilterCacheKey(const Query& query, bool* cheap);

}  // namespace quiver::query
