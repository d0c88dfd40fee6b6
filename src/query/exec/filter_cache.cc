#include "query/exec/filter_cache.h"

#include <type_traits>
#include <variant>

#include "common/coding.h"
#include "query/exec/weights.h"

namespace quiver::query {
namespace {

// Keys are binary: a type byte, then every operand length-prefixed or fixed
// width, so no two different filters can share a key.
void PutString(std::string* out, std::string_view s) {
  PutVarint64(out, s.size());
  out->append(s);
}

void PutInt(std::string* out, int64_t v) { PutFixed64(out, static_cast<uint64_t>(v)); }

void PutOptional(std::string* out, const std::optional<std::string>& s) {
  out->push_back(s ? 1 : 0);
  if (s) PutString(out, *s);
}

// Entries forget their use counts beyond this many distinct filters, so a
// stream of one-off filters cannot grow the tracker without bound.
constexpr size_t kMaxTrackedFilters = 4096;

}  // namespace

std::optional<std::string> FilterCacheKey(const Query& query, bool* cheap) {
  *cheap = false;
  return std::visit(
      [&](const auto& n) -> std::optional<std::string> {
        using T = std::decay_t<decltype(n)>;
        std::string key;
        if constexpr (std::is_same_v<T, TermQuery>) {
          *cheap = true;
          key.push_back('t');
          PutString(&key, n.field);
          PutString(&key, n.term);
        } else if constexpr (std::is_same_v<T, TermSetQuery>) {
          key.push_back('s');
          PutString(&key, n.field);
          PutVarint64(&key, n.terms.size());
          for (const auto& t : n.terms) PutString(&key, t);
        } else if constexpr (std::is_same_v<T, TermRangeQuery>) {
          key.push_back('r');
          PutString(&key, n.field);
          PutOptional(&key, n.lower);
          PutOptional(&key, n.upper);
          key.push_back(static_cast<char>(n.include_lower * 2 + n.include_upper));
        } else if constexpr (std::is_same_v<T, NumericRangeQuery>) {
          key.push_back('n');
          PutString(&key, n.field);
          PutInt(&key, n.lower);
          PutInt(&key, n.upper);
        } else if constexpr (std::is_same_v<T, NumericSetQuery>) {
          key.push_back('v');
          PutString(&key, n.field);
          PutVarint64(&key, n.values.size());
          for (int64_t v : n.values) PutInt(&key, v);
        } else if constexpr (std::is_same_v<T, PrefixQuery>) {
          key.push_back('p');
          PutString(&key, n.field);
          PutString(&key, n.prefix);
          key.push_back(n.case_insensitive ? 1 : 0);
        } else if constexpr (std::is_same_v<T, WildcardQuery>) {
          key.push_back('w');
          PutString(&key, n.field);
          PutString(&key, n.pattern);
          key.push_back(n.case_insensitive ? 1 : 0);
        } else if constexpr (std::is_same_v<T, RegexpQuery>) {
          key.push_back('g');
          PutString(&key, n.field);
          PutString(&key, n.pattern);
          PutInt(&key, n.flags);
          PutInt(&key, n.max_determinized_states);
          key.push_back(n.case_insensitive ? 1 : 0);
        } else if constexpr (std::is_same_v<T, ExistsQuery>) {
          key.push_back('e');
          PutVarint64(&key, n.fields.size());
          for (const auto& f : n.fields) PutString(&key, f);
        } else {
          return std::nullopt;
        }
        return key;
      },
      query.node);
}

FilterCache::FilterCache(Options options) : options_(options) {}

FilterCache& FilterCache::Node() {
  static FilterCache* cache = new FilterCache(Options{});  // never destroyed: used until exit
  return *cache;
}

std::string FilterCache::MapKey(uint64_t segment_uid, const std::string& key) {
  std::string k;
  PutFixed64(&k, segment_uid);
  k.append(key);
  return k;
}

std::shared_ptr<const FixedBitSet> FilterCache::Get(uint64_t segment_uid, const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = map_.find(MapKey(segment_uid, key));
  if (it == map_.end()) {
    ++stats_.misses;
    return nullptr;
  }
  ++stats_.hits;
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->bits;
}

bool FilterCache::ShouldCache(const std::string& key, bool cheap, uint32_t segment_docs) {
  if (segment_docs < options_.min_segment_docs) return false;
  std::lock_guard<std::mutex> lock(mu_);
  if (uses_.size() >= kMaxTrackedFilters && !uses_.count(key)) uses_.clear();
  uint32_t uses = ++uses_[key];
  return uses >= (cheap ? options_.min_term_uses : options_.min_uses);
}

void FilterCache::Put(uint64_t segment_uid, const std::string& key,
                      std::shared_ptr<const FixedBitSet> bits) {
  size_t bytes = bits->ram_bytes();
  if (bytes > options_.max_bytes) return;
  std::lock_guard<std::mutex> lock(mu_);
  std::string map_key = MapKey(segment_uid, key);
  if (map_.count(map_key)) return;  // another search computed it meanwhile
  lru_.push_front(Entry{segment_uid, key, std::move(bits)});
  map_.emplace(std::move(map_key), lru_.begin());
  stats_.bytes += bytes;
  while (stats_.bytes > options_.max_bytes && !lru_.empty()) {
    const Entry& victim = lru_.back();
    stats_.bytes -= victim.bits->ram_bytes();
    map_.erase(MapKey(victim.segment_uid, victim.key));
    lru_.pop_back();
    ++stats_.evictions;
  }
  stats_.entries = map_.size();
}

FilterCache::Stats FilterCache::stats() const {
  std::lock_guard<std::mutex> lock(mu_);
  Stats s = stats_;
  s.entries = map_.size();
  return s;
}

namespace {

// Serves a filter from the cache, computing and caching a segment's bitset
// when the policy says it is worth it; otherwise defers to the filter's own
// weight. Scores are the filter's constant (the caller asked for none).
class CachingWeight : public Weight {
 public:
  CachingWeight(WeightPtr inner, FilterCache* cache, std::string key, bool cheap, float score)
      : inner_(std::move(inner)),
        cache_(cache),
        key_(std::move(key)),
        cheap_(cheap),
        score_(score) {}

