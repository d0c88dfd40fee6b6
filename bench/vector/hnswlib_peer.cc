// hnswlib 0.6.2 (Debian libhnswlib-dev) behind AnnPeer.
#include <hnswlib/hnswlib.h>

#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>

#include "ann_peer.h"

namespace quiver::bench {
namespace {

class HnswlibPeer final : public AnnPeer {
 public:
  HnswlibPeer(size_t dims, bool inner_product, int m, int ef_construction, size_t max_elements) {
    if (inner_product) {
      space_ = std::make_unique<hnswlib::InnerProductSpace>(dims);
    } else {
      space_ = std::make_unique<hnswlib::L2Space>(dims);
    }
    index_ = std::make_unique<hnswlib::HierarchicalNSW<float>>(space_.get(), max_elements, m,
                                                               ef_construction, 100);
  }
  void Build(const float* data, size_t n, int num_threads) override {
    const size_t dims = *static_cast<size_t*>(space_->get_dist_func_param());
    if (num_threads <= 1) {
      for (size_t i = 0; i < n; ++i) index_->addPoint(data + i * dims, i);
      return;
    }
    std::atomic<size_t> next{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < num_threads; ++t) {
      threads.emplace_back([&] {
        for (size_t i = next++; i < n; i = next++) index_->addPoint(data + i * dims, i);
      });
    }
    for (auto& t : threads) t.join();
  }
  bool Save(const std::string& path) override {
    index_->saveIndex(path);
    return true;
  }
  bool Load(const std::string& path) override {
    FILE* f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) return false;
    std::fclose(f);
    index_ = std::make_unique<hnswlib::HierarchicalNSW<float>>(space_.get(), path);
    return true;
  }
  void SetSearchParam(int value) override { index_->setEf(value); }
  void Search(const float* query, int k, int64_t* labels) override {
    auto result = index_->searchKnn(query, k);
    for (int i = static_cast<int>(result.size()) - 1; i >= 0; --i) {
      labels[i] = static_cast<int64_t>(result.top().second);
      result.pop();
    }
  }
  size_t MemoryBytes() const override {
    size_t bytes = index_->cur_element_count * index_->size_data_per_element_;
    for (size_t i = 0; i < index_->cur_element_count; ++i) {
      if (index_->element_levels_[i] > 0) {
        bytes += index_->size_links_per_element_ * index_->element_levels_[i];
      }
    }
    return bytes;
  }

 private:
  std::unique_ptr<hnswlib::SpaceInterface<float>> space_;
  std::unique_ptr<hnswlib::HierarchicalNSW<float>> index_;
};

}  // namespace

std::unique_ptr<AnnPeer> MakeHnswlibPeer(size_t dims, bool inner_product, int m,
                                         int ef_construction, size_t max_elements) {
  return std::make_unique<HnswlibPeer>(dims, inner_product, m, ef_construction, max_elements);
}

}  // namespace quiver::bench
