#include "vector/hnsw_serializer.h"

#include <algorithm>

#include "common/coding.h"
#include "vector/hnsw_graph.h"
#include "vector/hnsw_search.h"

namespace quiver::vector {
namespace {

// BFS order over level 0 from the entry point; unreachable nodes last.
std::vector<uint32_t> BfsOrder(const HnswBuilder& graph) {
  const uint32_t n = graph.size();
  std::vector<uint32_t> order;
  order.reserve(n);
  std::vector<bool> seen(n, false);
  uint32_t scratch[hnsw::kMaxDegree];
  auto bfs = [&](uint32_t root) {
    size_t head = order.size();
    order.push_back(root);
    seen[root] = true;
    while (head < order.size()) {
      uint32_t node = order[head++];
      const uint32_t* ids;
      uint32_t count = graph.Neighbors(node, 0, scratch, &ids);
      for (uint32_t i = 0; i < count; ++i) {
        if (!seen[ids[i]]) {
          seen[ids[i]] = true;
          order.push_back(ids[i]);
        }
      }
    }
  };
  if (graph.entry_point() != HnswBuilder::kNone) bfs(graph.entry_point());
  for (uint32_t i = 0; i < n; ++i) {
    if (!seen[i]) bfs(i);
  }
  return order;
}

class BitWriter {
 public:
  void Put(uint32_t value, uint32_t width) {
    for (uint32_t done = 0; done < width;) {
      uint32_t word = static_cast<uint32_t>(bits_ >> 5);
      uint32_t offset = static_cast<uint32_t>(bits_ & 31);
      if (word >= words_.size()) words_.push_back(0);
      uint32_t take = std::min(width - done, 32 - offset);
      uint32_t chunk =
          static_cast<uint32_t>((uint64_t{value} >> done) & ((uint64_t{1} << take) - 1));
      words_[word] |= chunk << offset;
      done += take;
      bits_ += take;
    }
  }
  uint64_t bits() const { return bits_; }
  std::vector<uint32_t> Finish() {
    words_.resize((bits_ + 31) / 32 + 2, 0);
    return std::move(words_);
  }

 private:
  std::vector<uint32_t> words_;
  uint64_t bits_ = 0;
};

}  // namespace

std::string SerializeHnswIndex(const HnswBuilder& graph, StoredVectorsWriter* vectors,
                               const HnswSerializeOptions& options) {
  const uint32_t n = graph.size();
  const uint32_t m = graph.m();
  const uint32_t m0 = graph.m0();
  std::vector<uint32_t> new_to_old(n), old_to_new(n);
  if (options.reorder) {
    new_to_old = BfsOrder(graph);
  } else {
    for (uint32_t i = 0; i < n; ++i) new_to_old[i] = i;
  }
  for (uint32_t i = 0; i < n; ++i) old_to_new[new_to_old[i]] = i;

  format::Level0Encoding encoding = options.encoding.value_or(
      vectors->quantized() ? format::Level0Encoding::kPacked : format::Level0Encoding::kFixed);
  if (m0 > 255) encoding = format::Level0Encoding::kFixed;

  std::vector<uint8_t> levels(n);
  std::vector<uint32_t> level0;
  std::vector<uint64_t> level0_offsets;
  std::vector<uint32_t> upper_offsets(n + 1, 0);
  std::vector<uint32_t> upper;
  uint32_t scratch[hnsw::kMaxDegree];
  std::vector<uint32_t> ids;
  BitWriter bits;
  const uint32_t id_bits = BitWidth(n > 0 ? n - 1 : 0);
  if (encoding == format::Level0Encoding::kFixed) level0.assign(size_t{n} * (m0 + 1), 0);
  for (uint32_t i = 0; i < n; ++i) {
    uint32_t old = new_to_old[i];
    int node_level = graph.level(old);
    levels[i] = static_cast<uint8_t>(node_level);
    for (int level = 0; level <= node_level; ++level) {
      const uint32_t* links;
      uint32_t count = graph.Neighbors(old, level, scratch, &links);
      ids.assign(links, links + count);
      for (uint32_t& id : ids) id = old_to_new[id];
      if (level == 0) {
        if (encoding == format::Level0Encoding::kFixed) {
          uint32_t* list = &level0[size_t{i} * (m0 + 1)];
          list[0] = count;
          std::copy(ids.begin(), ids.end(), list + 1);
        } else {
          std::sort(ids.begin(), ids.end());
          uint32_t max_delta = 0;
          for (size_t j = 1; j < ids.size(); ++j)
            max_delta = std::max(max_delta, ids[j] - ids[j - 1]);
          uint32_t width = BitWidth(max_delta);
          level0_offsets.push_back(bits.bits());
          bits.Put(count, 8);
          bits.Put(width - 1, 5);
          if (count > 0) bits.Put(ids[0], id_bits);
          for (size_t j = 1; j < ids.size(); ++j) bits.Put(ids[j] - ids[j - 1], width);
        }
      } else {
        upper.push_back(count);
        upper.insert(upper.end(), ids.begin(), ids.end());
        upper.resize(upper.size() + (m - count), 0);
      }
    }
    upper_offsets[i + 1] = static_cast<uint32_t>(upper.size());
  }
  if (encoding == format::Level0Encoding::kPacked) {
    level0_offsets.push_back(bits.bits());
    level0 = bits.Finish();
  }
  vectors->Permute(new_to_old);

  IndexType type = vectors->quantized() ? IndexType::kInt8Hnsw : IndexType::kHnsw;
  IndexFileWriter w(type, vectors->metric(), vectors->dims(), n);
  std::string params = vectors->CommonParams();
  PutFixed32(&params, m);
  PutFixed32(&params, graph.options().ef_construction);
  PutFixed32(&params, graph.entry_point() == HnswBuilder::kNone ? HnswBuilder::kNone
                                                                : old_to_new[graph.entry_point()]);
  PutFixed32(&params, static_cast<uint32_t>(std::max(graph.max_level(), 0)));
  PutFixed32(&params, static_cast<uint32_t>(encoding));
  PutFixed32(&params, 0);
  w.SetParams(std::move(params));
  vectors->AddSections(&w);
  w.AddArray(format::kHnswLevels, levels);
  w.AddArray(format::kHnswLevel0, level0);
  if (encoding == format::Level0Encoding::kPacked) {
    w.AddArray(format::kHnswLevel0Offsets, level0_offsets);
  }
  w.AddArray(format::kHnswUpperOffsets, upper_offsets);
  w.AddArray(format::kHnswUpper, upper);
  return w.Finish();
}

}  // namespace quiver::vector
