// ByteSlicePool: many growing byte streams interleaved in one pool of
// fixed-size blocks, so that indexing appends to a term's postings without
// a heap allocation per term or per token (Lucene's ByteBlockPool slices).
//
// A stream starts as a 5-byte slice; each time it fills, a larger slice
// (up to 200 bytes) is chained to it. The last 4 bytes of every slice are
// reserved: while unused they hold a non-zero level marker in their first
// byte (all other bytes of a fresh slice are zero, so a writer knows it
// reached the end when the byte under its cursor is non-zero); once the
// stream moves on they hold the address of the next slice.
//
// Addresses are 32-bit (block << 15 | offset), so a pool holds up to 4 GiB.
// Not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace quiver::text {

class ByteSlicePool {
 public:
  static constexpr int kBlockBits = 15;
  static constexpr uint32_t kBlockSize = 1u << kBlockBits;  // 32 KiB
  static constexpr int kNumLevels = 10;
  static constexpr uint32_t kLevelSizes[kNumLevels] = {5, 14, 20, 30, 40, 40, 80, 80, 120, 200};

  ByteSlicePool() = default;
  ByteSlicePool(const ByteSlicePool&) = delete;
  ByteSlicePool& operator=(const ByteSlicePool&) = delete;

  // Starts a stream; returns its first address (also the write cursor).
  uint32_t NewStream() { return NewSlice(0); }

  // Appends a byte at *cursor and advances it.
  void WriteByte(uint32_t* cursor, uint8_t b) {
    uint8_t* p = At(*cursor);
    if (*p != 0) p = NextSlice(cursor);
    *p = b;
    ++*cursor;
  }
  void WriteVarint32(uint32_t* cursor, uint32_t v) {
    while (v >= 0x80) {
      WriteByte(cursor, static_cast<uint8_t>(v | 0x80));
      v >>= 7;
    }
    WriteByte(cursor, static_cast<uint8_t>(v));
  }

  uint8_t* At(uint32_t address) {
    return blocks_[address >> kBlockBits].get() + (address & (kBlockSize - 1));
  }
  const uint8_t* At(uint32_t address) const {
    return blocks_[address >> kBlockBits].get() + (address & (kBlockSize - 1));
  }

  size_t ram_bytes() const { return blocks_.size() * kBlockSize; }

 private:
  uint32_t NewSlice(int level);
  uint8_t* NextSlice(uint32_t* cursor);

  std::vector<std::unique_ptr<uint8_t[]>> blocks_;
  uint32_t block_used_ = kBlockSize;  // forces a first block
};

// Reads one stream back, from its first address to its write cursor.
class ByteSliceReader {
 public:
  ByteSliceReader() = default;
  ByteSliceReader(const ByteSlicePool* pool, uint32_t start, uint32_t end) {
    Reset(pool, start, end);
  }
  void Reset(const ByteSlicePool* pool, uint32_t start, uint32_t end);

  bool done() const { return address_ == end_; }
  uint8_t ReadByte() {
    if (address_ == limit_) NextSlice();
    return *pool_->At(address_++);
  }
  uint32_t ReadVarint32() {
    uint32_t result = 0;
    for (int shift = 0;; shift += 7) {
      const uint8_t b = ReadByte();
      result |= static_cast<uint32_t>(b & 0x7f) << shift;
      if ((b & 0x80) == 0) return result;
    }
  }

 private:
  void NextSlice();
  const ByteSlicePool* pool_ = nullptr;
  uint32_t address_ = 0;
  uint32_t limit_ = 0;  // start of the current slice's 4 reserved bytes
  uint32_t end_ = 0;
  int level_ = 0;
};

}  // namespace quiver::text
