// JsonWriter: a streaming JSON writer for hot response paths (bulk items,
// search hits) that can splice pre-serialized JSON (stored _source) without
// re-parsing it. Commas are inserted automatically. Not thread-safe; one
// writer per response.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.h"

namespace quiver {

class JsonWriter {
 public:
  JsonWriter() { stack_.reserve(16); }

  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  void Key(std::string_view key);

  void String(std::string_view s);
  void Int(int64_t v);
  void Uint(uint64_t v);
  void Double(double v);
  void Float(float v);
  void Bool(bool v);
  void Null();
  // A complete, valid JSON value given as text.
  void Raw(std::string_view json_text);
  void Value(const json::value& v);

  // Key + value shorthands.
  void Field(std::string_view key, std::string_view v) { Key(key), String(v); }
  void Field(std::string_view key, const char* v) { Key(key), String(v); }
  void Field(std::string_view key, int64_t v) { Key(key), Int(v); }
  void Field(std::string_view key, int v) { Key(key), Int(v); }
  void Field(std::string_view key, uint64_t v) { Key(key), Uint(v); }
  void Field(std::string_view key, double v) { Key(key), Double(v); }
  void Field(std::string_view key, bool v) { Key(key), Bool(v); }

  const std::string& str() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  void BeforeValue();
  std::string out_;
  // One entry per open container: true while no element has been written.
  std::vector<bool> stack_;
  bool after_key_ = false;
};

}  // namespace quiver
