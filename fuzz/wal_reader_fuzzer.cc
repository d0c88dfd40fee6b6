// Fuzzes the readers of everything a shard persists: WAL generations
// (WalReader, DecodeWalOperation), segment containers and their components
// (SegmentFileReader, SegmentReader: info, ids, docmeta, source), deletion
// files (LiveDocs::Decode) and manifests (DecodeManifest). None of them may
// crash, hang or read outside the bytes given, whatever those bytes are.
//
// Input: one selector byte, then the file's bytes.
//   selector % 4: 0 WAL, 1 segment, 2 live docs, 3 manifest
//   selector & 4: repair checksums (and the WAL generation / live-docs
//                 sizes) before reading, so that mutations inside
//                 checksummed regions reach the decoders instead of
//                 stopping at the CRC check. Real files from a data
//                 directory are the seed corpus (fuzz/make_corpus.py).
#include <algorithm>
#include <bit>
#include <cstdint>
#include <string>

#include "common/coding.h"
#include "common/crc32c.h"
#include "fuzz/fuzz_blob.h"
#include "segment/live_docs.h"
#include "segment/segment_file_reader.h"
#include "segment/segment_format.h"
#include "segment/segment_reader.h"
#include "storage/framed_file.h"
#include "storage/manifest.h"
#include "storage/wal_format.h"
#include "storage/wal_reader.h"

