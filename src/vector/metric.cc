#include "vector/metric.h"

#include <string>

namespace quiver::vector {

const char* MetricName(Metric metric) {
  switch (metric) {
    case Metric::kL2:
      return "l2";
    case Metric::kInnerProduct:
      return "ip";
    case Metric::kCosine:
      return "cosine";
  }
  return "unknown";
}

Result<Metric> ParseMetric(std::string_view name) {
  if (name == "l2" || name == "l2_norm" || name == "euclidean") return Metric::kL2;
  if (name == "ip" || name == "dot" || name == "dot_product" || name == "inner_product" ||
      name == "max_inner_product") {
    return Metric::kInnerProduct;
  }
  if (name == "cosine") return Metric::kCosine;
  return Status::InvalidArgument("unknown vector metric [" + std::string(name) + "]");
}

Result<EsSimilarity> ParseEsSimilarity(std::string_view name) {
  if (name == "l2_norm") return EsSimilarity::kL2Norm;
  if (name == "cosine") return EsSimilarity::kCosine;
  if (name == "dot_product") return EsSimilarity::kDotProduct;
  if (name == "max_inner_product") return EsSimilarity::kMaxInnerProduct;
  return Status::InvalidArgument("unknown similarity [" + std::string(name) + "]");
}

Metric MetricFor(EsSimilarity similarity) {
  switch (similarity) {
    case EsSimilarity::kL2Norm:
      return Metric::kL2;
    case EsSimilarity::kCosine:
      return Metric::kCosine;
    case EsSimilarity::kDotProduct:
    case EsSimilarity::kMaxInnerProduct:
      return Metric::kInnerProduct;
  }
  return Metric::kL2;
}

float EsScore(EsSimilarity similarity, float distance, ElementType element_type, uint32_t dims) {
  switch (similarity) {
    case EsSimilarity::kL2Norm:
      return 1.0f / (1.0f + distance);  // distance is already ‖q − x‖²
    case EsSimilarity::kCosine:
      return (1.0f - distance) / 2.0f;
    case EsSimilarity::kDotProduct: {
      float dot = -distance;
      if (element_type == ElementType::kByte) {
        return 0.5f + dot / (32768.0f * static_cast<float>(dims == 0 ? 1 : dims));
      }
      return (1.0f + dot) / 2.0f;
    }
    case EsSimilarity::kMaxInnerProduct: {
      float dot = -distance;
      return dot < 0 ? 1.0f / (1.0f - dot) : dot + 1.0f;
    }
  }
  return 0;
}

}  // namespace quiver::vector
