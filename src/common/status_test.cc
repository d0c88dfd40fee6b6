#include "common/status.h"

#include <gtest/gtest.h>

namespace quiver {
namespace {

Result<int> Half(int v) {
  if (v % 2 != 0) return Status::InvalidArgument("odd");
  return v / 2;
}

Status Quarter(int v, int* out) {
  QUIVER_ASSIGN_OR_RETURN(int half, Half(v));
  QUIVER_ASSIGN_OR_RETURN(*out, Half(half));
  return Status::Ok();
}

TEST(StatusTest, OkIsCheapAndHasNoType) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.http_status(), 200);
  EXPECT_EQ(s.type(), "");
}

TEST(StatusTest, CodeDecidesHttpStatusAndDefaultType) {
  EXPECT_EQ(Status::NotFound("x").http_status(), 404);
  EXPECT_EQ(Status::Conflict("x").http_status(), 409);
  EXPECT_EQ(Status::TooLarge("x").http_status(), 413);
  EXPECT_EQ(Status::InvalidArgument("x").type(), "illegal_argument_exception");
}

TEST(StatusTest, BuildersCopyAndDoNotMutateOriginal) {
  Status base = Status::InvalidArgument("bad");
  Status typed = base.WithType("mapper_parsing_exception").WithMeta("index", "i");
  EXPECT_EQ(base.type(), "illegal_argument_exception");
  EXPECT_TRUE(base.metadata().empty());
  EXPECT_EQ(typed.type(), "mapper_parsing_exception");
  ASSERT_EQ(typed.metadata().size(), 1u);
  EXPECT_EQ(typed.metadata()[0].second, "i");
  Status wrapped = typed.WithCause(Status::ParseError("inner"));
  ASSERT_NE(wrapped.caused_by(), nullptr);
  EXPECT_EQ(wrapped.caused_by()->message(), "inner");
  EXPECT_EQ(Status::NotFound("x").WithHttpStatus(400).http_status(), 400);
}

TEST(ResultTest, AssignOrReturnPropagatesErrors) {
  int out = 0;
  EXPECT_TRUE(Quarter(8, &out).ok());
  EXPECT_EQ(out, 2);
  Status s = Quarter(6, &out);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.message(), "odd");
}

}  // namespace
}  // namespace quiver
