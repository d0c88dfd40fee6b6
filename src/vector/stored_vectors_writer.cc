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
  if (quantized_) {
    writer->AddArray(format::kCodes, codes_);
    writer->AddArray(format::kCodeCorrections, corrections_);
  }
}

}  // namespace quiver::vector
