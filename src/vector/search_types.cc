#include "vector/search_types.h"

#include <string>

namespace quiver::vector {

const char* IndexTypeName(IndexType type) {
  switch (type) {
    case IndexType::kFlat:
      return "flat";
    case IndexType::kInt8Flat:
      return "int8_flat";
    case IndexType::kHnsw:
      return "hnsw";
    case IndexType::kInt8Hnsw:
      return "int8_hnsw";
    case IndexType::kIvf:
      return "ivf";
    case IndexType::kInt8Ivf:
      return "int8_ivf";
  }
  return "unknown";
}

Result<IndexType> ParseIndexType(std::string_view name) {
  for (IndexType t : {IndexType::kFlat, IndexType::kInt8Flat, IndexType::kHnsw,
                      IndexType::kInt8Hnsw, IndexType::kIvf, IndexType::kInt8Ivf}) {
    if (name == IndexTypeName(t)) return t;
  }
  return Status::InvalidArgument("unknown vector index type [" + std::string(name) + "]");
}

bool IsQuantized(IndexType type) {
  return type == IndexType::kInt8Flat || type == IndexType::kInt8Hnsw ||
         type == IndexType::kInt8Ivf;
}

}  // namespace quiver::vector
