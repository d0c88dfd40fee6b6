#include "storage/manifest.h"


#include "common/json.h"
#include "storage/framed_file.h"

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
  return EncodeFramedFile(kMagic, kVersion, m.generation, ToJson(o));
}

Result<Manifest> DecodeManifest(std::string_view bytes) {
  QUIVER_ASSIGN_OR_RETURN(FramedFile frame, DecodeFramedFile(bytes, kMagic, kVersion, "manifest"));
  auto parsed = ParseJson(frame.payload);
  if (!parsed.ok() || !parsed->is_object()) return Status::Corruption("manifest payload invalid");
  const json::value& v = *parsed;
  Manifest m;
  m.generation = frame.generation;
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
