// Serializer for the exact indexes `flat` and `int8_flat` (docs/formats/vector.md): the
// common sections only, params = the 16-byte common prefix.
#pragma once

#include <string>

#include "vector/stored_vectors_writer.h"

namespace quiver::vector {

// `vectors` must already be quantized for int8_flat.
std::string SerializeFlatIndex(const StoredVectorsWriter& vectors);

}  // namespace quiver::vector
