// BM25 exactly as Lucene 9's BM25Similarity computes it (what Elasticsearch 8
// uses for "BM25", k1 = 1.2, b = 0.75), in float32 with the same operation
// order, so scores match Elasticsearch's on the same shard statistics:
//   idf    = log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5))
//   avgdl  = sumTotalTermFreq / docCount
//   score  = weight - weight / (1 + freq * normInverse[norm]),
//            weight = boost * idf,
//            normInverse[n] = 1 / (k1 * ((1 - b) + b * dl(n) / avgdl))
// where dl(n) is the length decoded from the one-byte norm (SmallFloat).
// (Robertson & Zaragoza 2009; Lucene LUCENE-8563 removed the k1+1 factor.)
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "query/exec/explanation.h"

namespace quiver::query {

struct Bm25Params {
  float k1 = 1.2f;
  float b = 0.75f;
};

// Collection statistics of a field (per shard, summed over segments,
// deleted documents included, as Lucene's IndexSearcher does).
struct FieldStats {
  int64_t doc_count = 0;            // docs with the field
  int64_t sum_total_term_freq = 0;  // total tokens
  int64_t sum_doc_freq = 0;
};

struct TermStats {
  int64_t doc_freq = 0;
  int64_t total_term_freq = 0;
};

// The per-query-term part of BM25: weight and the 256-entry norm cache.
class Bm25Weight {
 public:
  Bm25Weight(float boost, const FieldStats& field, const TermStats& term, Bm25Params p = {});
  // For blended/multi-term scoring where idf is computed elsewhere.
  Bm25Weight(float boost, float idf, const FieldStats& field, Bm25Params p = {});

  static float Idf(int64_t doc_freq, int64_t doc_count);
  static float AvgFieldLength(const FieldStats& field);

  float Score(float freq, uint8_t norm) const {
    float norm_inverse = cache_[norm];
    return weight_ - weight_ / (1.0f + freq * norm_inverse);
  }
  // Upper bound for any doc with freq <= max_freq and norm >= min_norm
  // (scores grow with freq and shrink with length).
  float MaxScore(float max_freq, uint8_t min_norm) const { return Score(max_freq, min_norm); }
  // The bound over every doc: freq unbounded -> weight.
  float weight() const { return weight_; }

  Explanation Explain(float freq, uint8_t norm, bool has_norms, const std::string& what) const;

 private:
  void Init(float boost, float idf, const FieldStats& field);
  Bm25Params params_;
  float boost_;
  float idf_;
  float avgdl_;
  float weight_;
  std::array<float, 256> cache_;
  int64_t doc_freq_ = 0, doc_count_ = 0;
};

}  // namespace quiver::query
