// Visited marks for graph search: a bitset (1 bit per node, so a 1M-node
// graph's marks fit in L2, where hnswlib's 16-bit tags take 2 MB) cleared
// lazily by remembering the words a search dirtied, so Reset costs
// O(nodes visited), not O(n). One instance per thread:
// ThreadLocalVisitedSet() hands out a thread_local one that grows to the
// largest index searched on that thread.
#pragma once

#include <cstdint>
#include <vector>

namespace quiver::vector {

class VisitedSet {
 public:
  // Prepares for a search over ids [0, n).
  void Reset(uint32_t n) {
    for (uint32_t w : dirty_) words_[w] = 0;
    dirty_.clear();
    size_t words = (size_t{n} + 63) / 64;
    if (words > words_.size()) words_.resize(words, 0);
  }
  bool Visited(uint32_t id) const { return (words_[id >> 6] >> (id & 63)) & 1u; }
  // Returns true when id was not yet visited.
  bool Insert(uint32_t id) {
    uint64_t& w = words_[id >> 6];
    const uint64_t bit = uint64_t{1} << (id & 63);
    if (w & bit) return false;
    if (w == 0) dirty_.push_back(id >> 6);
    w |= bit;
    return true;
  }
  void Prefetch(uint32_t id) const { __builtin_prefetch(&words_[id >> 6], 0, 3); }

 private:
  std::vector<uint64_t> words_;
  std::vector<uint32_t> dirty_;
};

inline VisitedSet& ThreadLocalVisitedSet() {
  thread_local VisitedSet set;
  return set;
}

}  // namespace quiver::vector
