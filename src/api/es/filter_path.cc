#include "api/es/filter_path.h"

#include <string>
#include <vector>

#include "common/strings.h"

namespace quiver::api {
namespace {

using Pattern = std::vector<std::string>;  // path segments

// Patterns still alive after descending into `name`, and whether one of
// them ended (the whole subtree matches).
void Advance(const std::vector<std::pair<const Pattern*, size_t>>& in, std::string_view name,
             std::vector<std::pair<const Pattern*, size_t>>* out, bool* full) {
  for (const auto& [pat, pos] : in) {
    const std::string& seg = (*pat)[pos];
    if (seg == "**") {
      // `**` may match zero or more levels.
      out->push_back({pat, pos});  // consumes this level
      if (pos + 1 < pat->size()) {
        if (SimpleMatch((*pat)[pos + 1], name)) {
          if (pos + 2 == pat->size()) {
            *full = true;
          } else {
            out->push_back({pat, pos + 2});
          }
        }
      } else {
        *full = true;
      }
      continue;
    }
    if (!SimpleMatch(seg, name)) continue;
    if (pos + 1 == pat->size()) {
      *full = true;
    } else {
      out->push_back({pat, pos + 1});
    }
  }
}

// Include filtering. Returns false when nothing under `v` matched.
bool Include(const json::value& v, const std::vector<std::pair<const Pattern*, size_t>>& live,
             json::value* out) {
  if (v.is_object()) {
    json::object result;
    for (const auto& kv : v.get_object()) {
      std::vector<std::pair<const Pattern*, size_t>> next;
      bool full = false;
      Advance(live, kv.key(), &next, &full);
      if (full) {
        result[kv.key()] = kv.value();
        continue;
      }
      if (next.empty()) continue;
      json::value child;
      if (Include(kv.value(), next, &child)) result[kv.key()] = std::move(child);
    }
    if (result.empty()) return false;
    *out = std::move(result);
    return true;
  }
  if (v.is_array()) {
    json::array result;
    for (const auto& e : v.get_array()) {
      json::value child;
      if (Include(e, live, &child)) result.push_back(std::move(child));
    }
    if (result.empty()) return false;
    *out = std::move(result);
    return true;
  }
  return false;  // a leaf reached with patterns left: no match
}

// Exclusion filtering: removes matched subtrees.
void Exclude(json::value* v, const std::vector<std::pair<const Pattern*, size_t>>& live) {
  if (v->is_object()) {
    auto& obj = v->get_object();
    for (auto it = obj.begin(); it != obj.end();) {
      std::vector<std::pair<const Pattern*, size_t>> next;
      bool full = false;
      Advance(live, it->key(), &next, &full);
      if (full) {
        it = obj.erase(it);
        continue;
      }
      if (!next.empty()) Exclude(&it->value(), next);
      ++it;
    }
  } else if (v->is_array()) {
    for (auto& e : v->get_array()) Exclude(&e, live);
  }
}

}  // namespace

json::value ApplyFilterPath(const json::value& body, std::string_view filter_path) {
  std::vector<Pattern> includes, excludes;
  for (std::string_view raw : SplitString(filter_path, ',')) {
    raw = TrimWhitespace(raw);
    if (raw.empty()) continue;
    bool exclude = raw.front() == '-';
    if (exclude) raw.remove_prefix(1);
    Pattern p;
    for (std::string_view seg : SplitString(raw, '.')) p.emplace_back(seg);
    (exclude ? excludes : includes).push_back(std::move(p));
  }
  json::value result = body;
  if (!includes.empty()) {
    std::vector<std::pair<const Pattern*, size_t>> live;
    for (const auto& p : includes) live.push_back({&p, 0});
    json::value filtered;
    if (!Include(body, live, &filtered)) filtered = json::object();
    result = std::move(filtered);
  }
  if (!excludes.empty()) {
    std::vector<std::pair<const Pattern*, size_t>> live;
    for (const auto& p : excludes) live.push_back({&p, 0});
    Exclude(&result, live);
  }
  return result;
}

}  // namespace quiver::api
