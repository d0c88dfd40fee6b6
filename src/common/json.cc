#include "common/json.h"

// Boost.JSON is used header-only; its implementation is compiled once, here.
#include <boost/json/src.hpp>
#include <simdjson.h>
#include <charconv>
#include <cmath>

#include "common/strings.h"

namespace quiver {

namespace {

// Boost.JSON's parser is used only to locate a syntax error: simdjson does
// the parsing because it rounds doubles correctly (a document read and
// written back keeps every number exactly) and validates UTF-8.
}  // namespace

size_t JsonErrorOffset(std::string_view text) {
  json::stream_parser parser;
  boost::system::error_code ec;
  size_t consumed = parser.write_some(text.data(), text.size(), ec);
  return consumed;
}

namespace {

Result<json::value> Convert(simdjson::dom::element e, int depth) {
  switch (e.type()) {
    case simdjson::dom::element_type::OBJECT: {
      json::object obj;
      simdjson::dom::object o = e.get_object().value_unsafe();
      obj.reserve(o.size());
      for (auto field : o) {
        json::string_view key(field.key.data(), field.key.size());
        if (obj.contains(key)) {
          return Status::ParseError("Duplicate field '" + std::string(field.key) + "'")
              .WithType("x_content_parse_exception");
        }
        QUIVER_ASSIGN_OR_RETURN(json::value v, Convert(field.value, depth + 1));
        obj.emplace(key, std::move(v));
      }
      return json::value(std::move(obj));
    }
    case simdjson::dom::element_type::ARRAY: {
      json::array arr;
      simdjson::dom::array a = e.get_array().value_unsafe();
      arr.reserve(a.size());
      for (simdjson::dom::element child : a) {
        QUIVER_ASSIGN_OR_RETURN(json::value v, Convert(child, depth + 1));
        arr.push_back(std::move(v));
      }
      return json::value(std::move(arr));
    }
    case simdjson::dom::element_type::STRING: {
      std::string_view sv = e.get_string().value_unsafe();
      return json::value(json::string(json::string_view(sv.data(), sv.size())));
    }
    case simdjson::dom::element_type::INT64:
      return json::value(e.get_int64().value_unsafe());
    case simdjson::dom::element_type::UINT64:
      return json::value(e.get_uint64().value_unsafe());
    case simdjson::dom::element_type::DOUBLE:
      return json::value(e.get_double().value_unsafe());
    case simdjson::dom::element_type::BOOL:
      return json::value(e.get_bool().value_unsafe());
    case simdjson::dom::element_type::NULL_VALUE:
      return json::value(nullptr);
  }
  return json::value(nullptr);
}

}  // namespace

Result<json::value> ParseJson(std::string_view text) {
  thread_local simdjson::dom::parser parser(/*max_capacity=*/size_t{4} << 30);
  simdjson::padded_string padded(text.data(), text.size());
  simdjson::dom::element root;
  auto error = parser.parse(padded).get(root);
  if (error) {
    size_t offset = JsonErrorOffset(text);
    return Status::ParseError("Failed to parse JSON at offset " + std::to_string(offset) + ": " +
                              simdjson::error_message(error));
  }
  return Convert(root, 0);
}

namespace {

void PrettyPrint(const json::value& v, std::string* out, int indent) {
  auto newline = [&](int level) {
    out->push_back('\n');
    out->append(static_cast<size_t>(level) * 2, ' ');
  };
  switch (v.kind()) {
    case json::kind::object: {
      const auto& obj = v.get_object();
      if (obj.empty()) {
        out->append("{ }");
        return;
      }
      out->push_back('{');
      bool first = true;
      for (const auto& kv : obj) {
        if (!first) out->push_back(',');
        first = false;
        newline(indent + 1);
        out->append(json::serialize(json::string_view(kv.key())));
        out->append(" : ");
        PrettyPrint(kv.value(), out, indent + 1);
      }
      newline(indent);
      out->push_back('}');
      return;
    }
    case json::kind::array: {
      const auto& arr = v.get_array();
      if (arr.empty()) {
        out->append("[ ]");
        return;
      }
      out->push_back('[');
      bool first = true;
      for (const auto& e : arr) {
        if (!first) out->push_back(',');
        first = false;
        newline(indent + 1);
        PrettyPrint(e, out, indent + 1);
      }
      newline(indent);
      out->push_back(']');
      return;
    }
    case json::kind::double_: {
      AppendJsonDouble(out, v.get_double());
      return;
    }
    default:
      out->append(json::serialize(v));
  }
}

void CompactPrint(const json::value& v, std::string* out) {
  switch (v.kind()) {
    case json::kind::object: {
      out->push_back('{');
      bool first = true;
      for (const auto& kv : v.get_object()) {
        if (!first) out->push_back(',');
        first = false;
        out->append(json::serialize(json::string_view(kv.key())));
        out->push_back(':');
        CompactPrint(kv.value(), out);
      }
      out->push_back('}');
      return;
    }
    case json::kind::array: {
      out->push_back('[');
      bool first = true;
      for (const auto& e : v.get_array()) {
        if (!first) out->push_back(',');
        first = false;
        CompactPrint(e, out);
      }
      out->push_back(']');
      return;
    }
    case json::kind::double_:
      AppendJsonDouble(out, v.get_double());
      return;
    default:
      out->append(json::serialize(v));
  }
}

}  // namespace

std::string ToJson(const json::value& v, bool pretty) {
  std::string out;
  if (pretty) {
    PrettyPrint(v, &out, 0);
    out.push_back('\n');
  } else {
    CompactPrint(v, &out);
  }
  return out;
}

std::optional<int64_t> JsonToInt64(const json::value& v) {
  switch (v.kind()) {
    case json::kind::int64: return v.get_int64();
    case json::kind::uint64:
      if (v.get_uint64() > static_cast<uint64_t>(INT64_MAX)) return std::nullopt;
      return static_cast<int64_t>(v.get_uint64());
    case json::kind::double_: {
      double d = v.get_double();
      if (!std::isfinite(d) || d != std::trunc(d) || std::fabs(d) > 9.2e18) return std::nullopt;
      return static_cast<int64_t>(d);
    }
    case json::kind::string: {
      const auto& s = v.get_string();
      int64_t out = 0;
      auto res = std::from_chars(s.data(), s.data() + s.size(), out);
      if (res.ec != std::errc() || res.ptr != s.data() + s.size()) return std::nullopt;
      return out;
    }
    default: return std::nullopt;
  }
}

std::optional<double> JsonToDouble(const json::value& v) {
  switch (v.kind()) {
    case json::kind::int64: return static_cast<double>(v.get_int64());
    case json::kind::uint64: return static_cast<double>(v.get_uint64());
    case json::kind::double_: return v.get_double();
    case json::kind::string: {
      const auto& s = v.get_string();
      double out = 0;
      auto res = std::from_chars(s.data(), s.data() + s.size(), out);
      if (res.ec != std::errc() || res.ptr != s.data() + s.size()) return std::nullopt;
      return out;
    }
    default: return std::nullopt;
  }
}

std::optional<bool> JsonToBool(const json::value& v) {
  if (v.is_bool()) return v.get_bool();
  if (v.is_string()) {
    if (v.get_string() == "true") return true;
    if (v.get_string() == "false") return false;
  }
  return std::nullopt;
}

std::optional<std::string> JsonToString(const json::value& v) {
  switch (v.kind()) {
    case json::kind::string: return std::string(v.get_string());
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::bool_: return json::serialize(v);
    case json::kind::double_: {
      std::string out;
      AppendJsonDouble(&out, v.get_double());
      return out;
    }
    default: return std::nullopt;
  }
}

const json::value* JsonFind(const json::value& v, std::string_view key) {
  if (!v.is_object()) return nullptr;
  return v.get_object().if_contains(json::string_view(key.data(), key.size()));
}

const json::value* JsonFindPath(const json::value& v, std::string_view dotted_path) {
  const json::value* cur = &v;
  for (std::string_view part : SplitString(dotted_path, '.')) {
    if (cur->is_object()) {
      cur = JsonFind(*cur, part);
    } else if (cur->is_array()) {
      size_t idx = 0;
      auto res = std::from_chars(part.data(), part.data() + part.size(), idx);
      if (res.ec != std::errc() || idx >= cur->get_array().size()) return nullptr;
      cur = &cur->get_array()[idx];
    } else {
      return nullptr;
    }
    if (cur == nullptr) return nullptr;
  }
  return cur;
}

std::string_view JsonTokenName(const json::value& v) {
  switch (v.kind()) {
    case json::kind::object: return "START_OBJECT";
    case json::kind::array: return "START_ARRAY";
    case json::kind::string: return "VALUE_STRING";
    case json::kind::bool_: return "VALUE_BOOLEAN";
    case json::kind::null: return "VALUE_NULL";
    default: return "VALUE_NUMBER";
  }
}

}  // namespace quiver
