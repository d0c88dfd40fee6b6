// Constant-score weights over numeric values (numbers, dates, booleans):
// ranges and sets, answered from the points index, or from doc values for
// fields indexed without points (ES IndexOrDocValuesQuery).
#include <algorithm>

#include "query/exec/bitset.h"
#include "query/exec/weights.h"

namespace quiver::query {
namespace {

class NumericWeight : public Weight {
 public:
  NumericWeight(std::string field, std::vector<std::pair<int64_t, int64_t>> ranges, float boost,
                std::string description)
      : field_(std::move(field)), ranges_(std::move(ranges)), boost_(boost),
        description_(std::move(description)) {}

  Result<ScorerPtr> MakeScorer(const SegmentContext& ctx) const override {
    const segment::FieldReaders* f = ctx.reader->field(field_);
    if (f == nullptr) return ScorerPtr();
    if (f->points) {
      std::vector<uint32_t> all, part;
      for (const auto& [lo, hi] : ranges_) {
        f->points->Range(lo, hi, &part);
        all.insert(all.end(), part.begin(), part.end());
      }
      if (ranges_.size() > 1) {
        std::sort(all.begin(), all.end());
        all.erase(std::unique(all.begin(), all.end()), all.end());
      }
      if (all.empty()) return ScorerPtr();
      auto docs = std::make_shared<const std::vector<uint32_t>>(std::move(all));
      return ScorerPtr(std::make_unique<ConstantScorer>(std::make_unique<SortedDocsIterator>(docs),
                                                        boost_));
    }
    if (f->numeric) {
      auto bits = std::make_shared<FixedBitSet>(ctx.max_doc());
      for (uint32_t d = 0; d < ctx.max_doc(); ++d) {
        uint32_t n = f->numeric->Count(d);
        for (uint32_t i = 0; i < n; ++i) {
          int64_t v = f->numeric->Value(d, i);
          bool hit = false;
          for (const auto& [lo, hi] : ranges_) hit |= v >= lo && v <= hi;
          if (hit) {
            bits->Set(d);
            break;
          }
        }
      }
      uint32_t count = bits->Cardinality();
      if (count == 0) return ScorerPtr();
      return ScorerPtr(std::make_unique<ConstantScorer>(std::make_unique<BitSetIterator>(bits, count),
                                                        boost_));
    }
    return ScorerPtr();
  }

  Result<Explanation> Explain(const SegmentContext& ctx, uint32_t doc) const override {
    return ExplainByScoring(*this, ctx, doc, description_);
  }

 private:
  std::string field_;
  std::vector<std::pair<int64_t, int64_t>> ranges_;
  float boost_;
  std::string description_;
};

}  // namespace

Result<WeightPtr> MakeNumericWeight(const QueryNode& node, IndexSearcher*, float boost) {
  if (auto* q = std::get_if<NumericRangeQuery>(&node)) {
    return WeightPtr(std::make_unique<NumericWeight>(
        q->field, std::vector<std::pair<int64_t, int64_t>>{{q->lower, q->upper}}, boost,
        q->field + ":[" + std::to_string(q->lower) + " TO " + std::to_string(q->upper) + "]"));
  }
  if (auto* q = std::get_if<NumericSetQuery>(&node)) {
    std::vector<std::pair<int64_t, int64_t>> ranges;
    for (int64_t v : q->values) ranges.push_back({v, v});
    return WeightPtr(std::make_unique<NumericWeight>(q->field, std::move(ranges), boost,
                                                     q->field + ":(values)"));
  }
  return Status::Internal("not a numeric query");
}

}  // namespace quiver::query
