#include "api/http/compression.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace quiver {
namespace {

using namespace std::literals;

// "hello, quiver\n" compressed by Python's gzip and zlib modules.
constexpr std::string_view kPlain = "hello, quiver\n";
constexpr std::string_view kGzip =
    "\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03\xcb\x48\xcd\xc9\xc9\xd7\x51\x28\x2c\xcd\x2c\x4b"
    "\x2d\xe2\x02\x00\xcf\xbe\x6c\xcf\x0e\x00\x00\x00"sv;
constexpr std::string_view kZlib =
    "\x78\x9c\xcb\x48\xcd\xc9\xc9\xd7\x51\x28\x2c\xcd\x2c\x4b\x2d\xe2\x02\x00\x27\x4c\x05\x07"sv;
constexpr std::string_view kRawDeflate =
    "\xcb\x48\xcd\xc9\xc9\xd7\x51\x28\x2c\xcd\x2c\x4b\x2d\xe2\x02\x00"sv;

TEST(CompressionTest, DecompressesGzipFromAnotherImplementation) {
  Result<std::string> out = GzipDecompress(kGzip, 1024);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out, kPlain);
}

TEST(CompressionTest, DeflateAcceptsZlibWrappedAndRawStreams) {
  Result<std::string> wrapped = DeflateDecompress(kZlib, 1024);
  ASSERT_TRUE(wrapped.ok()) << wrapped.status().ToString();
  EXPECT_EQ(*wrapped, kPlain);
  Result<std::string> raw = DeflateDecompress(kRawDeflate, 1024);
  ASSERT_TRUE(raw.ok()) << raw.status().ToString();
  EXPECT_EQ(*raw, kPlain);
}

TEST(CompressionTest, GzipRoundTripsLargeInput) {
  std::string data;
  for (int i = 0; i < 200000; ++i) data += std::to_string(i * 7919 % 10007) + ",";
  std::string compressed = GzipCompress(data);
  EXPECT_LT(compressed.size(), data.size() / 2);
  Result<std::string> out = GzipDecompress(compressed, data.size());
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out, data);
}

TEST(CompressionTest, GzipRoundTripsEmptyInput) {
  Result<std::string> out = GzipDecompress(GzipCompress(""), 0);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out, "");
}

TEST(CompressionTest, JoinsConcatenatedGzipMembers) {
  std::string two = GzipCompress("first,") + GzipCompress("second");
  Result<std::string> out = GzipDecompress(two, 1024);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out, "first,second");
}

TEST(CompressionTest, StopsAtOutputLimitOnZipBomb) {
  // 64 MiB of zeros compress to about 64 KiB.
  std::string bomb = GzipCompress(std::string(64 << 20, '\0'), 9);
  ASSERT_LT(bomb.size(), 256u << 10);
  Result<std::string> out = GzipDecompress(bomb, 1 << 20);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kTooLarge);
  // Exactly at the limit is fine.
  Result<std::string> exact = GzipDecompress(GzipCompress(std::string(1000, 'a')), 1000);
  ASSERT_TRUE(exact.ok()) << exact.status().ToString();
  EXPECT_EQ(exact->size(), 1000u);
  EXPECT_EQ(GzipDecompress(GzipCompress(std::string(1001, 'a')), 1000).status().code(),
            StatusCode::kTooLarge);
}

TEST(CompressionTest, RejectsCorruptTruncatedAndTrailingData) {
  std::string corrupt(kGzip);
  corrupt[12] ^= 0x55;
  EXPECT_EQ(GzipDecompress(corrupt, 1024).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(GzipDecompress(kGzip.substr(0, kGzip.size() - 5), 1024).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(GzipDecompress(std::string(kGzip) + "junk", 1024).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(GzipDecompress("not gzip at all", 1024).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(DeflateDecompress(kZlib.substr(0, 8), 1024).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(CompressionTest, AcceptsGzipHonoursQValues) {
  EXPECT_TRUE(AcceptsGzip("gzip"));
  EXPECT_TRUE(AcceptsGzip("deflate, GZIP;q=0.5"));
  EXPECT_TRUE(AcceptsGzip("x-gzip"));
  EXPECT_TRUE(AcceptsGzip("*"));
  EXPECT_TRUE(AcceptsGzip("gzip, deflate, br"));
  EXPECT_FALSE(AcceptsGzip(""));
  EXPECT_FALSE(AcceptsGzip("identity"));
  EXPECT_FALSE(AcceptsGzip("deflate, br"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0"));
  EXPECT_FALSE(AcceptsGzip("gzip; q=0.000"));
  EXPECT_FALSE(AcceptsGzip("*, gzip;q=0"));
  EXPECT_FALSE(AcceptsGzip("*;q=0"));
}

}  // namespace
}  // namespace quiver
