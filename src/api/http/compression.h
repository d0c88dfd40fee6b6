// HTTP body compression (zlib): decoding gzip and deflate request bodies
// under an output size limit, and gzip for responses. Stateless; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/status.h"

namespace quiver {

// Decompresses a gzip stream (RFC 1952); concatenated members are joined, as
// gzip(1) does. Output beyond `max_output_bytes` stops decoding with
// kTooLarge, so a small "zip bomb" cannot allocate more than the limit.
// Corrupt, truncated or trailing data is kInvalidArgument.
Result<std::string> GzipDecompress(std::string_view compressed, size_t max_output_bytes);

// Decompresses an HTTP "deflate" body. RFC 9110 means zlib-wrapped data
// (RFC 1950), but some clients send raw deflate (RFC 1951); the zlib header
// is recognised and both are accepted, as Netty's ZLIB_OR_NONE decoder does.
// Errors as GzipDecompress.
Result<std::string> DeflateDecompress(std::string_view compressed, size_t max_output_bytes);

// Compresses `data` as one gzip member. Level 3 is Elasticsearch's default
// http.compression_level.
std::string GzipCompress(std::string_view data, int level = 3);

// True if an Accept-Encoding value admits gzip: "gzip" or "x-gzip" with a
// non-zero q-value, or else "*" with a non-zero q-value (RFC 9110 12.5.3).
bool AcceptsGzip(std::string_view accept_encoding);

}  // namespace quiver
