// ES Fuzziness: an edit distance 0, 1 or 2, or AUTO[:low,high] (0 edits
// below `low` code points, 1 below `high`, else 2; default AUTO:3,6).
// Immutable value type.
#pragma once

#include <string>
#include <string_view>

#include "common/json.h"
#include "common/status.h"

namespace quiver::query::dsl {

class Fuzziness {
 public:
  static Fuzziness Auto() { return Fuzziness(true, 0, 3, 6); }
  static Fuzziness Edits(int edits) { return Fuzziness(false, edits, 3, 6); }

  // "AUTO", "auto:2,5", "1", 2, "2.0". Errors as ES: illegal_argument_exception
  // "Valid edit distances are [0, 1, 2] but was [3]", "fuzziness needs to be
  // one of 0.0, 1.0 or 2.0 but was 1.5", parse_exception for bad AUTO forms.
  static Result<Fuzziness> Parse(std::string_view text);
  static Result<Fuzziness> FromJson(const json::value& v);

  bool is_auto() const { return auto_; }
  // The edit distance for `term` (AUTO counts Unicode code points).
  int AsDistance(std::string_view term) const;
  std::string ToString() const;

 private:
  Fuzziness(bool is_auto, int edits, int low, int high)
      : auto_(is_auto), edits_(edits), low_(low), high_(high) {}
  bool auto_;
  int edits_;
  int low_;
  int high_;
};

}  // namespace quiver::query::dsl
