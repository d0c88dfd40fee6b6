// Visited marks for graph search with a generation counter, so a search
// clears the set in O(1) (hnswlib's VisitedList does the same). One instance
// per thread: ThreadLocalVisitedSet() hands out a thread_local one that grows
// to the largest index searched on that thread.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>

namespace quiver::vector {

class VisitedSet {
 public:
  // Prepares for a search over ids [0, n).
  void Reset(uint32_t n) {
    if (n > capacity_) {
      capacity_ = n;
      marks_.reset(new uint16_t[n]);
      std::memset(marks_.get(), 0, sizeof(uint16_t) * n);
      generation_ = 0;
    }
    if (++generation_ == 0) {
      std::memset(marks_.get(), 0, sizeof(uint16_t) * capacity_);
      generation_ = 1;
    }
  }
  bool Visited(uint32_t id) const { return marks_[id] == generation_; }
  // Returns true when id was not yet visited.
  bool Insert(uint32_t id) {
    if (marks_[id] == generation_) return false;
    marks_[id] = generation_;
    return true;
  }
  void Prefetch(uint32_t id) const { __builtin_prefetch(marks_.get() + id, 0, 3); }

 private:
  std::unique_ptr<uint16_t[]> marks_;
  uint32_t capacity_ = 0;
  uint16_t generation_ = 0;
};

inline VisitedSet& ThreadLocalVisitedSet() {
  thread_local VisitedSet set;
  return set;
}

}  // namespace quiver::vector
