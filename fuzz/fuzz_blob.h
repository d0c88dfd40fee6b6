// Helpers shared by the fuzz targets.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>

#include "storage/blob_store.h"

namespace quiver::fuzz {

// A Blob over a heap copy of exactly `size` bytes (no terminator, no slack),
// so that AddressSanitizer reports a read one byte past the end. Readers keep
// views into it, as they do into an mmap'd file.
class FuzzBlob : public storage::Blob {
 public:
  FuzzBlob(const uint8_t* data, size_t size)
      : bytes_(new char[size == 0 ? 1 : size]), size_(size) {
    if (size) std::memcpy(bytes_.get(), data, size);
  }
  std::string_view data() const override { return std::string_view(bytes_.get(), size_); }

 private:
  std::unique_ptr<char[]> bytes_;
  size_t size_;
};

inline std::shared_ptr<const storage::Blob> MakeBlob(std::string_view bytes) {
  return std::make_shared<FuzzBlob>(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
}

// Folds bytes into a value the optimizer cannot drop, so that every view a
// reader hands out is actually read (ASan checks reads, not pointers).
inline uint64_t Touch(std::string_view s, uint64_t h = 0) {
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ull;
  return h;
}

inline volatile uint64_t g_sink = 0;

}  // namespace quiver::fuzz