  Result<ScorerPtr> MakeScorer(const SegmentContext& ctx) const override {
    const uint64_t uid = ctx.reader->uid();
    std::shared_ptr<const FixedBitSet> bits = cache_->Get(uid, key_);
    if (!bits) {
      if (!cache_->ShouldCache(key_, cheap_, ctx.max_doc())) return inner_->MakeScorer(ctx);
      auto fresh = std::make_shared<FixedBitSet>(ctx.max_doc());
      QUIVER_ASSIGN_OR_RETURN(ScorerPtr scorer, inner_->MakeScorer(ctx));
      if (scorer) fresh->OrIterator(scorer.get());
      bits = fresh;
      cache_->Put(uid, key_, bits);
    }
    auto cardinality = static_cast<int64_t>(bits->Cardinality());
    if (cardinality == 0) return ScorerPtr();
    return ScorerPtr(std::make_unique<ConstantScorer>(
        std::make_unique<BitSetIterator>(std::move(bits), cardinality), score_));
  }

  Result<Explanation> Explain(const SegmentContext& ctx, uint32_t doc) const override {
    return inner_->Explain(ctx, doc);
  }

 private:
  WeightPtr inner_;
  FilterCache* cache_;
  std::string key_;
  bool cheap_;
  float score_;
};

}  // namespace

WeightPtr MaybeCacheFilter(const Query& query, WeightPtr weight, IndexSearcher* searcher,
                           float boost) {
  FilterCache* cache = searcher->filter_cache();
  if (cache == nullptr) return weight;
  bool cheap = false;
  std::optional<std::string> key = FilterCacheKey(query, &cheap);
  if (!key) return weight;
  return std::make_unique<CachingWeight>(std::move(weight), cache, std::move(*key), cheap, boost);
}

}  // namespace quiver::query
