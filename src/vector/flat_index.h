// FlatIndex: exact search over all vectors (`flat`), or over int8 codes with
// float rescoring (`int8_flat`). Reader over a serialized buffer; immutable and
// thread-safe.
#pragma once

#include <memory>

#include "vector/index_file_reader.h"
#include "vector/vector_index.h"

namespace quiver::vector {

class FlatIndex final : public VectorIndex {
 public:
  static Result<std::unique_ptr<FlatIndex>> Open(const IndexFileReader& file);

  IndexType type() const override { return type_; }

 protected:
  std::vector<ScoredDoc> DoSearch(const PreparedQuery& query, const SearchParams& params,
                                  const DocFilter* filter) const override;

 private:
  FlatIndex(const VectorStore& store, IndexType type) : VectorIndex(store), type_(type) {}
  IndexType type_;
};

}  // namespace quiver::vector
