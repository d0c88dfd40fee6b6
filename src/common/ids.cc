#include "common/ids.h"

#include <atomic>
#include <chrono>
#include <mutex>
#include <random>

namespace quiver {
namespace {

std::mt19937_64& Rng() {
  static std::mt19937_64 rng(std::random_device{}());
  return rng;
}
std::mutex& RngMu() {
  static std::mutex mu;
  return mu;
}

uint64_t RandomBits() {
  std::lock_guard<std::mutex> lock(RngMu());
  return Rng()();
}

}  // namespace

std::string Base64UrlEncode(std::string_view in) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  out.reserve((in.size() * 4 + 2) / 3);
  size_t i = 0;
  for (; i + 3 <= in.size(); i += 3) {
    uint32_t v = (static_cast<uint8_t>(in[i]) << 16) | (static_cast<uint8_t>(in[i + 1]) << 8) |
                 static_cast<uint8_t>(in[i + 2]);
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(kAlphabet[(v >> 6) & 63]);
    out.push_back(kAlphabet[v & 63]);
  }
  if (i + 1 == in.size()) {
    uint32_t v = static_cast<uint8_t>(in[i]) << 16;
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
  } else if (i + 2 == in.size()) {
    uint32_t v = (static_cast<uint8_t>(in[i]) << 16) | (static_cast<uint8_t>(in[i + 1]) << 8);
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(kAlphabet[(v >> 6) & 63]);
  }
  return out;
}

std::string NewDocumentId() {
  static std::atomic<uint32_t> sequence{static_cast<uint32_t>(RandomBits())};
  static const uint64_t process_bits = RandomBits();
  uint32_t seq = sequence.fetch_add(1, std::memory_order_relaxed) & 0xffffff;
  uint64_t ms = static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                          std::chrono::system_clock::now().time_since_epoch())
                                          .count());
  char b[15];
  // Low sequence bytes first so consecutive ids differ early (spreads hash
  // buckets), then time and process-random bytes (as ES's TimeBasedUUID).
  b[0] = static_cast<char>(seq);
  b[1] = static_cast<char>(seq >> 16);
  b[2] = static_cast<char>(ms >> 40);
  b[3] = static_cast<char>(ms >> 32);
  b[4] = static_cast<char>(ms >> 24);
  b[5] = static_cast<char>(ms >> 16);
  b[6] = static_cast<char>(ms >> 8);
  b[7] = static_cast<char>(ms);
  b[8] = static_cast<char>(seq >> 8);
  for (int i = 0; i < 6; ++i) b[9 + i] = static_cast<char>(process_bits >> (8 * i));
  return Base64UrlEncode(std::string_view(b, 15));
}

std::string NewRandomUuid() {
  char b[16];
  uint64_t a = RandomBits(), c = RandomBits();
  for (int i = 0; i < 8; ++i) {
    b[i] = static_cast<char>(a >> (8 * i));
    b[8 + i] = static_cast<char>(c >> (8 * i));
  }
  b[6] = static_cast<char>((b[6] & 0x0f) | 0x40);  // version 4
  b[8] = static_cast<char>((b[8] & 0x3f) | 0x80);  // IETF variant
  return Base64UrlEncode(std::string_view(b, 16));
}

}  // namespace quiver
