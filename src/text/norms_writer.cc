#include "text/norms_writer.h"

#include <algorithm>

#include "common/coding.h"
#include "text/postings_format.h"

namespace quiver::text {

std::string WriteNorms(std::span<const uint8_t> norms, uint32_t num_docs) {
  const size_t n = std::min<size_t>(norms.size(), num_docs);
  uint32_t count = 0;
  for (size_t i = 0; i < n; ++i) count += norms[i] != 0;
  uint8_t mode = kNormsDense;
  if (count == 0) {
    mode = kNormsNone;
  } else if (uint64_t{count} * 5 < num_docs) {
    mode = kNormsSparse;
  }
  std::string out(kNormsHeaderBytes, '\0');
  out[0] = static_cast<char>(kNormsVersion);
  out[1] = static_cast<char>(mode);
  EncodeFixed32(&out[4], num_docs);
  EncodeFixed32(&out[8], count);
  if (mode == kNormsDense) {
    out.append(reinterpret_cast<const char*>(norms.data()), n);
    out.append(num_docs - n, '\0');
  } else if (mode == kNormsSparse) {
    out.reserve(out.size() + 5 * size_t{count});
    for (size_t i = 0; i < n; ++i) {
      if (norms[i] != 0) PutFixed32(&out, static_cast<uint32_t>(i));
    }
    for (size_t i = 0; i < n; ++i) {
      if (norms[i] != 0) out.push_back(static_cast<char>(norms[i]));
    }
  }
  return out;
}

}  // namespace quiver::text
