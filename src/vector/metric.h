// Metrics, the distance convention of the library, and Elasticsearch's
// similarity → _score transforms.
//
// Every index ranks by a "distance" where lower is better:
//   kL2:           squared Euclidean distance ‖q − x‖²
//   kInnerProduct: −⟨q, x⟩
//   kCosine:       −cos(q, x) (vectors are unit-normalized at insert and query)
// SimilarityFromDistance() turns it back into the raw similarity users see.
#pragma once

#include <cstdint>
#include <string_view>

#include "common/status.h"

namespace quiver::vector {

enum class Metric : uint8_t { kL2 = 0, kInnerProduct = 1, kCosine = 2 };

// ES `dense_vector.similarity`. dot_product and max_inner_product both rank by
// inner product; they differ only in the score transform.
enum class EsSimilarity : uint8_t { kL2Norm, kCosine, kDotProduct, kMaxInnerProduct };

// ES `dense_vector.element_type`.
enum class ElementType : uint8_t { kFloat, kByte };

const char* MetricName(Metric metric);
// Accepts "l2", "l2_norm", "euclidean", "ip", "dot", "dot_product",
// "inner_product", "max_inner_product", "cosine".
Result<Metric> ParseMetric(std::string_view name);
Result<EsSimilarity> ParseEsSimilarity(std::string_view name);
Metric MetricFor(EsSimilarity similarity);

// Squared L2 distance for kL2, the inner product / cosine otherwise.
inline float SimilarityFromDistance(Metric metric, float distance) {
  return metric == Metric::kL2 ? distance : -distance;
}

// The _score ES 8 reports for a kNN hit (docs: "dense_vector" → similarity):
//   l2_norm:           1 / (1 + l2_norm(q, x)²)
//   cosine:            (1 + cos(q, x)) / 2
//   dot_product float: (1 + ⟨q, x⟩) / 2;  byte: 0.5 + ⟨q, x⟩ / (32768 · dims)
//   max_inner_product: ⟨q, x⟩ < 0 ? 1 / (1 − ⟨q, x⟩) : ⟨q, x⟩ + 1
// `distance` is the library's distance for MetricFor(similarity).
float EsScore(EsSimilarity similarity, float distance, ElementType element_type, uint32_t dims);

}  // namespace quiver::vector
