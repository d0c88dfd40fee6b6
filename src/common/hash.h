// Stable hash functions. Their values are persisted (segment id index) or
// decide shard placement, so they must never change.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace quiver {

// 64-bit hash of bytes (a multiply–rotate mix over 8-byte words finished with
// the MurmurHash3 fmix64 finalizer). Used for the `_id` lookup table.
uint64_t Hash64(std::string_view data, uint64_t seed = 0);

// MurmurHash3's fmix64 finalizer (Lucene's BitMixer.mix64): spreads the
// bits of a 64-bit value, e.g. a numeric doc value to be hashed.
inline uint64_t Mix64(uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ULL;
  k ^= k >> 33;
  return k;
}

// MurmurHash3 x86_32 (Appleby), as Elasticsearch's Murmur3HashFunction
// applies it to the UTF-16 code units of a routing value; Quiver uses the
// same function so documents land on the shards Elasticsearch would pick.
uint32_t Murmur3_32(const void* data, size_t len, uint32_t seed);

// Elasticsearch's routing hash: murmur3_x86_32 (seed 0) over the routing
// string's UTF-16LE code units.
int32_t EsRoutingHash(std::string_view utf8_routing);

}  // namespace quiver
