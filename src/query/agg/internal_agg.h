// Aggregation results: one InternalAgg per aggregation per shard (a partial
// result), reduced across shards into the final one exactly as
// Elasticsearch's InternalAggregation.reduce does, then rendered as ES JSON.
// Multi-bucket results expose their buckets so that ordering, bucket paths
// and parent pipelines can walk them. Plain values; not thread-safe.
#pragma once

#include <cmath>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.h"
#include "common/json_writer.h"
#include "common/status.h"
#include "query/agg/doc_format.h"
#include "query/exec/shard_search.h"

namespace quiver::query::agg {

class InternalAgg;
using InternalAggPtr = std::unique_ptr<InternalAgg>;
using InternalAggs = std::vector<InternalAggPtr>;

struct ReduceContext {
  bool final = true;  // the coordinator's last reduction (trims buckets, runs pipelines)
  size_t num_shards = 1;
};

struct RenderContext {
  bool typed_keys = false;
  // Renders one top_hits hit (shard-local reference) as a JSON object.
  struct HitRef {
    size_t shard = 0;
    uint32_t segment = 0;
    uint32_t doc = 0;
    float score = 0;
    std::vector<SortValue> sort;  // empty: sorted by score
  };
  std::function<Result<std::string>(const HitRef&, const json::value& options)> render_hit;
};

// A bucket of a multi-bucket aggregation. The key is a number (long or
// double), a string, or a composite/multi_terms object.
struct Bucket {
  enum class KeyKind : uint8_t { kLong, kDouble, kString, kObject };
  KeyKind kind = KeyKind::kString;
  int64_t l = 0;
  double d = 0;
  std::string s;
  json::value obj;                 // kObject keys (composite)
  std::vector<json::value> parts;  // multi_terms key parts
  int64_t doc_count = 0;
  int64_t doc_count_error = 0;  // terms with show_term_doc_count_error
  InternalAggs aggs;
  // Range buckets: bounds (NaN when open), and a user key if given.
  double from = std::nan(""), to = std::nan("");
  std::string range_key;
  bool removed = false;  // dropped by bucket_selector / bucket_sort

  double NumericKey() const { return kind == KeyKind::kLong ? static_cast<double>(l) : d; }
};

class InternalAgg {
 public:
  InternalAgg(std::string name, json::value meta)
      : name_(std::move(name)), meta_(std::move(meta)) {}
  virtual ~InternalAgg() = default;

  const std::string& name() const { return name_; }
  const json::value& meta() const { return meta_; }
  // ES "writeable name" used for typed_keys ("sterms", "avg", ...).
  virtual std::string TypeName() const = 0;

  // Reduces `parts` (this aggregation's results from every shard, all of the
  // same dynamic type, parts[0] == this) into one.
  virtual Result<InternalAggPtr> Reduce(std::vector<InternalAggPtr> parts,
                                        const ReduceContext& ctx) = 0;

  // The result of collecting no documents, with this one's configuration
  // (empty histogram buckets and terms with min_doc_count 0 get these).
  virtual InternalAggPtr EmptyCopy() const = 0;

  // Writes the members of this aggregation's JSON object (without meta).
  virtual Status RenderBody(JsonWriter* w, const RenderContext& ctx) const = 0;

  // The value a bucket path names below this aggregation ("value", "avg",
  // "99.0", "_count"...); `key` empty means the default value.
  virtual std::optional<double> Value(std::string_view key) const;

  // A bucket's key as ES's getKeyAsString shows it (pipeline `keys`).
  virtual std::string BucketKeyString(const Bucket& b) const;

  // Multi-bucket aggregations return their buckets (nullptr otherwise).
  virtual std::vector<Bucket>* buckets() { return nullptr; }
  // Single-bucket aggregations (filter, missing, global...).
  virtual int64_t* single_doc_count() { return nullptr; }
  virtual InternalAggs* single_aggs() { return nullptr; }

 private:
  std::string name_;
  json::value meta_;
};

// Renders `{ "name": { ...meta, body }, ... }` members for a list of aggs.
Status RenderAggs(const InternalAggs& aggs, JsonWriter* w, const RenderContext& ctx);

// Reduces per-shard lists of sibling aggregations (same names, same order
// of definition) into one list.
Result<InternalAggs> ReduceAggs(std::vector<InternalAggs> per_shard, const ReduceContext& ctx);

// EmptyCopy of every aggregation of a list.
InternalAggs EmptyCopies(const InternalAggs& aggs);

// Finds a sibling by name.
InternalAgg* FindAgg(const InternalAggs& aggs, std::string_view name);

// Resolves an ES buckets_path ("agg>sub.metric", "_count", "agg[99.9]")
// relative to a bucket's sub-aggregations; nullopt when it names nothing
// numeric.
std::optional<double> ResolveBucketPath(const Bucket& bucket, std::string_view path);
std::optional<double> ResolvePathIn(const InternalAggs& aggs, int64_t doc_count,
                                    std::string_view path);

// Writes a double as ES does for metric values (non-finite → null).
void WriteMetric(JsonWriter* w, std::string_view key, double v);

}  // namespace quiver::query::agg
