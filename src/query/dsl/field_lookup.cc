#include "query/dsl/field_lookup.h"

#include <algorithm>

#include "common/strings.h"
#include "query/dsl/parse_context.h"
#include "query/dsl/query_nodes.h"
#include "schema/field_type.h"

namespace quiver::query::dsl {

using schema::FieldMapper;
using schema::FieldType;

std::string FieldRef::type_name() const {
  switch (meta) {
    case MetaField::kId:
      return "_id";
    case MetaField::kIndex:
      return "_index";
    case MetaField::kRouting:
      return "_routing";
    case MetaField::kIgnored:
      return "_ignored";
    case MetaField::kSeqNo:
      return "_seq_no";
    case MetaField::kTier:
      return "_tier";
    case MetaField::kNone:
      break;
  }
  return mapper != nullptr ? std::string(mapper->type_name()) : std::string();
}

namespace {

MetaField MetaFieldByName(std::string_view name) {
  if (name == "_id") return MetaField::kId;
  if (name == "_index") return MetaField::kIndex;
  if (name == "_routing") return MetaField::kRouting;
  if (name == "_ignored") return MetaField::kIgnored;
  if (name == "_seq_no") return MetaField::kSeqNo;
  if (name == "_tier") return MetaField::kTier;
  return MetaField::kNone;
}

const FieldMapper* ResolveAlias(const schema::Mapping& mapping, const FieldMapper* f) {
  if (f != nullptr && f->type() == FieldType::kAlias) return mapping.FindField(f->alias_path());
  return f;
}

// Types ES gives no TextSearchInfo: queries built from text (match,
// query_string) skip them when a pattern expands to them.
bool HasTextSearch(FieldType t) {
  return t != FieldType::kDenseVector && t != FieldType::kVector && t != FieldType::kBinary &&
         t != FieldType::kAlias && t != FieldType::kGeoPoint;
}

}  // namespace

FieldRef ResolveField(const ParseContext& pc, std::string_view name) {
  FieldRef ref;
  ref.name = std::string(name);
  ref.meta = MetaFieldByName(name);
  if (ref.meta != MetaField::kNone) return ref;
  const schema::Mapping& mapping = pc.mapping();
  const FieldMapper* f = ResolveAlias(mapping, mapping.FindField(name));
  if (f != nullptr) {
    ref.mapper = f;
    ref.name = f->full_path();
    return ref;
  }
  // A key under a flattened field: the longest mapped prefix that is one.
  for (size_t dot = name.rfind('.'); dot != std::string_view::npos && dot > 0;
       dot = name.rfind('.', dot - 1)) {
    const FieldMapper* parent = ResolveAlias(mapping, mapping.FindField(name.substr(0, dot)));
    if (parent != nullptr) {
      if (parent->type() == FieldType::kFlattened) {
        ref.mapper = parent;
        ref.name = parent->full_path();
        ref.flattened_key = true;
        ref.key = std::string(name.substr(dot + 1));
      }
      break;
    }
    if (dot == 0) break;
  }
  return ref;
}

bool IsSimpleMatchPattern(std::string_view s) { return s.find('*') != std::string_view::npos; }

std::vector<std::pair<std::string, float>> ResolveFieldPattern(const ParseContext& pc,
                                                               std::string_view name_or_pattern,
                                                               float weight,
                                                               std::string_view suffix,
                                                               bool only_searchable) {
  std::vector<std::pair<std::string, float>> out;
  auto add = [&](std::string name) {
    for (auto& [n, w] : out) {
      if (n == name) {
        w *= weight;
        return;
      }
    }
    out.emplace_back(std::move(name), weight);
  };
  const schema::Mapping& mapping = pc.mapping();
  auto with_suffix = [&](const std::string& name) {
    if (!suffix.empty() && mapping.FindField(name + std::string(suffix)) != nullptr) {
      return name + std::string(suffix);
    }
    return name;
  };
  if (!IsSimpleMatchPattern(name_or_pattern)) {
    if (ResolveField(pc, name_or_pattern).mapped()) add(with_suffix(std::string(name_or_pattern)));
    return out;
  }
  std::vector<std::string> matched;
  for (const FieldMapper* f : mapping.fields()) {
    if (SimpleMatch(name_or_pattern, f->full_path())) matched.push_back(f->full_path());
  }
  for (const std::string& path : matched) {
    std::string name = with_suffix(path);
    const FieldMapper* f = ResolveAlias(mapping, mapping.FindField(name));
    if (f == nullptr) continue;
    if (only_searchable && (!HasTextSearch(f->type()) || !f->indexed())) continue;
    // Deduplicate aliases and their concrete fields.
    if (f->full_path() != name &&
        std::find(matched.begin(), matched.end(), f->full_path()) != matched.end()) {
      name = f->full_path();
    }
    add(std::move(name));
  }
  return out;
}

Result<std::pair<std::string, float>> ParseFieldAndBoost(std::string_view spec) {
  size_t caret = spec.find('^');
  if (caret == std::string_view::npos) return std::make_pair(std::string(spec), 1.0f);
  double boost;
  if (!ParseJavaDouble(spec.substr(caret + 1), &boost)) {
    return Status::InvalidArgument("For input string: \"" + std::string(spec.substr(caret + 1)) +
                                   "\"")
        .WithType("number_format_exception");
  }
  return std::make_pair(std::string(spec.substr(0, caret)), static_cast<float>(boost));
}

Result<std::vector<std::pair<std::string, float>>> ResolveFieldSpecs(
    const ParseContext& pc, const std::vector<std::pair<std::string, float>>& specs,
    std::string_view suffix) {
  std::vector<std::pair<std::string, float>> out;
  for (const auto& [name, weight] : specs) {
    for (auto& [resolved, w] : ResolveFieldPattern(pc, name, weight, suffix)) {
      bool found = false;
      for (auto& [n, existing] : out) {
        if (n == resolved) {
          existing *= w;
          found = true;
          break;
        }
      }
      if (!found) out.emplace_back(std::move(resolved), w);
    }
  }
  if (out.size() > kMaxClauseCount) {
    return IllegalArgumentError(
        "field expansion matches too many fields, limit: " + std::to_string(kMaxClauseCount) +
        ", got: " + std::to_string(out.size()));
  }
  return out;
}

std::vector<std::string> DefaultFields(const ParseContext& pc) {
  std::vector<std::string> out;
  const auto& values = pc.settings().values();
  auto it = values.find("index.query.default_field");
  if (it != values.end()) {
    if (it->second.is_array()) {
      for (const auto& v : it->second.get_array()) {
        if (v.is_string()) out.emplace_back(v.get_string());
      }
    } else if (it->second.is_string()) {
      for (std::string_view part : SplitString(std::string_view(it->second.get_string()), ',')) {
        std::string_view t = TrimWhitespace(part);
        if (!t.empty()) out.emplace_back(t);
      }
    }
  }
  if (out.empty()) out.emplace_back("*");
  return out;
}

}  // namespace quiver::query::dsl
