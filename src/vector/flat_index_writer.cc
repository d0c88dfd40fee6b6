#include "vector/flat_index_writer.h"

namespace quiver::vector {

std::string SerializeFlatIndex(const StoredVectorsWriter& vectors) {
  IndexFileWriter w(vectors.quantized() ? IndexType::kInt8Flat : IndexType::kFlat, vectors.metric(),
                    vectors.dims(), vectors.size());
  w.SetParams(vectors.CommonParams());
  vectors.AddSections(&w);
  return w.Finish();
}

}  // namespace quiver::vector
