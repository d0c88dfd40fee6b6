#include "text/index_options.h"

namespace quiver::text {

std::string_view IndexOptionsName(IndexOptions o) {
  switch (o) {
    case IndexOptions::kDocs:
      return "docs";
    case IndexOptions::kFreqs:
      return "freqs";
    case IndexOptions::kPositions:
      return "positions";
    case IndexOptions::kOffsets:
      return "offsets";
  }
  return "docs";
}

bool ParseIndexOptions(std::string_view name, IndexOptions* out) {
  for (IndexOptions o : {IndexOptions::kDocs, IndexOptions::kFreqs, IndexOptions::kPositions,
                         IndexOptions::kOffsets}) {
    if (IndexOptionsName(o) == name) {
      *out = o;
      return true;
    }
  }
  return false;
}

}  // namespace quiver::text
