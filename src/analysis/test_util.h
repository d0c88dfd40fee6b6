// Test helpers: run a tokenizer/analyzer and collect tokens in a comparable form.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "analysis/analyzer.h"

namespace quiver::analysis {

struct TestToken {
  std::string term;
  int32_t position = 0;
  int32_t start = 0;
  int32_t end = 0;
  std::string type;
  int32_t position_length = 1;
  bool operator==(const TestToken& o) const {
    return term == o.term && position == o.position && start == o.start && end == o.end &&
           type == o.type && position_length == o.position_length;
  }
};

inline std::ostream& operator<<(std::ostream& os, const TestToken& t) {
  return os << "{" << t.term << " pos=" << t.position << " [" << t.start << "," << t.end << ") "
            << t.type << " len=" << t.position_length << "}";
}

inline std::vector<TestToken> Collect(const Analyzer& analyzer, std::string_view text) {
  std::vector<TestToken> out;
  Status st = analyzer.Analyze(text, [&](const Token& t) {
    out.push_back(
        {t.term, t.position, t.start_offset, t.end_offset, std::string(t.type), t.position_length});
  });
  if (!st.ok()) out.push_back({"ERROR: " + st.ToString(), -1, -1, -1, "", 1});
  return out;
}

inline std::vector<std::string> Terms(const Analyzer& analyzer, std::string_view text) {
  std::vector<std::string> out;
  for (auto& t : Collect(analyzer, text)) out.push_back(t.term);
  return out;
}

inline std::shared_ptr<const Analyzer> TokenizerOnly(std::shared_ptr<const TokenizerFactory> t) {
  return Analyzer::Create("test", {}, std::move(t), {});
}

}  // namespace quiver::analysis
