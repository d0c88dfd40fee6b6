// Steady-state analysis must not allocate: the indexing hot path analyzes
// ~60k short values per second per core. Counts global operator new calls,
// so it is its own test binary.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "analysis/analysis_registry.h"

namespace {
std::atomic<long> allocations{0};
}  // namespace

void* operator new(std::size_t n) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace quiver::analysis {
namespace {

long AllocationsWhileAnalyzing(const Analyzer& analyzer, std::string_view text, int rounds) {
  size_t tokens = 0;
  for (int i = 0; i < 10; ++i) {
    (void)analyzer.Analyze(text, [&](const Token&) { ++tokens; });  // warm up
  }
  const long before = allocations.load();
  for (int i = 0; i < rounds; ++i) {
    (void)analyzer.Analyze(text, [&](const Token&) { ++tokens; });
  }
  EXPECT_GT(tokens, 0u);
  return allocations.load() - before;
}

TEST(AllocationTest, SteadyStateAnalysisDoesNotAllocate) {
  auto global = AnalysisRegistry::Global();
  const std::string_view text =
      "The 2 QUICK Brown-Foxes jumped over the lazy dog's bone, then ran 3.5 miles home.";
  for (const char* name :
       {"standard", "simple", "whitespace", "keyword", "stop", "english", "french", "german",
        "spanish", "italian", "portuguese", "russian", "greek"}) {
    EXPECT_EQ(AllocationsWhileAnalyzing(*global->FindAnalyzer(name), text, 1000), 0) << name;
  }
}

}  // namespace
}  // namespace quiver::analysis
