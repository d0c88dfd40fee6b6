// Mapping construction: lookup tables over the object tree, limit checks
// (index.mapping.*), and the small accessors.
#include <algorithm>

#include "schema/mapping_internal.h"

namespace quiver::schema {

std::string_view DynamicName(Dynamic d) {
  switch (d) {
    case Dynamic::kTrue:
      return "true";
    case Dynamic::kFalse:
      return "false";
    case Dynamic::kStrict:
      return "strict";
    case Dynamic::kRuntime:
      return "runtime";
  }
  return "true";
}

std::shared_ptr<ObjectMapper> ObjectMapper::Builder::New(std::string name, std::string full_path,
                                                         Kind kind) {
  auto o = std::shared_ptr<ObjectMapper>(new ObjectMapper());
  o->name_ = std::move(name);
  o->full_path_ = std::move(full_path);
  o->kind_ = kind;
  return o;
}

std::shared_ptr<ObjectMapper> ObjectMapper::Builder::Copy(const ObjectMapper& o) {
  return std::shared_ptr<ObjectMapper>(new ObjectMapper(o));
}

std::vector<std::string_view> ObjectMapper::SortedChildNames() const {
  std::vector<std::string_view> names;
  names.reserve(children_.size());
  for (const auto& kv : children_) names.emplace_back(kv.first);
  std::sort(names.begin(), names.end());
  return names;
}

namespace {

void IndexField(
    const std::shared_ptr<const FieldMapper>& f, Mapping* m,
    std::unordered_map<std::string, const FieldMapper*, StringHash, std::equal_to<>>* idx,
    std::vector<const FieldMapper*>* all, int64_t* count) {
  (*idx)[f->full_path()] = f.get();
  all->push_back(f.get());
  ++*count;
  for (const auto& sub : f->multi_fields()) IndexField(sub, m, idx, all, count);
}

}  // namespace

std::shared_ptr<Mapping> Mapping::Builder::Build(std::shared_ptr<const ObjectMapper> root,
                                                 RootOptions options) {
  auto m = std::shared_ptr<Mapping>(new Mapping());
  m->root_ = std::move(root);
  m->options_ = std::move(options);
  const std::vector<std::string>& formats = m->options_.dynamic_date_formats
                                                ? *m->options_.dynamic_date_formats
                                                : DefaultDynamicDateFormats();
  for (const std::string& f : formats) {
    auto parsed = DateFormat::Parse(f);
    if (parsed.ok()) m->date_formats_.push_back(std::move(*parsed));
  }
  // Walk the tree without recursion (mapping depth is user-controlled).
  std::vector<const ObjectMapper*> stack = {m->root_.get()};
  int64_t count = 0;
  while (!stack.empty()) {
    const ObjectMapper* o = stack.back();
    stack.pop_back();
    m->object_index_[o->full_path()] = o;
    if (!o->is_root()) ++count;
    if (o->is_nested()) ++m->nested_fields_;
    for (const auto& [name, node] : o->children()) {
      if (node.object) {
        stack.push_back(node.object.get());
      } else {
        IndexField(node.field, m.get(), &m->field_index_, &m->fields_, &count);
      }
    }
  }
  std::sort(m->fields_.begin(), m->fields_.end(), [](const FieldMapper* a, const FieldMapper* b) {
    return a->full_path() < b->full_path();
  });
  m->total_fields_ = count + static_cast<int64_t>(m->options_.runtime.size());
  return m;
}

Status CheckMappingLimits(const Mapping& m, const MappingContext& ctx) {
  const IndexSettings& s = ctx.settings_or_default();
  if (m.total_fields() > s.total_fields_limit()) {
    return Status::InvalidArgument("Limit of total fields [" +
                                   std::to_string(s.total_fields_limit()) + "] has been exceeded");
  }
  // Depth: an object at path a.b.c has depth 3.
  std::vector<const ObjectMapper*> stack = {&m.root()};
  while (!stack.empty()) {
    const ObjectMapper* o = stack.back();
    stack.pop_back();
    if (!o->is_root()) {
      int64_t depth = 1 + std::count(o->full_path().begin(), o->full_path().end(), '.');
      if (depth > s.depth_limit()) {
        return Status::InvalidArgument(
            "Limit of mapping depth [" + std::to_string(s.depth_limit()) +
            "] has been exceeded due to object field [" + o->full_path() + "]");
      }
      if (static_cast<int64_t>(o->name().size()) > s.field_name_length_limit()) {
        return Status::InvalidArgument(
            "Field name [" + o->name() + "] is longer than the limit of [" +
            std::to_string(s.field_name_length_limit()) + "] characters");
      }
    }
    for (const auto& [name, node] : o->children()) {
      if (node.object) stack.push_back(node.object.get());
    }
  }
  if (m.nested_fields() > s.nested_fields_limit()) {
    return Status::InvalidArgument("Limit of nested fields [" +
                                   std::to_string(s.nested_fields_limit()) + "] has been exceeded");
  }
  for (const FieldMapper* f : m.fields()) {
    if (static_cast<int64_t>(f->name().size()) > s.field_name_length_limit()) {
      return Status::InvalidArgument("Field name [" + f->name() +
                                     "] is longer than the limit of [" +
                                     std::to_string(s.field_name_length_limit()) + "] characters");
    }
    if (f->type() == FieldType::kAlias) {
      const FieldMapper* target = m.FindField(f->alias_path());
      if (target == nullptr || target->type() == FieldType::kAlias) {
        std::string reason = target == nullptr
                                 ? "an alias must refer to an existing field in the mappings."
                                 : "an alias cannot refer to another alias.";
        return Status::InvalidArgument("Invalid [path] value [" + f->alias_path() +
                                       "] for field alias [" + f->full_path() + "]: " + reason)
            .WithType("mapper_parsing_exception");
      }
    }
    for (const std::string& target : f->copy_to()) {
      if (m.FindObject(target) != nullptr) {
        return Status::InvalidArgument("Cannot copy to field [" + target +
                                       "] since it is mapped as an object")
            .WithType("mapper_parsing_exception");
      }
    }
  }
  return Status::Ok();
}

std::shared_ptr<const Mapping> Mapping::Empty() {
  static const std::shared_ptr<const Mapping> empty =
      Builder::Build(ObjectMapper::Builder::New("_doc", "", ObjectMapper::Kind::kRoot), {});
  return empty;
}

const FieldMapper* Mapping::FindField(std::string_view full_path) const {
  auto it = field_index_.find(full_path);
  return it == field_index_.end() ? nullptr : it->second;
}

const ObjectMapper* Mapping::FindObject(std::string_view full_path) const {
  auto it = object_index_.find(full_path);
  return it == object_index_.end() ? nullptr : it->second;
}

bool Mapping::empty() const {
  return root_->children().empty() && !options_.dynamic && !options_.date_detection &&
         !options_.numeric_detection && !options_.dynamic_date_formats &&
         !options_.dynamic_templates && !options_.source && !options_.routing_required &&
         !options_.meta && options_.runtime.empty() && !root_->enabled_explicit() &&
         !root_->subobjects();
}

const std::vector<DynamicTemplate>& Mapping::dynamic_templates() const {
  static const std::vector<DynamicTemplate> kNone;
  return options_.dynamic_templates ? *options_.dynamic_templates : kNone;
}

const SourceOptions& Mapping::source() const {
  static const SourceOptions kDefault;
  return options_.source ? *options_.source : kDefault;
}

}  // namespace quiver::schema
