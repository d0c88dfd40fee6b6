// AnalysisOptions: the index-level settings (outside `index.analysis`) that
// bound analysis components and the _analyze API, with ES's defaults.
#pragma once

namespace quiver::analysis {

struct AnalysisOptions {
  int max_ngram_diff = 1;       // index.max_ngram_diff
  int max_shingle_diff = 3;     // index.max_shingle_diff
  int max_token_count = 10000;  // index.analyze.max_token_count
};

}  // namespace quiver::analysis
