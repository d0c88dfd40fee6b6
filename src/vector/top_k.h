// Bounded max-heap keeping the k smallest (distance, id) pairs, and the
// min-heap used as HNSW's candidate queue. Header-only; not thread-safe (one
// per search).
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

namespace quiver::vector {

struct DistId {
  float distance;
  uint32_t id;
};

inline bool operator<(const DistId& a, const DistId& b) {
  return a.distance < b.distance || (a.distance == b.distance && a.id < b.id);
}

// Keeps the `capacity` smallest entries; Worst() is the admission bound.
class TopK {
 public:
  explicit TopK(size_t capacity = 0) : capacity_(capacity) { heap_.reserve(capacity + 1); }
  void Reset(size_t capacity) {
    capacity_ = capacity;
    heap_.clear();
    heap_.reserve(capacity + 1);
  }
  size_t size() const { return heap_.size(); }
  bool full() const { return heap_.size() >= capacity_; }
  // Entries with distance ≥ Bound() cannot enter.
  float Bound() const {
    return full() ? heap_.front().distance : std::numeric_limits<float>::infinity();
  }
  // Returns true when (d, id) was kept.
  bool Push(float d, uint32_t id) {
    if (capacity_ == 0) return false;
    if (full()) {
      if (!(DistId{d, id} < heap_.front())) return false;
      std::pop_heap(heap_.begin(), heap_.end());
      heap_.back() = DistId{d, id};
    } else {
      heap_.push_back(DistId{d, id});
    }
    std::push_heap(heap_.begin(), heap_.end());
    return true;
  }
  void PopWorst() {
    std::pop_heap(heap_.begin(), heap_.end());
    heap_.pop_back();
  }
  const DistId& Worst() const { return heap_.front(); }
  // Ascending order; the heap is consumed.
  std::vector<DistId> TakeSorted() {
    std::sort_heap(heap_.begin(), heap_.end());
    return std::move(heap_);
  }
  // TakeSorted() into *out, keeping out's old buffer for the next use.
  void TakeSortedInto(std::vector<DistId>* out) {
    std::sort_heap(heap_.begin(), heap_.end());
    out->swap(heap_);
    heap_.clear();
  }
  const std::vector<DistId>& entries() const { return heap_; }

 private:
  size_t capacity_;
  std::vector<DistId> heap_;
};

// Min-heap on distance (closest first).
class CandidateQueue {
 public:
  void Clear() { heap_.clear(); }
  bool empty() const { return heap_.empty(); }
  void Push(float d, uint32_t id) {
    heap_.push_back(DistId{d, id});
    std::push_heap(heap_.begin(), heap_.end(), Greater);
  }
  const DistId& Top() const { return heap_.front(); }
  void Pop() {
    std::pop_heap(heap_.begin(), heap_.end(), Greater);
    heap_.pop_back();
  }

 private:
  static bool Greater(const DistId& a, const DistId& b) { return b < a; }
  std::vector<DistId> heap_;
};

}  // namespace quiver::vector
