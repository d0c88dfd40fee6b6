#include "text/byte_slice_pool.h"

#include <cstring>

namespace quiver::text {

namespace {
constexpr uint8_t kLevelMarker = 0x10;
inline int NextLevel(int level) {
  return level + 1 < ByteSlicePool::kNumLevels ? level + 1 : level;
}
}  // namespace

uint32_t ByteSlicePool::NewSlice(int level) {
  const uint32_t size = kLevelSizes[level];
  if (block_used_ + size > kBlockSize) {
    blocks_.push_back(std::make_unique<uint8_t[]>(kBlockSize));  // value-initialized: zeros
    block_used_ = 0;
  }
  const uint32_t address = (static_cast<uint32_t>(blocks_.size() - 1) << kBlockBits) | block_used_;
  block_used_ += size;
  At(address)[size - 4] = static_cast<uint8_t>(kLevelMarker | level);
  return address;
}

uint8_t* ByteSlicePool::NextSlice(uint32_t* cursor) {
  const int level = At(*cursor)[0] & 0x0f;
  const uint32_t next = NewSlice(NextLevel(level));
  std::memcpy(At(*cursor), &next, 4);
  *cursor = next;
  return At(next);
}

void ByteSliceReader::Reset(const ByteSlicePool* pool, uint32_t start, uint32_t end) {
  pool_ = pool;
  address_ = start;
  end_ = end;
  level_ = 0;
  limit_ = start + ByteSlicePool::kLevelSizes[0] - 4;
}

void ByteSliceReader::NextSlice() {
  uint32_t next;
  std::memcpy(&next, pool_->At(address_), 4);
  level_ = NextLevel(level_);
  address_ = next;
  limit_ = next + ByteSlicePool::kLevelSizes[level_] - 4;
}

}  // namespace quiver::text
