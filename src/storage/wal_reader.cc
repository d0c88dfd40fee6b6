#include "storage/wal_reader.h"

#include <cstring>

#include "common/coding.h"
#include "common/crc32c.h"

namespace quiver::storage {

Result<WalReader> WalReader::Open(std::shared_ptr<const Blob> blob, uint64_t generation) {
  std::string_view d = blob->data();
  if (d.size() < kWalHeaderSize || std::memcmp(d.data(), kWalMagic, 4) != 0) {
    return Status::Corruption("WAL generation " + std::to_string(generation) +
                              " has no valid header");
  }
  uint32_t stored_crc = crc32c::Unmask(DecodeFixed32(d.data() + 20));
  if (stored_crc != crc32c::Value(d.data(), 20)) {
    return Status::Corruption("WAL generation " + std::to_string(generation) +
                              " header checksum mismatch");
  }
  uint32_t version = DecodeFixed32(d.data() + 4);
  if (version != kWalFormatVersion) {
    return Status::Corruption("WAL format version " + std::to_string(version) +
                              " is not supported");
  }
  if (DecodeFixed64(d.data() + 8) != generation) {
    return Status::Corruption("WAL file holds generation " +
                              std::to_string(DecodeFixed64(d.data() + 8)) + ", expected " +
                              std::to_string(generation));
  }
  return WalReader(std::move(blob));
}

bool WalReader::Next(WalOperation* op) {
  if (done_) return false;
  if (data_.size() - pos_ < kWalRecordHeaderSize) {
    done_ = true;
    return false;
  }
  const char* h = data_.data() + pos_;
  uint32_t length = DecodeFixed32(h + 4);
  if (length > kWalMaxRecordBytes || data_.size() - pos_ - kWalRecordHeaderSize < length) {
    done_ = true;
    return false;
  }
  uint32_t crc = crc32c::Value(h + 8, 1);
  crc = crc32c::Extend(crc, h + kWalRecordHeaderSize, length);
  if (crc != crc32c::Unmask(DecodeFixed32(h)) ||
      static_cast<uint8_t>(h[8]) != static_cast<uint8_t>(WalRecordType::kOperation)) {
    done_ = true;
    return false;
  }
  Status s = DecodeWalOperation(std::string_view(h + kWalRecordHeaderSize, length), op);
  if (!s.ok()) {
    status_ = s;
    done_ = true;
    return false;
  }
  pos_ += kWalRecordHeaderSize + length;
  return true;
}

}  // namespace quiver::storage
