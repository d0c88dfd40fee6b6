#include "text/filtered_terms_enum.h"

#include <gtest/gtest.h>

#include <random>

#include "text/text_test_util.h"

namespace quiver::text {
namespace {

std::vector<std::string> Collect(FilteredTermsEnum& e) {
  std::vector<std::string> out;
  while (e.Next()) out.emplace_back(e.term());
  EXPECT_TRUE(e.status().ok());
  return out;
}

class FilteredTermsEnumTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::CorpusOptions corpus;
    corpus.num_docs = 2000;
    corpus.vocabulary = 4000;
    docs_ = testing::MakeCorpus(17, corpus);
    naive_ = testing::NaiveIndex::Build(docs_, IndexOptions::kFreqs, false);
    built_ = testing::BuildField(docs_, IndexOptions::kFreqs, false);
    for (const auto& [term, postings] : naive_.terms) all_.push_back(term);
  }
  std::vector<testing::Doc> docs_;
  testing::NaiveIndex naive_;
  std::unique_ptr<testing::BuiltField> built_;
  std::vector<std::string> all_;
};

TEST_F(FilteredTermsEnumTest, PrefixMatchesBruteForce) {
  std::vector<std::string> prefixes = {"", "a", "ab", "zz", "\xce", "\xce\xb1", "\xff"};
  for (size_t i = 0; i < all_.size(); i += 37) {
    prefixes.push_back(all_[i].substr(0, 1 + i % 3));
    prefixes.push_back(all_[i]);
  }
  for (const std::string& prefix : prefixes) {
    std::vector<std::string> expected;
    for (const auto& t : all_) {
      if (t.starts_with(prefix)) expected.push_back(t);
    }
    PrefixTermsEnum e(built_->reader, prefix);
    EXPECT_EQ(Collect(e), expected) << prefix;
  }
}

TEST_F(FilteredTermsEnumTest, RangeMatchesBruteForce) {
  std::mt19937 rng(5);
  for (int iter = 0; iter < 300; ++iter) {
    auto pick = [&]() -> std::optional<std::string> {
      const int r = static_cast<int>(rng() % 10);
      if (r == 0) return std::nullopt;
      std::string t = all_[rng() % all_.size()];
      if (r == 1) t += "x";
      if (r == 2 && t.size() > 1) t.pop_back();
      return t;
    };
    const auto lower = pick();
    const auto upper = pick();
    const bool il = rng() % 2, iu = rng() % 2;
    std::vector<std::string> expected;
    for (const auto& t : all_) {
      if (lower && (t < *lower || (t == *lower && !il))) continue;
      if (upper && (t > *upper || (t == *upper && !iu))) continue;
      expected.push_back(t);
    }
    RangeTermsEnum e(built_->reader, lower, upper, il, iu);
    EXPECT_EQ(Collect(e), expected);
  }
}

}  // namespace
}  // namespace quiver::text
