// StoredVectorsWriter: owns, while an index is built, the per-ordinal arrays
// that every index type serializes (doc ids, float vectors — normalized for
// cosine — norms, and int8 codes + corrections for quantized types), and
// writes them as sections (docs/formats/vector.md). The matching reader is
// LoadVectorStore() in vector_store.h.
//
// Not thread-safe while mutated; View() is a read-only view.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "vector/index_file_writer.h"
#include "vector/scalar_quantizer.h"
#include "vector/vector_store.h"

namespace quiver::vector {

class StoredVectorsWriter {
 public:
  StoredVectorsWriter(Metric metric, uint32_t dims) : metric_(metric), dims_(dims) {}

  // Appends a vector (copied; normalized under cosine).
  void Add(uint32_t doc, const float* vector);
  void Reserve(size_t n);
  // Permutes every vector's dimensions by decreasing variance (see docs/formats/vector.md,
  // "Dimension order"); call before Quantize and before building a graph.
  void OrderDimensionsByVariance();
  // Maps an original-order vector to the stored order (identity if unordered).
  void ToStoredOrder(const float* in, float* out) const;
  // Trains the quantizer on all vectors and encodes them.
  void Quantize(float confidence_interval);
  // Reorders ordinals: new ordinal i takes old ordinal new_to_old[i].
  void Permute(const std::vector<uint32_t>& new_to_old);

  VectorStore View() const;
  // The 16-byte common params prefix.
  std::string CommonParams() const;
  // Adds doc ids, vectors, norms (cosine) and codes + corrections (quantized).
  void AddSections(IndexFileWriter* writer) const;

  uint32_t size() const { return static_cast<uint32_t>(doc_ids_.size()); }
  uint32_t dims() const { return dims_; }
  Metric metric() const { return metric_; }
  bool quantized() const { return quantized_; }
  const std::vector<uint32_t>& doc_ids() const { return doc_ids_; }
  const float* Vector(uint32_t ord) const { return vectors_.data() + size_t{ord} * dims_; }

 private:
  Metric metric_;
  uint32_t dims_;
  bool quantized_ = false;
  ScalarQuantizer quantizer_;
  std::vector<uint32_t> doc_ids_;
  std::vector<float> vectors_;
  std::vector<float> norms_;
  std::vector<int8_t> codes_;
  std::vector<float> corrections_;
  std::vector<uint32_t> dim_order_;
};

}  // namespace quiver::vector
