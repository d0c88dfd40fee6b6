// MergeSource: the TermSource of a segment merge — the union of several
// segments' inverted indexes for one field, with doc ids remapped and
// deleted docs dropped (Lucene's MappedMultiFields over MergeState). Terms
// come out once each in byte order (a k-way merge of the inputs'
// TermsEnums); a term's postings are its postings in input 0, then input 1,
// ..., each mapped. WriteFieldIndex drops terms left without docs and
// recomputes every statistic. Not thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "common/status.h"
#include "text/field_index_reader.h"
#include "text/postings_iterator.h"
#include "text/term_source.h"
#include "text/terms_enum.h"

namespace quiver::text {

struct MergeInput {
  // The input segment's field; null when the segment lacks the field (its
  // docs still take new ids through doc_map).
  const FieldIndexReader* reader = nullptr;
  // Old doc -> new doc, or -1 when deleted; size = the input's num_docs.
  // New ids increase with old ids, and input i's come before input i+1's.
  std::span<const int32_t> doc_map;
};

class MergeSource final : public TermSource {
 public:
  // Checks the doc maps and gathers the merged norms. `options` is the
  // output's (at most each input's: data an input lacks cannot be made up).
  static Result<std::unique_ptr<MergeSource>> Create(std::vector<MergeInput> inputs,
                                                     uint32_t num_docs, IndexOptions options);

  bool NextTerm() override;
  std::string_view term() const override { return term_; }
  PostingsSource& postings() override { return postings_; }
  std::span<const uint8_t> norms() const override { return norms_; }
  Status status() const override { return status_; }

 private:
  // Postings of the current term across the inputs that have it.
  class MergedPostings final : public PostingsSource {
   public:
    explicit MergedPostings(MergeSource* owner) : owner_(owner) {}
    void Reset() { part_ = -1; }
    uint32_t NextDoc() override;
    uint32_t freq() const override { return it_.freq(); }
    uint32_t NextPosition() override { return it_.NextPosition(); }
    uint32_t start_offset() const override { return it_.start_offset(); }
    uint32_t end_offset() const override { return it_.end_offset(); }

   private:
    MergeSource* owner_;
    int part_ = -1;  // index into owner_->current_
    PostingsIterator it_;
  };

  struct Part {
    size_t input;
    TermState state;
  };

  MergeSource(std::vector<MergeInput> inputs, uint32_t num_docs, IndexOptions options);
  void Push(size_t input);
  bool Less(size_t a, size_t b) const;

  std::vector<MergeInput> inputs_;
  uint32_t num_docs_;
  IndexOptions options_;
  std::vector<TermsEnum> enums_;
  std::vector<size_t> heap_;  // inputs positioned on a term, min-heap by term
  std::vector<Part> current_;
  std::string term_;
  std::vector<uint8_t> norms_;
  MergedPostings postings_;
  Status status_;
};

}  // namespace quiver::text
