#include "api/http/compression.h"

#include <zlib.h>

#include <algorithm>
#include <cstdint>

#include "common/strings.h"

namespace quiver {
namespace {

// zlib counts in uInt; larger inputs are fed in pieces of this size.
constexpr size_t kMaxZlibPieceBytes = size_t{1} << 30;
constexpr size_t kMinOutputGrowthBytes = 64 * 1024;

enum class Wrapper { kGzip, kZlib, kRaw };

int WindowBits(Wrapper wrapper) {
  switch (wrapper) {
    case Wrapper::kGzip:
      return 16 + MAX_WBITS;
    case Wrapper::kZlib:
      return MAX_WBITS;
    case Wrapper::kRaw:
      return -MAX_WBITS;
  }
  return MAX_WBITS;
}

bool StartsWithGzipMagic(std::string_view data) {
  return data.size() >= 2 && static_cast<unsigned char>(data[0]) == 0x1f &&
         static_cast<unsigned char>(data[1]) == 0x8b;
}

// RFC 1950 header: CM = 8 (deflate), CINFO <= 7, and CMF*256 + FLG divisible by 31.
bool StartsWithZlibHeader(std::string_view data) {
  if (data.size() < 2) return false;
  unsigned cmf = static_cast<unsigned char>(data[0]);
  unsigned flg = static_cast<unsigned char>(data[1]);
  return (cmf & 0x0f) == 8 && (cmf >> 4) <= 7 && (cmf * 256 + flg) % 31 == 0;
}

class InflateStream {
 public:
  explicit InflateStream(Wrapper wrapper) { rc_ = inflateInit2(&zs_, WindowBits(wrapper)); }
  ~InflateStream() {
    if (rc_ == Z_OK) inflateEnd(&zs_);
  }
  InflateStream(const InflateStream&) = delete;
  InflateStream& operator=(const InflateStream&) = delete;
  bool ok() const { return rc_ == Z_OK; }
  z_stream* get() { return &zs_; }

 private:
  z_stream zs_{};
  int rc_;
};

Result<std::string> Inflate(std::string_view in, Wrapper wrapper, size_t max_output_bytes,
                            std::string_view format) {
  auto corrupt = [format](std::string_view why) {
    return Status::InvalidArgument("failed to decompress " + std::string(format) +
                                   " request body: " + std::string(why));
  };
  InflateStream stream(wrapper);
  if (!stream.ok()) return Status::Internal("inflateInit2 failed");
  z_stream* zs = stream.get();
  size_t fed = 0;  // bytes of `in` handed to zlib so far
  auto remaining_input = [&] { return zs->avail_in + (in.size() - fed); };
  std::string out;
  size_t produced = 0;
  while (true) {
    if (zs->avail_in == 0 && fed < in.size()) {
      size_t piece = std::min(in.size() - fed, kMaxZlibPieceBytes);
      zs->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data() + fed));
      zs->avail_in = static_cast<uInt>(piece);
      fed += piece;
    }
    if (produced == out.size()) {
      // One byte past the limit is room enough to detect that it is exceeded.
      size_t room = max_output_bytes - produced + (max_output_bytes < SIZE_MAX ? 1 : 0);
      size_t growth =
          std::min({std::max(produced, kMinOutputGrowthBytes), room, kMaxZlibPieceBytes});
      out.resize(produced + growth);
    }
    zs->next_out = reinterpret_cast<Bytef*>(out.data() + produced);
    zs->avail_out = static_cast<uInt>(out.size() - produced);
    int rc = inflate(zs, Z_NO_FLUSH);
    produced = out.size() - zs->avail_out;
    if (produced > max_output_bytes) {
      return Status::TooLarge("decompressed " + std::string(format) + " request body exceeds " +
                              std::to_string(max_output_bytes) + " bytes");
    }
    if (rc == Z_STREAM_END) {
      if (remaining_input() == 0) break;
      if (wrapper == Wrapper::kGzip && zs->avail_in >= 2 &&
          StartsWithGzipMagic(std::string_view(reinterpret_cast<const char*>(zs->next_in), 2))) {
        inflateReset(zs);
        continue;
      }
      return corrupt("unexpected data after the end of the compressed stream");
    }
    if (rc == Z_OK || (rc == Z_BUF_ERROR && zs->avail_out == 0)) {
      if (zs->avail_out != 0 && remaining_input() == 0) {
        return corrupt("unexpected end of compressed stream");
      }
      continue;
    }
    if (rc == Z_BUF_ERROR) return corrupt("unexpected end of compressed stream");
    if (rc == Z_MEM_ERROR) return Status::Internal("out of memory while decompressing");
    return corrupt(zs->msg != nullptr ? zs->msg : "invalid compressed data");
  }
  out.resize(produced);
  return out;
}

}  // namespace

Result<std::string> GzipDecompress(std::string_view compressed, size_t max_output_bytes) {
  return Inflate(compressed, Wrapper::kGzip, max_output_bytes, "gzip");
}

Result<std::string> DeflateDecompress(std::string_view compressed, size_t max_output_bytes) {
  Wrapper wrapper = StartsWithZlibHeader(compressed) ? Wrapper::kZlib : Wrapper::kRaw;
  return Inflate(compressed, wrapper, max_output_bytes, "deflate");
}

std::string GzipCompress(std::string_view data, int level) {
  z_stream zs{};
  if (deflateInit2(&zs, level, Z_DEFLATED, WindowBits(Wrapper::kGzip), 8, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    return {};
  }
  std::string out;
  out.resize(deflateBound(&zs, data.size()));
  size_t fed = 0;
  size_t produced = 0;
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    if (zs.avail_in == 0 && fed < data.size()) {
      size_t piece = std::min(data.size() - fed, kMaxZlibPieceBytes);
      zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data() + fed));
      zs.avail_in = static_cast<uInt>(piece);
      fed += piece;
    }
    if (produced == out.size()) out.resize(out.size() + kMinOutputGrowthBytes);
    zs.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
    zs.avail_out = static_cast<uInt>(std::min(out.size() - produced, kMaxZlibPieceBytes));
    uInt avail_before = zs.avail_out;
    rc = deflate(&zs, fed == data.size() ? Z_FINISH : Z_NO_FLUSH);
    produced += avail_before - zs.avail_out;
    if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) break;
  }
  deflateEnd(&zs);
  out.resize(produced);
  return out;
}

bool AcceptsGzip(std::string_view accept_encoding) {
  int gzip = -1;  // -1 not listed, 0 refused, 1 accepted
  int any = -1;
  for (std::string_view element : SplitString(accept_encoding, ',')) {
    std::vector<std::string_view> parts = SplitString(element, ';');
    std::string_view coding = TrimWhitespace(parts[0]);
    bool accepted = true;
    for (size_t i = 1; i < parts.size(); ++i) {
      std::string_view param = TrimWhitespace(parts[i]);
      if (param.size() >= 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
        double q = 1;
        accepted = !(ParseDouble(TrimWhitespace(param.substr(2)), &q) && q <= 0);
      }
    }
    if (EqualsIgnoreCase(coding, "gzip") || EqualsIgnoreCase(coding, "x-gzip")) {
      gzip = accepted ? 1 : 0;
    } else if (coding == "*") {
      any = accepted ? 1 : 0;
    }
  }
  return gzip >= 0 ? gzip == 1 : any == 1;
}

}  // namespace quiver