namespace quiver::fuzz {
namespace {

constexpr uint32_t kMaxDocsVisited = 4096;

void RepairWal(std::string* d) {
  if (d->size() < storage::kWalHeaderSize) return;
  std::memcpy(d->data(), storage::kWalMagic, 4);
  EncodeFixed32(d->data() + 4, storage::kWalFormatVersion);
  EncodeFixed32(d->data() + 20, crc32c::Mask(crc32c::Value(d->data(), 20)));
  size_t pos = storage::kWalHeaderSize;
  while (d->size() - pos >= storage::kWalRecordHeaderSize) {
    char* h = d->data() + pos;
    uint32_t length = DecodeFixed32(h + 4);
    if (length > d->size() - pos - storage::kWalRecordHeaderSize) break;
    h[8] = static_cast<char>(storage::WalRecordType::kOperation);
    uint32_t crc = crc32c::Value(h + 8, 1);
    crc = crc32c::Extend(crc, h + storage::kWalRecordHeaderSize, length);
    EncodeFixed32(h, crc32c::Mask(crc));
    pos += storage::kWalRecordHeaderSize + length;
  }
}

void ReadWal(const std::string& d) {
  // The generation the caller expects is the one in the header, if any.
  uint64_t generation = d.size() >= 16 ? DecodeFixed64(d.data() + 8) : 1;
  auto reader = storage::WalReader::Open(MakeBlob(d), generation);
  if (!reader.ok()) return;
  storage::WalOperation op;
  uint64_t h = 0;
  while (reader->Next(&op)) {
    h = Touch(op.id, h);
    h = Touch(op.routing, h);
    h = Touch(op.source, h);
    h ^= op.seq_no ^ op.version ^ op.primary_term ^ static_cast<uint64_t>(op.type);
  }
  h ^= reader->valid_end() + reader->has_torn_tail() + reader->status().ok();
  g_sink = h;
}

void RepairSegment(std::string* d) {
  using namespace segment;
  if (d->size() < kSegmentHeaderSize + kSegmentTrailerSize) return;
  std::memcpy(d->data(), kSegmentMagic, 4);
  EncodeFixed32(d->data() + 4, kSegmentFormatVersion);
  char* t = d->data() + d->size() - kSegmentTrailerSize;
  std::memcpy(t + 20, kSegmentTrailerMagic, 4);
  EncodeFixed32(t + 16, kSegmentFormatVersion);
  uint64_t footer_offset = DecodeFixed64(t);
  uint64_t footer_limit = d->size() - kSegmentTrailerSize;
  if (footer_offset < kSegmentHeaderSize || footer_offset > footer_limit) return;
  uint32_t footer_length = static_cast<uint32_t>(footer_limit - footer_offset);
  EncodeFixed32(t + 8, footer_length);
  // Fix each component's CRC in place in the footer, then the footer's.
  char* footer = d->data() + footer_offset;
  ByteReader r(std::string_view(footer, footer_length));
  uint64_t count;
  if (r.GetVarint64(&count)) {
    for (uint64_t i = 0; i < count && i < 4096; ++i) {
      std::string_view name;
      uint64_t offset, length;
      if (!r.GetLengthPrefixed(&name) || !r.GetFixed64(&offset) || !r.GetFixed64(&length)) break;
      char* crc_at = const_cast<char*>(r.position());
      uint32_t ignored;
      if (!r.GetFixed32(&ignored)) break;
      if (offset > footer_offset || length > footer_offset - offset) continue;
      EncodeFixed32(crc_at, crc32c::Mask(crc32c::Value(d->data() + offset, length)));
    }
  }
  EncodeFixed32(t + 12, crc32c::Mask(crc32c::Value(footer, footer_length)));
}

void ReadSegment(const std::string& d) {
  auto blob = MakeBlob(d);
  uint64_t h = 0;
  if (auto file = segment::SegmentFileReader::Open(blob); file.ok()) {
    for (const auto& name : (*file)->component_names()) h = Touch((*file)->component(name), h);
  }
  auto seg = segment::SegmentReader::Open(blob);
  if (!seg.ok()) {
    g_sink = h;
    return;
  }
  const segment::SegmentReader& r = **seg;
  h = Touch(r.info().fields_json, h);
  uint32_t n = std::min(r.num_docs(), kMaxDocsVisited);
  std::string source;
  for (uint32_t doc = 0; doc < n; ++doc) {
    std::string_view id = r.ids().id(doc);
    h = Touch(id, h);
    h = Touch(r.ids().routing(doc), h);
    if (auto found = r.ids().Find(id)) h ^= *found;
    segment::DocMeta m = r.doc_meta().Get(doc);
    h ^= m.seq_no ^ m.version ^ m.primary_term;
    if (r.source().Get(doc, &source).ok()) h = Touch(source, h);
  }
  if (auto missing = r.ids().Find("no-such-id")) h ^= *missing;
  uint32_t visited = 0;
  Status s = r.source().ForEach([&](uint32_t doc, std::string_view src) -> Status {
    h = Touch(src, h ^ doc);
    return ++visited < kMaxDocsVisited ? Status::Ok() : Status::Internal("enough");
  });
  g_sink = h ^ s.ok();
}

// Deletion file layout (live_docs.h): magic (4), version (4), segment id (8),
// generation (8), num_docs (4), num_deleted (4), bitmap words, crc32c (4).
void RepairLiveDocs(std::string* d) {
  if (d->size() < 36) return;
  std::memcpy(d->data(), "QDEL", 4);
  EncodeFixed32(d->data() + 4, 1);
  size_t words = (d->size() - 36) / 8;
  d->resize(36 + words * 8);
  uint32_t num_docs = DecodeFixed32(d->data() + 24);
  if ((uint64_t{num_docs} + 63) / 64 != words) {
    num_docs = static_cast<uint32_t>(std::min<uint64_t>(words * 64, UINT32_MAX));
    EncodeFixed32(d->data() + 24, num_docs);
  }
  uint32_t deleted = 0;
  for (size_t i = 0; i < words; ++i) {
    deleted += static_cast<uint32_t>(std::popcount(DecodeFixed64(d->data() + 32 + 8 * i)));
  }
  EncodeFixed32(d->data() + 28, deleted);
  EncodeFixed32(d->data() + d->size() - 4,
                crc32c::Mask(crc32c::Value(d->data(), d->size() - 4)));
}

void ReadLiveDocs(const std::string& d) {
  uint64_t segment_id = d.size() >= 16 ? DecodeFixed64(d.data() + 8) : 0;
  uint32_t num_docs = d.size() >= 28 ? DecodeFixed32(d.data() + 24) : 0;
  auto live = segment::LiveDocs::Decode(d, segment_id, num_docs);
  if (!live.ok()) return;
  uint64_t h = (*live)->num_live();
  uint32_t n = std::min((*live)->num_docs(), kMaxDocsVisited * 16);
  for (uint32_t doc = 0; doc < n; ++doc) h += (*live)->IsLive(doc);
  std::string again = (*live)->Encode(segment_id, d.size() >= 24 ? DecodeFixed64(d.data() + 16) : 0);
  g_sink = h ^ again.size();
}

// Manifest frame (framed_file.h): magic "QMAN" (4), version (4),
// generation (8), payload length (4), payload, crc32c (4).
void RepairManifest(std::string* d) {
  if (d->size() < 24) return;
  std::string_view payload(d->data() + 20, d->size() - 24);
  *d = storage::EncodeFramedFile("QMAN", 1, DecodeFixed64(d->data() + 8), payload);
}

void ReadManifest(const std::string& d) {
  auto m = storage::DecodeManifest(d);
  if (!m.ok()) return;
  // A decoded manifest must encode and decode to the same thing.
  auto again = storage::DecodeManifest(storage::EncodeManifest(*m));
  if (!again.ok() || again->segments.size() != m->segments.size() ||
      again->index_uuid != m->index_uuid || again->user_data != m->user_data) {
    __builtin_trap();
  }
}

}  // namespace
}  // namespace quiver::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace quiver::fuzz;
  if (size < 1) return 0;
  uint8_t selector = data[0];
  std::string bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  bool repair = (selector & 4) != 0;
  switch (selector % 4) {
    case 0:
      if (repair) RepairWal(&bytes);
      ReadWal(bytes);
      break;
    case 1:
      if (repair) RepairSegment(&bytes);
      ReadSegment(bytes);
      break;
    case 2:
      if (repair) RepairLiveDocs(&bytes);
      ReadLiveDocs(bytes);
      break;
    case 3:
      if (repair) RepairManifest(&bytes);
      ReadManifest(bytes);
      break;
  }
  return 0;
}
