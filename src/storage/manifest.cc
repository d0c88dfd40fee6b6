#include "storage/manifest.h"

#include <cstring>

#include "common/coding.h"
#include "common/crc32c.h"
#include "common/json.h"

namespace quiver::storage {
namespace {
constexpr char kMagic[4] = {'Q', 'M', 'A', 'N'};
constexpr uint32_t kVersion = 1;
}  // namespace

std::string EncodeManifest(const Manifest& m) {
  json::object o;
  o["index_uuid"] = m.index_uuid;
  o["shard"] = m.shard;
  o["primary_term"] = m.primary_term;
  o["checkpoint"] = m.checkpoint;
  o["max_seq_no"] = m.max_seq_no;
  o["next_segment_id"] = m.next_segment_id;
  o["wal_generation"] = m.wal_generation;
  json::array segs;
  for (const auto& s : m.segments) {
    segs.push_back(json::object{{"id", s.id},
                                {"num_docs", s.num_docs},
                                {"del_gen", s.del_gen},
                                {"num_deleted", s.num_deleted},
                                {"size_bytes", s.size_bytes}});
  }
  o["segments"] = std::move(segs);
  json::object ud;
  for (const auto& [k, v] : m.user_data) ud[k] = v;
  o["user_data"] = std::move(ud);
  std::string payload = ToJson(o);

  std::string out(kMagic, 4);
  PutFixed32(&out, kVersion);
  PutFixed64(&out, m.generation);
  PutFixed32(&out, static_cast<uint32_t>(payload.size()));
  out += payload;
  PutFixed32(&out, crc32c::Mask(crc32c::Value(out)));
  return out;
}

Result<Manifest> DecodeManifest(std::string_view bytes) {
  if (bytes.size() < 24 || std::memcmp(bytes.data(), kMagic, 4) != 0) {
    return Status::Corruption("manifest has no valid header");
  }
  uint32_t len = DecodeFixed32(bytes.data() + 16);
  if (bytes.size() != 20 + static_cast<size_t>(len) + 4) {
    return Status::Corruption("manifest length mismatch");
  }
  uint32_t stored = crc32c::Unmask(DecodeFixed32(bytes.data() + 20 + len));
  if (stored != crc32c::Value(bytes.data(), 20 + len)) {
    return Status::Corruption("manifest checksum mismatch");
  }
  if (DecodeFixed32(bytes.data() + 4) != kVersion) {
    return Status::Corruption("manifest format version not supported");
  }
  auto parsed = ParseJson(bytes.substr(20, len));
  if (!parsed.ok() || !parsed->is_object()) return Status::Corruption("manifest payload invalid");
  const json::value& v = *parsed;
  Manifest m;
  m.generation = DecodeFixed64(bytes.data() + 8);
  try {
    const auto& o = v.as_object();
    m.index_uuid = std::string(o.at("index_uuid").as_string());
    m.shard = static_cast<uint32_t>(o.at("shard").to_number<uint64_t>());
    m.primary_term = o.at("primary_term").to_number<uint64_t>();
    m.checkpoint = o.at("checkpoint").to_number<int64_t>();
    m.max_seq_no = o.at("max_seq_no").to_number<int64_t>();
    m.next_segment_id = o.at("next_segment_id").to_number<uint64_t>();
    m.wal_generation = o.at("wal_generation").to_number<uint64_t>();
    for (const auto& s : o.at("segments").as_array()) {
      const auto& so = s.as_object();
      ManifestSegment seg;
      seg.id = so.at("id").to_number<uint64_t>();
      seg.num_docs = so.at("num_docs").to_number<uint64_t>();
      seg.del_gen = so.at("del_gen").to_number<uint64_t>();
      seg.num_deleted = so.at("num_deleted").to_number<uint64_t>();
      seg.size_bytes = so.at("size_bytes").to_number<uint64_t>();
      m.segments.push_back(seg);
    }
    for (const auto& kv : o.at("user_data").as_object()) {
      m.user_data[std::string(kv.key())] = std::string(kv.value().as_string());
    }
  } catch (const std::exception& e) {
    return Status::Corruption(std::string("manifest payload invalid: ") + e.what());
  }
  return m;
}

}  // namespace quiver::storage
