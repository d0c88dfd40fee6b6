#include "vector/flat_index.h"

#include "vector/exact_search.h"

namespace quiver::vector {

Result<std::unique_ptr<FlatIndex>> FlatIndex::Open(const IndexFileReader& file) {
  bool quantized = file.type() == IndexType::kInt8Flat;
  QUIVER_ASSIGN_OR_RETURN(VectorStore store, LoadVectorStore(file, quantized));
  return std::unique_ptr<FlatIndex>(new FlatIndex(store, file.type()));
}

std::vector<ScoredDoc> FlatIndex::DoSearch(const PreparedQuery& query, const SearchParams& params,
                                           const DocFilter* filter) const {
  return ExactSearch(store_, query, params, filter);
}

}  // namespace quiver::vector
