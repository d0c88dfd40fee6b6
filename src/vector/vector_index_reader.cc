#include "vector/vector_index_reader.h"

#include "vector/flat_index.h"
#include "vector/hnsw_index.h"
#include "vector/ivf_index.h"

namespace quiver::vector {

Result<std::unique_ptr<VectorIndex>> OpenVectorIndex(std::string_view data,
                                                     const OpenOptions& options) {
  QUIVER_ASSIGN_OR_RETURN(IndexFileReader file, IndexFileReader::Open(data, options));
  switch (file.type()) {
    case IndexType::kFlat:
    case IndexType::kInt8Flat: {
      QUIVER_ASSIGN_OR_RETURN(auto index, FlatIndex::Open(file));
      return std::unique_ptr<VectorIndex>(std::move(index));
    }
    case IndexType::kHnsw:
    case IndexType::kInt8Hnsw: {
      QUIVER_ASSIGN_OR_RETURN(auto index, HnswIndex::Open(file));
      return std::unique_ptr<VectorIndex>(std::move(index));
    }
    case IndexType::kIvf:
    case IndexType::kInt8Ivf: {
      QUIVER_ASSIGN_OR_RETURN(auto index, IvfIndex::Open(file));
      return std::unique_ptr<VectorIndex>(std::move(index));
    }
  }
  return Status::Corruption("vector index: unknown type");
}

}  // namespace quiver::vector
