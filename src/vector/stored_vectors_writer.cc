#include "vector/stored_vectors_writer.h"

#include <algorithm>

#include "common/coding.h"
#include "vector/index_format.h"

namespace quiver::vector {

void StoredVectorsWriter::Reserve(size_t n) {
  doc_ids_.reserve(n);
  vectors_.reserve(n * dims_);
  if (metric_ == Metric::kCosine) norms_.reserve(n);
}

void StoredVectorsWriter::Add(uint32_t doc, const float* vector) {
  doc_ids_.push_back(doc);
  size_t start = vectors_.size();
  vectors_.insert(vectors_.end(), vector, vector + dims_);
  if (metric_ == Metric::kCosine)
    norms_.push_back(NormalizeInPlace(vectors_.data() + start, dims_));
}

void StoredVectorsWriter::OrderDimensionsByVariance() {
  const uint32_t n = size();
  if (n == 0 || !dim_order_.empty()) return;
  std::vector<double> sum(dims_, 0.0), sum_sq(dims_, 0.0);
  const uint32_t step = n > 100000 ? n / 100000 : 1;  // a sample is plenty
  for (uint32_t i = 0; i < n; i += step) {
    const float* v = Vector(i);
    for (uint32_t d = 0; d < dims_; ++d) {
      sum[d] += v[d];
      sum_sq[d] += double{v[d]} * v[d];
    }
  }
  std::vector<double> variance(dims_);
  for (uint32_t d = 0; d < dims_; ++d) variance[d] = sum_sq[d] - sum[d] * sum[d] / n;
  dim_order_.resize(dims_);
  for (uint32_t d = 0; d < dims_; ++d) dim_order_[d] = d;
  std::stable_sort(dim_order_.begin(), dim_order_.end(),
                   [&](uint32_t a, uint32_t b) { return variance[a] > variance[b]; });
  std::vector<float> row(dims_);
  for (uint32_t i = 0; i < n; ++i) {
    float* v = vectors_.data() + size_t{i} * dims_;
    for (uint32_t d = 0; d < dims_; ++d) row[d] = v[dim_order_[d]];
    std::copy(row.begin(), row.end(), v);
  }
}

void StoredVectorsWriter::ToStoredOrder(const float* in, float* out) const {
  for (uint32_t d = 0; d < dims_; ++d) out[d] = in[dim_order_.empty() ? d : dim_order_[d]];
}

void StoredVectorsWriter::Quantize(float confidence_interval) {
  quantized_ = true;
  quantizer_ = ScalarQuantizer::Train(vectors_.data(), size(), dims_, metric_, confidence_interval);
  codes_.assign(size_t{size()} * dims_, 0);
  corrections_.assign(size(), 0);
  for (uint32_t i = 0; i < size(); ++i) {
    quantizer_.Encode(Vector(i), codes_.data() + size_t{i} * dims_, &corrections_[i]);
  }
}

void StoredVectorsWriter::Permute(const std::vector<uint32_t>& new_to_old) {
  auto permute = [&](auto& v, size_t width) {
    if (v.empty()) return;
    std::remove_reference_t<decltype(v)> out(v.size());
    for (size_t i = 0; i < new_to_old.size(); ++i) {
      std::copy_n(v.begin() + new_to_old[i] * width, width, out.begin() + i * width);
    }
    v.swap(out);
  };
  permute(doc_ids_, 1);
  permute(vectors_, dims_);
  permute(norms_, 1);
  permute(codes_, dims_);
  permute(corrections_, 1);
}

VectorStore StoredVectorsWriter::View() const {
  VectorStore s;
  s.dims = dims_;
  s.num_vectors = size();
  s.metric = metric_;
  s.doc_ids = doc_ids_.data();
  s.vectors = vectors_.data();
  s.norms = norms_.empty() ? nullptr : norms_.data();
  s.dim_order = dim_order_.empty() ? nullptr : dim_order_.data();
  if (quantized_) {
    s.codes = codes_.data();
    s.corrections = corrections_.data();
    s.code_stride = dims_;
    s.quantizer = quantizer_;
  }
  return s;
}

std::string StoredVectorsWriter::CommonParams() const {
  std::string p;
  PutFixed32(&p, quantized_ ? dims_ : 0);
  PutF32(&p, quantized_ ? quantizer_.min() : 0.0f);
  PutF32(&p, quantized_ ? quantizer_.max() : 0.0f);
  PutF32(&p, quantized_ ? quantizer_.confidence_interval() : 0.0f);
  return p;
}

void StoredVectorsWriter::AddSections(IndexFileWriter* writer) const {
  writer->AddArray(format::kDocIds, doc_ids_);
  writer->AddArray(format::kVectors, vectors_);
  if (metric_ == Metric::kCosine) writer->AddArray(format::kNorms, norms_);
  if (!dim_order_.empty()) writer->AddArray(format::kDimOrder, dim_order_);
  if (quantized_) {
    writer->AddArray(format::kCodes, codes_);
    writer->AddArray(format::kCodeCorrections, corrections_);
  }
}

}  // namespace quiver::vector
