// The walk over a document: objects, keys, dispatch to mapped fields,
// objects and dynamic mapping; validation of everything else; errors with
// ES's locations and messages.
#include "schema/document_parser.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <unordered_set>

#include "common/strings.h"
#include "schema/document_parser_internal.h"
#include "schema/mapping_internal.h"
#include "schema/source_filter.h"

namespace quiver::schema {

namespace {

// Root-level names ES reserves for metadata fields.
constexpr std::string_view kMetadataFields[] = {"_id",
                                                "_index",
                                                "_routing",
                                                "_source",
                                                "_seq_no",
                                                "_primary_term",
                                                "_version",
                                                "_ignored",
                                                "_field_names",
                                                "_nested_path",
                                                "_tier",
                                                "_data_stream_timestamp",
                                                "_feature",
                                                "_tsid",
                                                "_ts_routing_hash",
                                                "_ignored_source",
                                                "_doc_count",
                                                "_size"};

bool IsMetadataField(std::string_view name) {
  return std::find(std::begin(kMetadataFields), std::end(kMetadataFields), name) !=
         std::end(kMetadataFields);
}

// Duplicate-key detection for one object: linear for small objects, a hash
// set beyond that.
class KeySet {
 public:
  bool Insert(std::string_view key) {
    if (set_) return set_->insert(key).second;
    for (size_t i = 0; i < small_count_; ++i) {
      if (small_[i] == key) return false;
    }
    if (small_count_ < small_.size()) {
      small_[small_count_++] = key;
      return true;
    }
    set_ = std::make_unique<std::unordered_set<std::string_view>>(small_.begin(), small_.end());
    return set_->insert(key).second;
  }

