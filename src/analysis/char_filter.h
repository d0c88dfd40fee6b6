// CharFilter: rewrites the text before tokenization (Lucene CharFilter) and
// records how offsets moved so token offsets still point into the original.
// A CharFilter is immutable configuration: Filter() is const and safe to call
// from many threads at once.
#pragma once

#include <string>
#include <string_view>

#include "analysis/offset_map.h"
#include "common/status.h"

namespace quiver::analysis {

class CharFilter {
 public:
  explicit CharFilter(std::string name) : name_(std::move(name)) {}
  virtual ~CharFilter() = default;

  // The name _analyze's explain output shows.
  const std::string& name() const { return name_; }

  // Writes the filtered text to *out and the offset corrections (filtered ->
  // input) to *map; both are cleared first. Fails only when a bounded
  // operation (regex matching) runs out of budget.
  virtual Status Filter(std::string_view in, std::string* out, OffsetMap* map) const = 0;

  // True if the filter may be used in a normalizer (ES NormalizingCharFilterFactory).
  virtual bool normalizing() const { return false; }

 private:
  std::string name_;
};

}  // namespace quiver::analysis
