#include "schema/index_name.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <string>

namespace quiver::schema {

namespace {

// ES prints its set of forbidden filename characters in this order (the
// iteration order of the Java HashSet it is kept in).
constexpr std::string_view kForbiddenChars = " \"*\\<|,>/?";
constexpr std::string_view kForbiddenCharsText = "[ , \", *, \\, <, |, ,, >, /, ?]";

// Java's `name.toLowerCase(Locale.ROOT).equals(name)`: true when some code
// point changes under simple lowercasing. Invalid UTF-8 never reaches here in
// practice (URL decoding rejects it); such bytes are treated as unchanged.
bool HasUppercase(std::string_view name) {
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(name.size());
  const auto* s = reinterpret_cast<const uint8_t*>(name.data());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c >= 0 && u_tolower(c) != c) return true;
  }
  return false;
}

}  // namespace

Status InvalidIndexName(std::string_view name, std::string_view reason) {
  std::string msg = "Invalid index name [";
  msg.append(name);
  msg.append("], ");
  msg.append(reason);
  return Status::InvalidArgument(std::move(msg))
      .WithType("invalid_index_name_exception")
      .WithMeta("index_uuid", "_na_")
      .WithMeta("index", std::string(name));
}

Status ValidateIndexName(std::string_view name) {
  if (name.empty()) return InvalidIndexName(name, "must not be empty");
  if (name.find_first_of(kForbiddenChars) != std::string_view::npos) {
    return InvalidIndexName(name, std::string("must not contain the following characters ") +
                                      std::string(kForbiddenCharsText));
  }
  if (name.find('#') != std::string_view::npos) {
    return InvalidIndexName(name, "must not contain '#'");
  }
  if (name.find(':') != std::string_view::npos) {
    return InvalidIndexName(name, "must not contain ':'");
  }
  if (name[0] == '_' || name[0] == '-' || name[0] == '+') {
    return InvalidIndexName(name, "must not start with '_', '-', or '+'");
  }
  if (name.size() > kMaxIndexNameBytes) {
    return InvalidIndexName(name, "index name is too long, (" + std::to_string(name.size()) +
                                      " > " + std::to_string(kMaxIndexNameBytes) + ")");
  }
  if (name == "." || name == "..") return InvalidIndexName(name, "must not be '.' or '..'");
  if (HasUppercase(name)) return InvalidIndexName(name, "must be lowercase");
  return Status::Ok();
}

}  // namespace quiver::schema
