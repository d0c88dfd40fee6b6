#include "common/hash.h"

#include <cstring>
#include <string>

namespace quiver {
namespace {

inline uint64_t Rotl64(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }
inline uint32_t Rotl32(uint32_t x, int r) { return (x << r) | (x >> (32 - r)); }

}  // namespace

uint64_t Hash64(std::string_view data, uint64_t seed) {
  constexpr uint64_t kMul1 = 0x9e3779b97f4a7c15ULL;
  constexpr uint64_t kMul2 = 0xc2b2ae3d27d4eb4fULL;
  const char* p = data.data();
  size_t n = data.size();
  uint64_t h = seed ^ (n * kMul1);
  while (n >= 8) {
    uint64_t k;
    std::memcpy(&k, p, 8);
    h ^= Rotl64(k * kMul2, 31) * kMul1;
    h = Rotl64(h, 27) * 5 + 0x52dce729;
    p += 8;
    n -= 8;
  }
  uint64_t tail = 0;
  for (size_t i = 0; i < n; ++i)
    tail |= static_cast<uint64_t>(static_cast<uint8_t>(p[i])) << (8 * i);
  h ^= Rotl64(tail * kMul2, 31) * kMul1;
  return Mix64(h);
}

uint32_t Murmur3_32(const void* data, size_t len, uint32_t seed) {
  const auto* bytes = static_cast<const uint8_t*>(data);
  const size_t nblocks = len / 4;
  uint32_t h1 = seed;
  constexpr uint32_t c1 = 0xcc9e2d51, c2 = 0x1b873593;
  for (size_t i = 0; i < nblocks; ++i) {
    uint32_t k1;
    std::memcpy(&k1, bytes + i * 4, 4);
    k1 *= c1;
    k1 = Rotl32(k1, 15);
    k1 *= c2;
    h1 ^= k1;
    h1 = Rotl32(h1, 13);
    h1 = h1 * 5 + 0xe6546b64;
  }
  const uint8_t* tail = bytes + nblocks * 4;
  uint32_t k1 = 0;
  switch (len & 3) {
    case 3:
      k1 ^= static_cast<uint32_t>(tail[2]) << 16;
      [[fallthrough]];
    case 2:
      k1 ^= static_cast<uint32_t>(tail[1]) << 8;
      [[fallthrough]];
    case 1:
      k1 ^= tail[0];
      k1 *= c1;
      k1 = Rotl32(k1, 15);
      k1 *= c2;
      h1 ^= k1;
  }
  h1 ^= static_cast<uint32_t>(len);
  h1 ^= h1 >> 16;
  h1 *= 0x85ebca6b;
  h1 ^= h1 >> 13;
  h1 *= 0xc2b2ae35;
  h1 ^= h1 >> 16;
  return h1;
}

int32_t EsRoutingHash(std::string_view s) {
  // Decode UTF-8 to UTF-16 code units, little-endian bytes.
  std::string utf16;
  utf16.reserve(s.size() * 2);
  auto put = [&](uint32_t unit) {
    utf16.push_back(static_cast<char>(unit & 0xff));
    utf16.push_back(static_cast<char>((unit >> 8) & 0xff));
  };
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<uint8_t>(s[i]);
    uint32_t cp;
    size_t n;
    if (c < 0x80) {
      cp = c, n = 1;
    } else if ((c & 0xe0) == 0xc0 && i + 1 < s.size()) {
      cp = ((c & 0x1fu) << 6) | (static_cast<uint8_t>(s[i + 1]) & 0x3fu), n = 2;
    } else if ((c & 0xf0) == 0xe0 && i + 2 < s.size()) {
      cp = ((c & 0x0fu) << 12) | ((static_cast<uint8_t>(s[i + 1]) & 0x3fu) << 6) |
           (static_cast<uint8_t>(s[i + 2]) & 0x3fu),
      n = 3;
    } else if ((c & 0xf8) == 0xf0 && i + 3 < s.size()) {
      cp = ((c & 0x07u) << 18) | ((static_cast<uint8_t>(s[i + 1]) & 0x3fu) << 12) |
           ((static_cast<uint8_t>(s[i + 2]) & 0x3fu) << 6) |
           (static_cast<uint8_t>(s[i + 3]) & 0x3fu),
      n = 4;
    } else {
      cp = 0xfffd, n = 1;
    }
    if (cp >= 0x10000) {
      cp -= 0x10000;
      put(0xd800 + (cp >> 10));
      put(0xdc00 + (cp & 0x3ff));
    } else {
      put(cp);
    }
    i += n;
  }
  return static_cast<int32_t>(Murmur3_32(utf16.data(), utf16.size(), 0));
}

}  // namespace quiver
