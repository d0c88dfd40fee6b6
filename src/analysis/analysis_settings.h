// Settings: read access to the JSON definition of one analysis component
// ({"type": "stop", "stopwords": [...]}), with Elasticsearch's lenient typing
// (numbers and booleans may be strings) and its error messages. A view; the
// JSON must outlive it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.h"
#include "common/status.h"

namespace quiver::analysis {

class Settings {
 public:
  Settings() = default;
  // `object` may be null (no settings).
  explicit Settings(const json::object* object) : object_(object) {}

  bool empty() const { return object_ == nullptr || object_->empty(); }
  bool Has(std::string_view key) const { return Get(key) != nullptr; }
  const json::value* Get(std::string_view key) const;
  const json::object* object() const { return object_; }

  // A string setting; numbers and booleans are accepted in their text form.
  std::optional<std::string> GetString(std::string_view key) const;
  std::string GetString(std::string_view key, std::string_view default_value) const;

  Result<int64_t> GetInt(std::string_view key, int64_t default_value) const;
  Result<bool> GetBool(std::string_view key, bool default_value) const;

  // A list setting: a JSON array (elements in text form) or a single value.
  // nullopt when absent.
  std::optional<std::vector<std::string>> GetList(std::string_view key) const;

  // Rejects `<key>_path` style settings: Quiver reads no analysis files.
  Status RejectPath(std::string_view path_key) const;

 private:
  const json::object* object_ = nullptr;
};

// An illegal_argument_exception (HTTP 400) status, the type ES uses for
// nearly every analysis configuration error.
Status IllegalArgument(std::string message);

}  // namespace quiver::analysis
