// OpenVectorIndex: opens any serialized vector index (docs/formats/vector.md) as a
// VectorIndex, without copying its arrays. `data` must start 64-byte aligned
// (8-byte aligned at least) and outlive the returned index. A corrupted or
// truncated buffer yields a Corruption status, never a crash.
#pragma once

#include <memory>
#include <string_view>

#include "common/status.h"
#include "vector/index_file_reader.h"
#include "vector/vector_index.h"

namespace quiver::vector {

Result<std::unique_ptr<VectorIndex>> OpenVectorIndex(std::string_view data,
                                                     const OpenOptions& options = {});

}  // namespace quiver::vector
