// Exact (brute-force) scoring shared by every index: scanning a contiguous
// ordinal range (flat index, IVF lists, filtered fallbacks) and turning
// candidate ordinals into final results (rescoring quantized candidates with
// the float vectors). Stateless; thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "vector/doc_filter.h"
#include "vector/search_types.h"
#include "vector/top_k.h"
#include "vector/vector_store.h"

namespace quiver::vector {

// How many candidates a search should collect before Finish(): k, or
// ceil(k × oversample) for quantized stores that rescore.
uint32_t CandidateCount(const VectorStore& store, const SearchParams& params);

// Pushes (distance, ordinal) of every accepted ordinal in [begin, end) into
// `top`. Quantized stores use code distances.
void ScanRange(const VectorStore& store, const PreparedQuery& query, uint32_t begin, uint32_t end,
               const DocFilter* filter, TopK* top);

// Final top-k docs from candidate ordinals: rescored with float vectors when
// the store is quantized and params.rescore, then sorted and mapped to docs.
std::vector<ScoredDoc> FinishSearch(const VectorStore& store, const PreparedQuery& query,
                                    std::vector<DistId> candidates, const SearchParams& params);

// Exact search over the whole store.
std::vector<ScoredDoc> ExactSearch(const VectorStore& store, const PreparedQuery& query,
                                   const SearchParams& params, const DocFilter* filter);

}  // namespace quiver::vector
