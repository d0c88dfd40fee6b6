#include "engine/index_metadata.h"

#include <algorithm>

#include "storage/file_names.h"
#include "storage/framed_file.h"

namespace quiver::engine {
namespace {
constexpr char kMagic[4] = {'Q', 'I', 'D', 'X'};
constexpr uint32_t kVersion = 1;

std::string MetaName(uint64_t gen) { return storage::HexName("meta-", gen, ""); }
}  // namespace

json::value AliasToJson(const AliasMetadata& a) {
  json::object o;
  if (!a.filter.is_null()) o["filter"] = a.filter;
  if (!a.index_routing.empty()) o["index_routing"] = a.index_routing;
  if (!a.search_routing.empty()) o["search_routing"] = a.search_routing;
  if (a.is_write_index) o["is_write_index"] = *a.is_write_index;
  if (a.is_hidden) o["is_hidden"] = true;
  return o;
}

Result<AliasMetadata> AliasFromJson(const json::value& v) {
  AliasMetadata a;
  if (!v.is_object()) return Status::Corruption("alias metadata is not an object");
  if (auto* f = JsonFind(v, "filter")) a.filter = *f;
  if (auto* r = JsonFind(v, "index_routing")) a.index_routing = JsonToString(*r).value_or("");
  if (auto* r = JsonFind(v, "search_routing")) a.search_routing = JsonToString(*r).value_or("");
  if (auto* w = JsonFind(v, "is_write_index")) a.is_write_index = JsonToBool(*w);
  if (auto* h = JsonFind(v, "is_hidden")) a.is_hidden = JsonToBool(*h).value_or(false);
  return a;
}

Status IndexMetadataStore::Write(const IndexMetadata& meta) {
  json::object o;
  o["name"] = meta.name;
  o["uuid"] = meta.uuid;
  o["state"] = meta.closed ? "close" : "open";
  o["settings"] = meta.settings.ToStoredJson();
  o["mappings"] = meta.mappings;
  json::object aliases;
  for (const auto& [name, a] : meta.aliases) aliases[name] = AliasToJson(a);
  o["aliases"] = std::move(aliases);
  QUIVER_RETURN_IF_ERROR(store_->WriteBlob(
      dir_ + MetaName(meta.generation),
      storage::EncodeFramedFile(kMagic, kVersion, meta.generation, ToJson(o))));
  QUIVER_ASSIGN_OR_RETURN(auto names, store_->List(dir_ + "meta-"));
  for (const auto& n : names) {
    uint64_t g;
    if (storage::ParseHexName(std::string_view(n).substr(dir_.size()), "meta-", "", &g) &&
        g < meta.generation) {
      QUIVER_RETURN_IF_ERROR(store_->Delete(n));
    }
  }
  return Status::Ok();
}

Result<IndexMetadata> IndexMetadataStore::Load() {
  QUIVER_ASSIGN_OR_RETURN(auto names, store_->List(dir_ + "meta-"));
  std::vector<uint64_t> gens;
  for (const auto& n : names) {
    uint64_t g;
    if (storage::ParseHexName(std::string_view(n).substr(dir_.size()), "meta-", "", &g)) {
      gens.push_back(g);
    }
  }
  if (gens.empty()) return Status::NotFound("no index metadata in [" + dir_ + "]");
  std::sort(gens.rbegin(), gens.rend());
  Status last;
  for (uint64_t g : gens) {
    auto blob = store_->Open(dir_ + MetaName(g));
    if (!blob.ok()) {
      last = blob.status();
      continue;
    }
    auto frame = storage::DecodeFramedFile((*blob)->data(), kMagic, kVersion, "index metadata");
    if (!frame.ok()) {
      last = frame.status();
      continue;
    }
    auto parsed = ParseJson(frame->payload);
    if (!parsed.ok()) {
      last = parsed.status();
      continue;
    }
    const json::value& v = *parsed;
    IndexMetadata meta;
    meta.generation = frame->generation;
    auto name = JsonFind(v, "name"), uuid = JsonFind(v, "uuid"), settings = JsonFind(v, "settings");
    if (!name || !uuid || !settings || !name->is_string() || !uuid->is_string()) {
      last = Status::Corruption("index metadata payload incomplete");
      continue;
    }
    meta.name = std::string(name->get_string());
    meta.uuid = std::string(uuid->get_string());
    if (auto* st = JsonFind(v, "state"); st && st->is_string()) meta.closed = st->get_string() == "close";
    auto s = schema::IndexSettings::FromStoredJson(*settings);
    if (!s.ok()) {
      last = s.status();
      continue;
    }
    meta.settings = std::move(s).value();
    if (auto* m = JsonFind(v, "mappings")) meta.mappings = *m;
    if (auto* al = JsonFind(v, "aliases"); al && al->is_object()) {
      for (const auto& kv : al->get_object()) {
        auto a = AliasFromJson(kv.value());
        if (a.ok()) meta.aliases[std::string(kv.key())] = std::move(a).value();
      }
    }
    return meta;
  }
  return Status::Corruption("no valid index metadata in [" + dir_ + "]: " + last.message());
}

Status IndexMetadataStore::DeleteAll() { return store_->DeletePrefix(dir_ + "meta-"); }

}  // namespace quiver::engine
