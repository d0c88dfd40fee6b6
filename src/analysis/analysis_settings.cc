#include "analysis/analysis_settings.h"

namespace quiver::analysis {

Status IllegalArgument(std::string message) {
  return Status::InvalidArgument(std::move(message)).WithType("illegal_argument_exception");
}

const json::value* Settings::Get(std::string_view key) const {
  if (object_ == nullptr) return nullptr;
  auto it = object_->find(key);
  if (it == object_->end() || it->value().is_null()) return nullptr;
  return &it->value();
}

std::optional<std::string> Settings::GetString(std::string_view key) const {
  const json::value* v = Get(key);
  if (v == nullptr) return std::nullopt;
  if (v->is_array()) {
    // ES flattens a one-element list to its element for string reads.
    const json::array& a = v->get_array();
    if (a.size() == 1) return JsonToString(a[0]);
    return std::nullopt;
  }
  return JsonToString(*v);
}

std::string Settings::GetString(std::string_view key, std::string_view default_value) const {
  std::optional<std::string> s = GetString(key);
  return s ? *s : std::string(default_value);
}

Result<int64_t> Settings::GetInt(std::string_view key, int64_t default_value) const {
  const json::value* v = Get(key);
  if (v == nullptr) return default_value;
  std::optional<int64_t> n = JsonToInt64(*v);
  if (!n || *n < INT32_MIN || *n > INT32_MAX) {
    std::string text = JsonToString(*v).value_or(json::serialize(*v));
    return Status::InvalidArgument("Failed to parse int setting [" + std::string(key) +
                                   "] with value [" + text + "]")
        .WithType("settings_exception");
  }
  return *n;
}

Result<bool> Settings::GetBool(std::string_view key, bool default_value) const {
  const json::value* v = Get(key);
  if (v == nullptr) return default_value;
  std::optional<bool> b = JsonToBool(*v);
  if (!b) {
    std::string text = JsonToString(*v).value_or(json::serialize(*v));
    return IllegalArgument("Failed to parse value [" + text +
                           "] as only [true] or [false] are allowed.");
  }
  return *b;
}

std::optional<std::vector<std::string>> Settings::GetList(std::string_view key) const {
  const json::value* v = Get(key);
  if (v == nullptr) return std::nullopt;
  std::vector<std::string> out;
  if (v->is_array()) {
    for (const json::value& e : v->get_array()) {
      std::optional<std::string> s = JsonToString(e);
      out.push_back(s ? *s : json::serialize(e));
    }
  } else {
    std::optional<std::string> s = JsonToString(*v);
    out.push_back(s ? *s : json::serialize(*v));
  }
  return out;
}

Status Settings::RejectPath(std::string_view path_key) const {
  if (!Has(path_key)) return Status::Ok();
  std::string message = "[";
  message.append(path_key);
  message.append(
      "] is not supported: analysis files cannot be read from disk; define the list inline in "
      "the index settings instead");
  return IllegalArgument(std::move(message));
}

}  // namespace quiver::analysis
