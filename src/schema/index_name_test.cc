#include "schema/index_name.h"

#include <gtest/gtest.h>

#include <string>

namespace quiver::schema {
namespace {

std::string MetaValue(const Status& s, std::string_view key) {
  for (const auto& [k, v] : s.metadata()) {
    if (k == key) return v;
  }
  return "<missing>";
}

TEST(IndexNameTest, AcceptsOrdinaryNames) {
  EXPECT_TRUE(ValidateIndexName("test_index").ok());
  EXPECT_TRUE(ValidateIndexName("logs-2024.01.01").ok());
  EXPECT_TRUE(ValidateIndexName(".hidden").ok());
  EXPECT_TRUE(ValidateIndexName("caf\xc3\xa9").ok());
}

TEST(IndexNameTest, RejectsUppercaseWithEsShape) {
  Status s = ValidateIndexName("Foo");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.type(), "invalid_index_name_exception");
  EXPECT_EQ(s.http_status(), 400);
  EXPECT_EQ(s.message(), "Invalid index name [Foo], must be lowercase");
  EXPECT_EQ(MetaValue(s, "index"), "Foo");
  EXPECT_EQ(MetaValue(s, "index_uuid"), "_na_");
}

TEST(IndexNameTest, RejectsNonAsciiUppercase) {
  EXPECT_EQ(ValidateIndexName("caf\xc3\x89").message(),
            "Invalid index name [caf\xc3\x89], must be lowercase");
}

TEST(IndexNameTest, RejectsForbiddenCharacters) {
  for (std::string name : {"a b", "a,b", "a*", "a?", "a\"b", "a<b", "a>b", "a|b", "a/b", "a\\b"}) {
    Status s = ValidateIndexName(name);
    EXPECT_EQ(s.message(), "Invalid index name [" + name +
                               "], must not contain the following characters "
                               "[ , \", *, \\, <, |, ,, >, /, ?]")
        << name;
  }
}

TEST(IndexNameTest, RejectsHashAndColon) {
  EXPECT_EQ(ValidateIndexName("a#b").message(), "Invalid index name [a#b], must not contain '#'");
  EXPECT_EQ(ValidateIndexName("a:b").message(), "Invalid index name [a:b], must not contain ':'");
}

TEST(IndexNameTest, RejectsBadFirstCharacter) {
  for (std::string name : {"_a", "-a", "+a"}) {
    EXPECT_EQ(ValidateIndexName(name).message(),
              "Invalid index name [" + name + "], must not start with '_', '-', or '+'");
  }
}

TEST(IndexNameTest, RejectsDotNames) {
  EXPECT_EQ(ValidateIndexName(".").message(), "Invalid index name [.], must not be '.' or '..'");
  EXPECT_EQ(ValidateIndexName("..").message(), "Invalid index name [..], must not be '.' or '..'");
}

TEST(IndexNameTest, RejectsTooLongCountingBytes) {
  std::string name(256, 'a');
  EXPECT_EQ(ValidateIndexName(name).message(),
            "Invalid index name [" + name + "], index name is too long, (256 > 255)");
  EXPECT_TRUE(ValidateIndexName(std::string(255, 'a')).ok());
  std::string multibyte;
  for (int i = 0; i < 128; ++i) multibyte += "\xc3\xa9";
  EXPECT_NE(ValidateIndexName(multibyte).message().find("(256 > 255)"), std::string::npos);
}

TEST(IndexNameTest, RejectsEmpty) {
  EXPECT_EQ(ValidateIndexName("").message(), "Invalid index name [], must not be empty");
}

TEST(IndexNameTest, CharacterRulesComeBeforeCaseRule) {
  EXPECT_NE(ValidateIndexName("A B").message().find("following characters"), std::string::npos);
}

}  // namespace
}  // namespace quiver::schema
