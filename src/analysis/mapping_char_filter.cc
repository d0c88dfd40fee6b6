// Lucene MappingCharFilter: at each position the longest mapping key is
// replaced by its value. Offset corrections follow Lucene: a shorter value
// maps its end back to the end of the matched input; the extra characters of
// a longer value all map to the last matched input character.
#include <array>
#include <unordered_map>

#include "analysis/char_filters.h"

namespace quiver::analysis {
namespace {

class MappingCharFilter final : public CharFilter {
 public:
  MappingCharFilter(std::string name, std::vector<std::pair<std::string, std::string>> mappings)
      : CharFilter(std::move(name)) {
    for (auto& [from, to] : mappings) {
      max_key_ = std::max(max_key_, from.size());
      first_byte_[static_cast<unsigned char>(from[0])] = true;
      map_.emplace(std::move(from), std::move(to));
    }
  }

  Status Filter(std::string_view in, std::string* out, OffsetMap* map) const override {
    out->clear();
    map->Clear();
    int32_t diff = 0;
    size_t i = 0;
    while (i < in.size()) {
      const std::string* value = nullptr;
      size_t key_len = 0;
      if (first_byte_[static_cast<unsigned char>(in[i])]) {
        for (size_t len = std::min(max_key_, in.size() - i); len > 0; --len) {
          auto it = map_.find(std::string_view(in).substr(i, len));
          if (it != map_.end()) {
            value = &it->second;
            key_len = len;
            break;
          }
        }
      }
      if (value == nullptr) {
        out->push_back(in[i++]);
        continue;
      }
      const int32_t out_pos = static_cast<int32_t>(out->size());
      const int32_t in_len = static_cast<int32_t>(key_len);
      const int32_t out_len = static_cast<int32_t>(value->size());
      if (out_len < in_len) {
        diff += in_len - out_len;
        map->Add(out_pos + out_len, diff);
      } else if (out_len > in_len) {
        for (int32_t extra = 0; extra < out_len - in_len; ++extra) {
          map->Add(out_pos + in_len + extra, diff - extra - 1);
        }
        diff -= out_len - in_len;
      }
      out->append(*value);
      i += key_len;
    }
    return Status::Ok();
  }
  bool normalizing() const override { return true; }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  std::unordered_map<std::string, std::string, Hash, std::equal_to<>> map_;
  size_t max_key_ = 0;
  std::array<bool, 256> first_byte_{};
};

}  // namespace

std::shared_ptr<const CharFilter> NewMappingCharFilter(
    std::string name, std::vector<std::pair<std::string, std::string>> mappings) {
  return std::make_shared<MappingCharFilter>(std::move(name), std::move(mappings));
}

}  // namespace quiver::analysis
