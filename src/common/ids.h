// Identifier generation: Elasticsearch-style auto ids for documents (20
// URL-safe base64 characters from 15 bytes: a sequence number, the time in
// milliseconds and per-process random bits, so ids are unique and share
// prefixes like ES's time-based UUIDs) and random 22-character index uuids.
// Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace quiver {

std::string NewDocumentId();
std::string NewRandomUuid();
// URL-safe base64 without padding.
std::string Base64UrlEncode(std::string_view bytes);

}  // namespace quiver
