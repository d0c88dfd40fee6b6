#include "common/ids.h"

#include <gtest/gtest.h>

#include <set>

namespace quiver {
namespace {

TEST(IdsTest, DocumentIdsAreTwentyUrlSafeCharsAndUnique) {
  std::set<std::string> seen;
  for (int i = 0; i < 100000; ++i) {
    std::string id = NewDocumentId();
    ASSERT_EQ(id.size(), 20u);
    for (char c : id) ASSERT_TRUE(isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_');
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 100000u);
}

TEST(IdsTest, UuidsAreTwentyTwoChars) {
  EXPECT_EQ(NewRandomUuid().size(), 22u);
  EXPECT_NE(NewRandomUuid(), NewRandomUuid());
}

TEST(IdsTest, Base64UrlKnownValues) {
  EXPECT_EQ(Base64UrlEncode("f"), "Zg");
  EXPECT_EQ(Base64UrlEncode("fo"), "Zm8");
  EXPECT_EQ(Base64UrlEncode("foo"), "Zm9v");
  EXPECT_EQ(Base64UrlEncode("\xfb\xff"), "-_8");
}

}  // namespace
}  // namespace quiver
