// Builds the `norms/<field>` component (docs/formats/inverted-index.md):
// one encoded length byte per document, dense or sparse.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace quiver::text {

// `norms[doc]` for doc < norms.size(); later docs have norm 0.
std::string WriteNorms(std::span<const uint8_t> norms, uint32_t num_docs);

}  // namespace quiver::text
