#include "segment/id_index_writer.h"

#include <algorithm>

#include "common/coding.h"
#include "common/hash.h"

namespace quiver::segment {

void IdIndexWriter::Add(std::string_view id, std::string_view routing) {
  id_offsets_.push_back(static_cast<uint32_t>(ids_.size()));
  routing_offsets_.push_back(static_cast<uint32_t>(routings_.size()));
  ids_.append(id);
  routings_.append(routing);
}

std::string IdIndexWriter::Finish() const {
  const size_t n = id_offsets_.size();
  std::vector<std::pair<uint64_t, uint32_t>> entries(n);
  for (size_t i = 0; i < n; ++i) {
    size_t end = i + 1 < n ? id_offsets_[i + 1] : ids_.size();
    entries[i] = {Hash64(std::string_view(ids_).substr(id_offsets_[i], end - id_offsets_[i])),
                  static_cast<uint32_t>(i)};
  }
  std::sort(entries.begin(), entries.end());
  std::string out;
  out.push_back(1);
  PutVarint64(&out, n);
  out.resize((out.size() + 7) / 8 * 8, '\0');
  out.reserve(out.size() + n * 20 + 8 + ids_.size() + routings_.size());
  for (const auto& e : entries) PutFixed64(&out, e.first);
  for (const auto& e : entries) PutFixed32(&out, e.second);
  for (uint32_t off : id_offsets_) PutFixed32(&out, off);
  PutFixed32(&out, static_cast<uint32_t>(ids_.size()));
  for (uint32_t off : routing_offsets_) PutFixed32(&out, off);
  PutFixed32(&out, static_cast<uint32_t>(routings_.size()));
  out.append(ids_);
  out.append(routings_);
  return out;
}

}  // namespace quiver::segment
