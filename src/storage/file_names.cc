#include "storage/file_names.h"

#include <cstdio>

namespace quiver::storage {

std::string HexName(std::string_view prefix, uint64_t value, std::string_view suffix) {
  char buf[17];
  std::snprintf(buf, sizeof(buf), "%016llx", static_cast<unsigned long long>(value));
  std::string out(prefix);
  out += buf;
  out += suffix;
  return out;
}

bool ParseHexName(std::string_view name, std::string_view prefix, std::string_view suffix,
                  uint64_t* value) {
  if (name.size() != prefix.size() + 16 + suffix.size()) return false;
  if (name.substr(0, prefix.size()) != prefix) return false;
  if (name.substr(prefix.size() + 16) != suffix) return false;
  uint64_t v = 0;
  for (char c : name.substr(prefix.size(), 16)) {
    int d;
    if (c >= '0' && c <= '9') {
      d = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      d = c - 'a' + 10;
    } else {
      return false;
    }
    v = (v << 4) | static_cast<uint64_t>(d);
  }
  *value = v;
  return true;
}

std::string DeletesFileName(uint64_t segment_id, uint64_t gen) {
  return HexName("seg-", segment_id, "") + HexName(".del-", gen, "");
}

bool ParseDeletesFileName(std::string_view name, uint64_t* segment_id, uint64_t* gen) {
  // "seg-" + 16 + ".del-" + 16
  if (name.size() != 4 + 16 + 5 + 16) return false;
  return ParseHexName(name.substr(0, 20), "seg-", "", segment_id) &&
         ParseHexName(name.substr(20), ".del-", "", gen);
}

}  // namespace quiver::storage
