#include "storage/wal_format.h"

#include <cstring>

#include "common/coding.h"
#include "common/crc32c.h"

namespace quiver::storage {

void AppendWalRecord(const WalOperation& op, std::string* dst) {
  size_t header_pos = dst->size();
  dst->append(kWalRecordHeaderSize, '\0');
  size_t payload_pos = dst->size();
  dst->push_back(static_cast<char>(op.type));
  PutVarint64(dst, op.seq_no);
  PutVarint64(dst, op.primary_term);
  PutVarint64(dst, op.version);
  PutLengthPrefixed(dst, op.id);
  PutLengthPrefixed(dst, op.routing);
  if (op.type == WalOpType::kIndex) PutLengthPrefixed(dst, op.source);
  uint32_t length = static_cast<uint32_t>(dst->size() - payload_pos);
  char* h = dst->data() + header_pos;
  h[8] = static_cast<char>(WalRecordType::kOperation);
  uint32_t crc = crc32c::Value(h + 8, 1);
  crc = crc32c::Extend(crc, dst->data() + payload_pos, length);
  EncodeFixed32(h, crc32c::Mask(crc));
  EncodeFixed32(h + 4, length);
}

std::string EncodeWalHeader(uint64_t generation) {
  std::string h(kWalMagic, 4);
  PutFixed32(&h, kWalFormatVersion);
  PutFixed64(&h, generation);
  PutFixed32(&h, 0);
  PutFixed32(&h, crc32c::Mask(crc32c::Value(h)));
  return h;
}

Status DecodeWalOperation(std::string_view payload, WalOperation* op) {
  ByteReader r(payload);
  uint8_t type;
  if (!r.GetByte(&type) || type < 1 || type > 3) {
    return Status::Corruption("WAL operation has an unknown type");
  }
  op->type = static_cast<WalOpType>(type);
  op->source = {};
  if (!r.GetVarint64(&op->seq_no) || !r.GetVarint64(&op->primary_term) ||
      !r.GetVarint64(&op->version) || !r.GetLengthPrefixed(&op->id) ||
      !r.GetLengthPrefixed(&op->routing)) {
    return Status::Corruption("WAL operation is truncated");
  }
  if (op->type == WalOpType::kIndex && !r.GetLengthPrefixed(&op->source)) {
    return Status::Corruption("WAL operation is truncated");
  }
  if (!r.empty()) return Status::Corruption("WAL operation has trailing bytes");
  return Status::Ok();
}

}  // namespace quiver::storage
