#include "text/term_hash.h"

#include <algorithm>
#include <cstring>

#include "common/hash.h"

namespace quiver::text {

TermHash::TermHash() : slots_(1024, 0), mask_(1023) {}

uint32_t TermHash::HashOf(std::string_view term) { return static_cast<uint32_t>(Hash64(term)); }

const char* TermHash::Store(std::string_view term) {
  if (term.empty()) return "";
  if (term.size() > kChunkBytes / 4) {
    // Large terms get their own chunk, inserted before the current one so
    // that the current chunk stays the last.
    auto big = std::make_unique<char[]>(term.size());
    std::memcpy(big.get(), term.data(), term.size());
    const char* p = big.get();
    chunks_.insert(chunks_.end() - (chunks_.empty() ? 0 : 1), std::move(big));
    arena_bytes_ += term.size();
    return p;
  }
  if (chunk_used_ + term.size() > kChunkBytes) {
    chunks_.push_back(std::make_unique<char[]>(kChunkBytes));
    chunk_used_ = 0;
    arena_bytes_ += kChunkBytes;
  }
  char* p = chunks_.back().get() + chunk_used_;
  std::memcpy(p, term.data(), term.size());
  chunk_used_ += term.size();
  return p;
}

uint32_t TermHash::Add(std::string_view term, bool* added) {
  const uint32_t h = HashOf(term);
  uint32_t slot = h & mask_;
  while (true) {
    const uint32_t v = slots_[slot];
    if (v == 0) break;
    const Entry& e = entries_[v - 1];
    if (e.hash == h && e.size == term.size() &&
        (term.empty() || std::memcmp(e.data, term.data(), term.size()) == 0)) {
      *added = false;
      return v - 1;
    }
    slot = (slot + 1) & mask_;
  }
  const uint32_t id = static_cast<uint32_t>(entries_.size());
  entries_.push_back(Entry{Store(term), static_cast<uint32_t>(term.size()), h});
  slots_[slot] = id + 1;
  *added = true;
  if (entries_.size() * 2 > slots_.size()) Grow();
  return id;
}

int64_t TermHash::Find(std::string_view term) const {
  const uint32_t h = HashOf(term);
  uint32_t slot = h & mask_;
  while (true) {
    const uint32_t v = slots_[slot];
    if (v == 0) return -1;
    const Entry& e = entries_[v - 1];
    if (e.hash == h && e.size == term.size() &&
        (term.empty() || std::memcmp(e.data, term.data(), term.size()) == 0)) {
      return v - 1;
    }
    slot = (slot + 1) & mask_;
  }
}

void TermHash::Grow() {
  std::vector<uint32_t> slots(slots_.size() * 2, 0);
  const uint32_t mask = static_cast<uint32_t>(slots.size() - 1);
  for (uint32_t id = 0; id < entries_.size(); ++id) {
    uint32_t slot = entries_[id].hash & mask;
    while (slots[slot] != 0) slot = (slot + 1) & mask;
    slots[slot] = id + 1;
  }
  slots_.swap(slots);
  mask_ = mask;
}

size_t TermHash::ram_bytes() const {
  return arena_bytes_ + entries_.capacity() * sizeof(Entry) + slots_.capacity() * sizeof(uint32_t);
}

std::vector<uint32_t> TermHash::SortedIds() const {
  std::vector<uint32_t> ids(entries_.size());
  for (uint32_t i = 0; i < ids.size(); ++i) ids[i] = i;
  std::sort(ids.begin(), ids.end(), [this](uint32_t a, uint32_t b) {
    const Entry& x = entries_[a];
    const Entry& y = entries_[b];
    const int c = std::memcmp(x.data, y.data, std::min(x.size, y.size));
    return c != 0 ? c < 0 : x.size < y.size;
  });
  return ids;
}

}  // namespace quiver::text
