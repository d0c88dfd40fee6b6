#include "common/json_writer.h"

#include <charconv>

#include "common/strings.h"

namespace quiver {

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!stack_.empty()) {
    if (!stack_.back()) out_.push_back(',');
    stack_.back() = false;
  }
}

void JsonWriter::BeginObject() {
  BeforeValue();
  out_.push_back('{');
  stack_.push_back(true);
}

void JsonWriter::EndObject() {
  out_.push_back('}');
  stack_.pop_back();
}

void JsonWriter::BeginArray() {
  BeforeValue();
  out_.push_back('[');
  stack_.push_back(true);
}

void JsonWriter::EndArray() {
  out_.push_back(']');
  stack_.pop_back();
}

void JsonWriter::Key(std::string_view key) {
  BeforeValue();
  AppendJsonString(&out_, key);
  out_.push_back(':');
  after_key_ = true;
}

void JsonWriter::String(std::string_view s) {
  BeforeValue();
  AppendJsonString(&out_, s);
}

void JsonWriter::Int(int64_t v) {
  BeforeValue();
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof(buf), v);
  out_.append(buf, res.ptr);
}

void JsonWriter::Uint(uint64_t v) {
  BeforeValue();
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof(buf), v);
  out_.append(buf, res.ptr);
}

void JsonWriter::Double(double v) {
  BeforeValue();
  AppendJsonDouble(&out_, v);
}

void JsonWriter::Float(float v) {
  BeforeValue();
  AppendJsonFloat(&out_, v);
}

void JsonWriter::Bool(bool v) {
  BeforeValue();
  out_.append(v ? "true" : "false");
}

void JsonWriter::Null() {
  BeforeValue();
  out_.append("null");
}

void JsonWriter::Raw(std::string_view json_text) {
  BeforeValue();
  out_.append(json_text);
}

void JsonWriter::Value(const json::value& v) {
  BeforeValue();
  out_.append(ToJson(v));
}

}  // namespace quiver
