// WriteFieldIndex: serializes the inverted index of one field from a
// TermSource (the indexing buffer at refresh, or a MergeSource) into the
// bytes of its segment components: `terms/<field>`, `postings/<field>`,
// `positions/<field>` and `norms/<field>` (docs/formats/inverted-index.md).
// Terms that end up with no docs are dropped; field statistics are computed
// from what is written.
#pragma once

#include <cstdint>
#include <string>

#include "common/status.h"
#include "text/index_options.h"
#include "text/term_source.h"

namespace quiver::text {

struct FieldIndexParts {
  std::string terms;
  std::string postings;
  std::string positions;  // empty unless the options index positions
  std::string norms;      // empty when the field has no norms
};

// `num_docs` is the segment's doc count; every doc of the source must be
// below it. `options` may be lower than the source's (extra data is
// dropped). Fails with kInvalidArgument on out-of-order input and with the
// source's status when reading it failed.
Result<FieldIndexParts> WriteFieldIndex(TermSource& source, uint32_t num_docs, IndexOptions options,
                                        bool has_norms);

}  // namespace quiver::text