 private:
  std::array<std::string_view, 16> small_;
  size_t small_count_ = 0;
  std::unique_ptr<std::unordered_set<std::string_view>> set_;
};

std::string_view TokenName(char c) {
  switch (c) {
    case '{':
      return "START_OBJECT";
    case '[':
      return "START_ARRAY";
    case '}':
      return "END_OBJECT";
    case ']':
      return "END_ARRAY";
    case '"':
      return "VALUE_STRING";
    case 't':
      return "VALUE_TRUE";
    case 'f':
      return "VALUE_FALSE";
    case 'n':
      return "VALUE_NULL";
    default:
      return "VALUE_NUMBER_INT";
  }
}

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The JSON number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool IsJsonNumber(std::string_view s) {
  size_t i = 0;
  auto digits = [&]() {
    size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i - start;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (i < s.size() && s[i] == '0') {
    ++i;
  } else if (digits() == 0) {
    return false;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (digits() == 0) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == s.size();
}

}  // namespace

DocParser::DocParser(const DocumentParseRequest& request, const char* buffer, size_t length,
                     ParsedDocument* out)
    : req_(request),
      mapping_(*request.mapping),
      ctx_(*request.context),
      settings_(request.context->settings_or_default()),
      buffer_(buffer),
      length_(length),
      out_(out) {}

std::string DocParser::Location(const char* pos) const {
  if (pos == nullptr || pos < buffer_ || pos > buffer_ + length_) return "-1:-1";
  int64_t line = 1, col = 1;
  for (const char* p = buffer_; p < pos; ++p) {
    if (*p == '\n') {
      ++line;
      col = 1;
    } else if ((static_cast<unsigned char>(*p) & 0xC0) != 0x80) {
      ++col;  // count characters, not UTF-8 continuation bytes
    }
  }
  return std::to_string(line) + ":" + std::to_string(col);
}

Status DocParser::DocError(const char* pos, std::string message) const {
  return Status::InvalidArgument("[" + Location(pos) + "] " + message)
      .WithType("document_parsing_exception");
}

Status DocParser::FailedToParse(const char* pos, const Status& cause) const {
  return DocError(pos, "failed to parse: " + cause.message()).WithCause(cause);
}

Status DocParser::FieldError(const FieldMapper& f, const char* pos, std::string_view preview,
                             const Status& cause) const {
  return DocError(pos, "failed to parse field [" + f.full_path() + "] of type [" +
                           std::string(f.type_name()) + "] in document with id '" +
                           std::string(req_.id) + "'. Preview of field's value: '" +
                           std::string(preview) + "'")
      .WithCause(cause);
}

Status DocParser::JsonError(simdjson::error_code error, const char* pos) const {
  std::string msg;
  switch (error) {
    case simdjson::UTF8_ERROR:
      msg = "Invalid UTF-8 encoding in document";
      break;
    case simdjson::DEPTH_ERROR:
      msg = "Document nesting depth exceeds the maximum allowed (" +
            std::to_string(kMaxDocumentDepth) + ")";
      break;
    case simdjson::TAPE_ERROR:
    case simdjson::INCOMPLETE_ARRAY_OR_OBJECT:
      msg = "Unexpected end-of-input: expected close marker";
      break;
    case simdjson::UNCLOSED_STRING:
      msg = "Unexpected end-of-input: was expecting closing quote for a string value";
      break;
    case simdjson::STRING_ERROR:
      msg = "Unrecognized character escape or invalid string";
      break;
    case simdjson::NUMBER_ERROR:
      msg = "Invalid numeric value";
      break;
    case simdjson::T_ATOM_ERROR:
    case simdjson::F_ATOM_ERROR:
    case simdjson::N_ATOM_ERROR:
      msg =
          "Unrecognized token: was expecting (JSON String, Number, Array, Object or token "
          "'null', 'true' or 'false')";
      break;
    default:
      msg = std::string("Unexpected character: ") + simdjson::error_message(error);
  }
  Status cause = Status::ParseError(msg).WithType("json_parse_exception");
  return FailedToParse(pos, cause);
}

Status DocParser::ReadScalar(od::value& v, od::json_type type, JsonScalar* out, const char** pos) {
  std::string_view raw = v.raw_json_token();
  *pos = raw.data();
  switch (type) {
    case od::json_type::string: {
      std::string_view s;
      if (auto err = v.get_string().get(s)) return JsonError(err, *pos);
      out->kind = JsonScalar::Kind::kString;
      out->text = s;
      return Status::Ok();
    }
    case od::json_type::number: {
      while (!raw.empty() && IsJsonSpace(raw.back())) raw.remove_suffix(1);
      out->text = raw;
      od::number n;
      auto err = v.get_number().get(n);
      if (err) {
        // Integers beyond 64 bits: keep the text; ES reads them as
        // BigInteger and fails range checks with the text.
        if (err != simdjson::NUMBER_ERROR || !IsJsonNumber(raw)) return JsonError(err, *pos);
        double d = 0;
        auto res = std::from_chars(raw.data(), raw.data() + raw.size(), d);
        if (res.ptr != raw.data() + raw.size()) return JsonError(err, *pos);
        if (res.ec == std::errc::result_out_of_range) d = raw[0] == '-' ? -HUGE_VAL : HUGE_VAL;
        out->kind = JsonScalar::Kind::kBigNumber;
        out->f64 = d;
        return Status::Ok();
      }
      if (n.is_int64()) {
        out->kind = JsonScalar::Kind::kInt64;
        out->i64 = n.get_int64();
      } else if (n.is_uint64()) {
        out->kind = JsonScalar::Kind::kUint64;
        out->u64 = n.get_uint64();
      } else {
        out->kind = JsonScalar::Kind::kDouble;
        out->f64 = n.get_double();
      }
      return Status::Ok();
    }
    case od::json_type::boolean: {
      bool b = false;
      if (auto err = v.get_bool().get(b)) return JsonError(err, *pos);
      out->kind = JsonScalar::Kind::kBool;
      out->boolean = b;
      out->text = b ? "true" : "false";
      return Status::Ok();
    }
    case od::json_type::null: {
      bool is_null = false;
      if (auto err = v.is_null().get(is_null)) return JsonError(err, *pos);
      if (!is_null) return JsonError(simdjson::N_ATOM_ERROR, *pos);
      out->kind = JsonScalar::Kind::kNull;
      out->text = "null";
      return Status::Ok();
    }
    default:
      return JsonError(simdjson::INCORRECT_TYPE, *pos);
  }
}

// Validates a value without indexing it (unmapped or disabled content).
Status DocParser::Consume(od::value v, int depth) {
  if (depth > kMaxDocumentDepth) {
    return JsonError(simdjson::DEPTH_ERROR, v.raw_json_token().data());
  }
  od::json_type type;
  const char* pos = v.raw_json_token().data();
  if (auto err = v.type().get(type)) return JsonError(err, pos);
  if (type == od::json_type::object) {
    od::object obj;
    if (auto err = v.get_object().get(obj)) return JsonError(err, pos);
    KeySet keys;
    for (auto field_result : obj) {
      od::field field;
      if (auto err = std::move(field_result).get(field)) return JsonError(err, pos);
      const char* key_pos = field.key().raw();
      std::string_view key;
      if (auto err = field.unescaped_key().get(key)) return JsonError(err, key_pos);
      if (!keys.Insert(key)) {
        Status cause = Status::ParseError("Duplicate field '" + std::string(key) + "'")
                           .WithType("json_parse_exception");
        return FailedToParse(key_pos, cause);
      }
      QUIVER_RETURN_IF_ERROR(Consume(field.value(), depth + 1));
    }
    return Status::Ok();
  }
  if (type == od::json_type::array) {
    od::array arr;
    if (auto err = v.get_array().get(arr)) return JsonError(err, pos);
    for (auto element : arr) {
      od::value e;
      if (auto err = element.get(e)) return JsonError(err, pos);
      QUIVER_RETURN_IF_ERROR(Consume(e, depth + 1));
    }
    return Status::Ok();
  }
  JsonScalar s;
  return ReadScalar(v, type, &s, &pos);
}

std::string DocParser::Preview(od::value v, int depth) {
  // Java's toString of the parsed value, as ES prints it.
  od::json_type type;
  if (v.type().get(type) || depth > kMaxDocumentDepth) return "";
  if (type == od::json_type::object) {
    od::object obj;
    if (v.get_object().get(obj)) return "";
    std::string out = "{";
    bool first = true;
    for (auto field_result : obj) {
      od::field field;
      std::string_view key;
      if (std::move(field_result).get(field) || field.unescaped_key().get(key)) return out;
      if (!first) out += ", ";
      first = false;
      out += std::string(key) + "=" + Preview(field.value(), depth + 1);
    }
    return out + "}";
  }
  if (type == od::json_type::array) {
    od::array arr;
    if (v.get_array().get(arr)) return "";
    std::string out = "[";
    bool first = true;
    for (auto element : arr) {
      od::value e;
      if (element.get(e)) return out;
      if (!first) out += ", ";
      first = false;
      out += Preview(e, depth + 1);
    }
    return out + "]";
  }
  JsonScalar s;
  const char* pos = nullptr;
  if (!ReadScalar(v, type, &s, &pos).ok()) return "";
  return std::string(s.text);
}

ObjCtx DocParser::ChildCtx(ObjCtx& parent, const std::string& name, const ObjectMapper* base,
                           ObjectMapper* pending) const {
  ObjCtx child;
  child.base = base;
  child.pending = pending;
  child.parent = &parent;
  child.name = name;
  child.path = parent.path.empty() ? name : parent.path + "." + name;
  // A pending node for an existing object is a bare path node: settings come
  // from the existing object first.
  const ObjectMapper* config = base != nullptr ? base : pending;
  child.kind = config != nullptr ? config->kind() : ObjectMapper::Kind::kObject;
  if (pending != nullptr && pending->dynamic()) {
    child.dynamic = *pending->dynamic();
  } else if (config != nullptr && config->dynamic()) {
    child.dynamic = *config->dynamic();
  } else {
    child.dynamic = parent.dynamic;
  }
  child.subobjects = config == nullptr || config->subobjects().value_or(true);
  child.runtime_only = parent.runtime_only;
  child.depth = parent.depth + 1;
  return child;
}

Resolved DocParser::Resolve(const ObjCtx& ctx, std::string_view name) const {
  Resolved r;
  const MapperNode* pn = ctx.pending != nullptr ? ctx.pending->Find(name) : nullptr;
  const MapperNode* bn = ctx.base != nullptr ? ctx.base->Find(name) : nullptr;
  if (pn != nullptr && pn->field) {
    r.field = pn->field.get();
    return r;
  }
  if (pn != nullptr && pn->object) {
    auto it = pending_objects_.find(ctx.path.empty() ? std::string(name)
                                                     : ctx.path + "." + std::string(name));
    if (it != pending_objects_.end()) {
      r.pending_object = it->second.get();
    } else {
      r.base_object = pn->object.get();  // created in this document from a template
    }
  }
  if (bn != nullptr) {
    if (bn->field) {
      if (r.pending_object == nullptr && r.base_object == nullptr) r.field = bn->field.get();
    } else if (r.base_object == nullptr) {
      r.base_object = bn->object.get();
    }
  }
  return r;
}

// The value of a key that maps to an object: an object, an array of
// objects, or null.
Status DocParser::ParseIntoObject(od::value v, ObjCtx& child, std::string_view field_name) {
  const char* pos = v.raw_json_token().data();
  const ObjectMapper* config = child.base != nullptr ? child.base : child.pending;
  if (config != nullptr && !config->enabled()) return Consume(v, child.depth);
  od::json_type type;
  if (auto err = v.type().get(type)) return JsonError(err, pos);
  if (child.depth > kMaxDocumentDepth) return JsonError(simdjson::DEPTH_ERROR, pos);
  switch (type) {
    case od::json_type::object: {
      od::object obj;
      if (auto err = v.get_object().get(obj)) return JsonError(err, pos);
      return ParseObjectBody(obj, child, "");
    }
    case od::json_type::array: {
      od::array arr;
      if (auto err = v.get_array().get(arr)) return JsonError(err, pos);
      for (auto element : arr) {
        od::value e;
        if (auto err = element.get(e)) return JsonError(err, pos);
        ObjCtx nested = child;
        ++nested.depth;
        QUIVER_RETURN_IF_ERROR(ParseIntoObject(e, nested, field_name));
        child.pending = nested.pending;
      }
      return Status::Ok();
    }
    case od::json_type::null: {
      JsonScalar s;
      return ReadScalar(v, type, &s, &pos);
    }
    default:
      return DocError(pos, "object mapping for [" + child.path + "] tried to parse field [" +
                               std::string(field_name) + "] as object, but found a concrete value");
  }
}

Status DocParser::ParseObjectBody(od::object obj, ObjCtx& ctx, const std::string& key_prefix) {
  KeySet keys;
  for (auto field_result : obj) {
    od::field field;
    if (auto err = std::move(field_result).get(field)) return JsonError(err, buffer_ + length_);
    const char* key_pos = field.key().raw();
    std::string_view key;
    if (auto err = field.unescaped_key().get(key)) return JsonError(err, key_pos);
    if (!keys.Insert(key)) {
      Status cause = Status::ParseError("Duplicate field '" + std::string(key) + "'")
                         .WithType("json_parse_exception");
      return FailedToParse(key_pos, cause);
    }
    if (key_prefix.empty()) {
      QUIVER_RETURN_IF_ERROR(ParseEntry(key, field.value(), ctx, key_pos));
    } else {
      QUIVER_RETURN_IF_ERROR(
          ParseEntry(key_prefix + std::string(key), field.value(), ctx, key_pos));
    }
  }
  return Status::Ok();
}

Status DocParser::ParseEntry(std::string_view key, od::value v, ObjCtx& ctx, const char* key_pos) {
  const char* pos = v.raw_json_token().data();
  if (key.empty()) {
    return FailedToParse(pos, Status::InvalidArgument("field name cannot be an empty string"));
  }
  if (ctx.is_root() && IsMetadataField(key)) {
    return DocError(pos, "Field [" + std::string(key) +
                             "] is a metadata field and cannot be added inside a document. Use "
                             "the index API request parameters.");
  }
  if (TrimWhitespace(key).empty()) {
    return DocError(pos, "Field name cannot contain only whitespace: [" + std::string(key) + "]");
  }
  // Dotted names ("a.b": 1) address objects, unless subobjects is false.
  size_t dot = key.find('.');
  if (dot != std::string_view::npos && ctx.subobjects) {
    std::vector<std::string_view> parts = SplitString(key, '.');
    for (std::string_view part : parts) {
      if (part.empty()) {
        return FailedToParse(
            pos, Status::InvalidArgument("object field starting or ending with a [.] makes "
                                         "object resolution ambiguous: [" +
                                         std::string(key) + "]"));
      }
      if (TrimWhitespace(part).empty()) {
        return FailedToParse(
            pos, Status::InvalidArgument("object field cannot contain only whitespace: ['" +
                                         std::string(key) + "']"));
      }
    }
    // Walk (or create) the intermediate objects, then parse the last part.
    std::deque<ObjCtx> chain;
    ObjCtx* cur = &ctx;
    for (size_t i = 0; i + 1 < parts.size(); ++i) {
      std::string part(parts[i]);
      Resolved r = Resolve(*cur, part);
      if (r.field != nullptr) {
        return FailedToParse(
            pos, Status::InvalidArgument("Could not dynamically add mapping for field [" +
                                         std::string(key) + "]. Existing mapping for [" +
                                         r.field->full_path() +
                                         "] must be of type object but "
                                         "found [" +
                                         std::string(r.field->type_name()) + "]."));
      }
      if (!r.found()) {
        if (cur->dynamic == Dynamic::kStrict) {
          return DocError(pos, "mapping set to strict, dynamic introduction of [" + part +
                                   "] within [" + std::string(cur->display_path()) +
                                   "] is not allowed")
              .WithType("strict_dynamic_mapping_exception");
        }
        if (cur->dynamic == Dynamic::kFalse) return Consume(v, cur->depth + 1);
        if (cur->dynamic == Dynamic::kRuntime || cur->runtime_only) {
          chain.push_back(ChildCtx(*cur, part, nullptr, nullptr));
          chain.back().runtime_only = true;
          cur = &chain.back();
          continue;
        }
        QUIVER_ASSIGN_OR_RETURN(Resolved created, DynamicObject(part, *cur, pos));
        if (created.field != nullptr) {
          return FailedToParse(
              pos, Status::InvalidArgument("Could not dynamically add mapping for field [" +
                                           std::string(key) + "]. Existing mapping for [" +
                                           created.field->full_path() +
                                           "] must be of type object but found [" +
                                           std::string(created.field->type_name()) + "]."));
        }
        if (!created.found()) return Consume(v, cur->depth + 1);
        chain.push_back(ChildCtx(*cur, part, created.base_object, created.pending_object));
      } else {
        chain.push_back(ChildCtx(*cur, part, r.base_object, r.pending_object));
      }
      cur = &chain.back();
      const ObjectMapper* config = cur->base != nullptr ? cur->base : cur->pending;
      if (config != nullptr && !config->enabled()) return Consume(v, cur->depth);
    }
    return ParseEntry(parts.back(), v, *cur, key_pos);
  }

  Resolved r = Resolve(ctx, key);
  if (r.field != nullptr) return ParseLeaf(*r.field, v, ctx.depth + 1, ctx);
  if (r.base_object != nullptr || r.pending_object != nullptr) {
    ObjCtx child = ChildCtx(ctx, std::string(key), r.base_object, r.pending_object);
    return ParseIntoObject(v, child, key);
  }
  // Unmapped.
  od::json_type type;
  if (auto err = v.type().get(type)) return JsonError(err, pos);
  if (ctx.dynamic == Dynamic::kStrict) {
    return DocError(pos, "mapping set to strict, dynamic introduction of [" + std::string(key) +
                             "] within [" + std::string(ctx.display_path()) + "] is not allowed")
        .WithType("strict_dynamic_mapping_exception");
  }
  if (ctx.dynamic == Dynamic::kFalse || type == od::json_type::null) {
    return Consume(v, ctx.depth + 1);
  }
  if (type == od::json_type::object) {
    std::string name(key);
    if (ctx.dynamic == Dynamic::kRuntime || ctx.runtime_only) {
      ObjCtx child = ChildCtx(ctx, name, nullptr, nullptr);
      child.runtime_only = true;
      return ParseIntoObject(v, child, key);
    }
    if (!ctx.subobjects) {
      // subobjects: false: the object's leaves become dotted leaf names here.
      od::object obj;
      if (auto err = v.get_object().get(obj)) return JsonError(err, pos);
      ObjCtx same = ctx;
      ++same.depth;
      if (same.depth > kMaxDocumentDepth) return JsonError(simdjson::DEPTH_ERROR, pos);
      QUIVER_RETURN_IF_ERROR(ParseObjectBody(obj, same, name + "."));
      ctx.pending = same.pending;
      return Status::Ok();
    }
    QUIVER_ASSIGN_OR_RETURN(Resolved created, DynamicObject(name, ctx, pos));
    if (created.field != nullptr) return ParseLeaf(*created.field, v, ctx.depth + 1, ctx);
    if (!created.found()) return Consume(v, ctx.depth + 1);
    ObjCtx child = ChildCtx(ctx, name, created.base_object, created.pending_object);
    return ParseIntoObject(v, child, key);
  }
  return ParseDynamicValue(key, v, type, ctx, pos, ctx.depth + 1);
}

Status DocParser::ParseRoot(od::value root) {
  ObjCtx ctx;
  ctx.base = &mapping_.root();
  ctx.dynamic = mapping_.dynamic();
  ctx.subobjects = mapping_.root().subobjects().value_or(true);
  ctx.kind = ObjectMapper::Kind::kRoot;
  ctx.depth = 1;
  root_ctx_ = &ctx;
  od::object obj;
  const char* pos = root.raw_json_token().data();
  if (auto err = root.get_object().get(obj)) return JsonError(err, pos);
  Status st = mapping_.root().enabled() ? ParseObjectBody(obj, ctx, "") : Consume(root, 1);
  root_ctx_ = nullptr;
  return st;
}

Status DocParser::Finish() {
  std::sort(ignored_.begin(), ignored_.end());
  ignored_.erase(std::unique(ignored_.begin(), ignored_.end()), ignored_.end());
  out_->ignored_fields = std::move(ignored_);
  out_->base_mapping = req_.mapping;
  if (!pending_root_ && pending_runtime_.empty()) {
    out_->mapping = req_.mapping;
    return Status::Ok();
  }
  std::shared_ptr<const ObjectMapper> update =
      pending_root_ ? std::shared_ptr<const ObjectMapper>(pending_root_)
                    : std::shared_ptr<const ObjectMapper>(
                          ObjectMapper::Builder::New("_doc", "", ObjectMapper::Kind::kRoot));
  auto merged = ApplyDynamicUpdate(mapping_, update, pending_runtime_);
  if (!merged.ok()) return FailedToParse(buffer_, merged.status());
  out_->mapping = std::move(*merged);
  // Values point at the mappers of the new mapping (fields whose mapper was
  // replaced, e.g. dims filled in, get the merged one).
  for (FieldValue& fv : out_->fields) {
    if (const FieldMapper* f = out_->mapping->FindField(fv.field->full_path())) fv.field = f;
  }
  return Status::Ok();
}

Result<ParsedDocument> ParseDocument(const DocumentParseRequest& request) {
  if (!request.mapping || request.context == nullptr) {
    return Status::Internal("ParseDocument needs a mapping and a context");
  }
  const std::string_view src = request.source;
  if (TrimWhitespace(src).empty()) {
    return Status::InvalidArgument("failed to parse, document is empty")
        .WithType("document_parsing_exception");
  }
  if (request.mapping->routing_required() && request.routing.empty()) {
    return Status::InvalidArgument("routing is required for [" + std::string(request.index) +
                                   "]/[" + std::string(request.id) + "]")
        .WithType("routing_missing_exception");
  }
  thread_local od::parser parser;
  thread_local std::string buffer;
  // Give memory back after an unusually large document.
  constexpr size_t kKeepBytes = size_t{16} << 20;
  if (buffer.capacity() > kKeepBytes && src.size() < kKeepBytes / 16) {
    std::string().swap(buffer);
    parser = od::parser();
  }
  buffer.assign(src.data(), src.size());
  buffer.append(simdjson::SIMDJSON_PADDING, '\0');
  if (parser.capacity() < src.size() || parser.max_depth() != kMaxDocumentDepth + 2) {
    if (auto err = parser.allocate(std::max<size_t>(src.size(), 4096), kMaxDocumentDepth + 2)) {
      return Status::Internal(std::string("cannot allocate the JSON parser: ") +
                              simdjson::error_message(err));
    }
  }
  ParsedDocument out;
  out.fields.reserve(16);
  out.id = std::string(request.id);
  out.routing = std::string(request.routing);
  DocParser p(request, buffer.data(), src.size(), &out);

  od::document doc;
  if (auto err = parser.iterate(buffer.data(), src.size(), buffer.size()).get(doc)) {
    return p.JsonError(err, buffer.data());
  }
  od::json_type type;
  const char* start = buffer.data();
  while (start < buffer.data() + src.size() && IsJsonSpace(*start)) ++start;
  if (auto err = doc.type().get(type)) return p.JsonError(err, start);
  if (type != od::json_type::object) {
    return p.DocError(start, "Malformed content, must start with an object");
  }
  od::value root;
  if (auto err = doc.get_value().get(root)) return p.JsonError(err, start);
  QUIVER_RETURN_IF_ERROR(p.ParseRoot(root));
  // Anything after the root object is an error, as in ES.
  const char* rest = nullptr;
  if (!doc.current_location().get(rest) && rest != nullptr) {
    while (rest < buffer.data() + src.size() && IsJsonSpace(*rest)) ++rest;
    if (rest < buffer.data() + src.size()) {
      return p.FailedToParse(
          rest, Status::InvalidArgument("Malformed content, found extra data after parsing: " +
                                        std::string(TokenName(*rest))));
    }
  }
  QUIVER_RETURN_IF_ERROR(p.Finish());

  const SourceOptions& source = request.mapping->source();
  if (!source.stored()) {
    out.source.clear();
  } else if (source.filtered()) {
    QUIVER_ASSIGN_OR_RETURN(out.source, FilterSource(src, source.includes, source.excludes));
  } else {
    out.source = std::string(src);
  }
  return out;
}

}  // namespace quiver::schema
