// NormsReader: the `norms/<field>` component opened in place — one encoded
// length byte per document (norm_encoding.h), dense or sparse. Immutable and
// thread-safe; a view over the caller's bytes.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

#include "common/status.h"

namespace quiver::text {

class NormsReader {
 public:
  NormsReader() = default;
  // Empty `data` opens as "no norms" (every norm 0).
  static Result<NormsReader> Open(std::string_view data, uint32_t num_docs);

  // The doc's encoded norm; 0 when it has none (or is out of range).
  uint8_t norm(uint32_t doc) const {
    if (dense_ != nullptr) return doc < num_docs_ ? dense_[doc] : 0;
    if (count_ == 0) return 0;
    return SparseNorm(doc);
  }
  // Docs with a non-zero norm.
  uint32_t count() const { return count_; }

 private:
  uint8_t SparseNorm(uint32_t doc) const;
  uint32_t num_docs_ = 0;
  uint32_t count_ = 0;
  const uint8_t* dense_ = nullptr;
  const uint8_t* sparse_docs_ = nullptr;  // count_ × u32
  const uint8_t* sparse_norms_ = nullptr;
};

}  // namespace quiver::text
