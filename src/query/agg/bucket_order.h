// BucketOrder: the `order` of terms / histogram buckets (ES BucketOrder):
// a list of criteria (_count, _key, or a sub-aggregation path), each asc or
// desc, with the key ascending as the final tie-break.
#pragma once

#include <string>
#include <vector>

#include "common/json.h"
#include "common/status.h"
#include "query/agg/internal_agg.h"

namespace quiver::query::agg {

struct BucketOrder {
  struct Criterion {
    std::string path;  // "_count", "_key" or a buckets path
    bool asc = true;
  };
  std::vector<Criterion> criteria;

  static BucketOrder CountDesc() { return BucketOrder{{{"_count", false}}}; }
  static BucketOrder KeyAsc() { return BucketOrder{{{"_key", true}}}; }
  // Parses an object or an array of objects.
  static Result<BucketOrder> Parse(const json::value& v, std::string_view agg_type);

  bool IsKeyOrder() const { return !criteria.empty() && criteria[0].path == "_key"; }
  bool IsCountDesc() const {
    return !criteria.empty() && criteria[0].path == "_count" && !criteria[0].asc;
  }
  bool UsesSubAggs() const;

  // Negative when `a` comes first.
  int Compare(const Bucket& a, const Bucket& b) const;
  void Sort(std::vector<Bucket>* buckets) const;
};

// Compares bucket keys (numbers numerically, strings bytewise).
int CompareKeys(const Bucket& a, const Bucket& b);

}  // namespace quiver::query::agg
