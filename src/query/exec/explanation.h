// Explanation: the score breakdown `explain` returns, in Lucene's shape
// ({value, description, details[]}). A plain value type.
#pragma once

#include <string>
#include <vector>

#include "common/json_writer.h"

namespace quiver::query {

struct Explanation {
  bool match = true;
  float value = 0;
  std::string description;
  std::vector<Explanation> details;

  static Explanation Match(float value, std::string description,
                           std::vector<Explanation> details = {}) {
    return Explanation{true, value, std::move(description), std::move(details)};
  }
  static Explanation NoMatch(std::string description, std::vector<Explanation> details = {}) {
    return Explanation{false, 0, std::move(description), std::move(details)};
  }

  void WriteJson(JsonWriter* w) const;
};

}  // namespace quiver::query
