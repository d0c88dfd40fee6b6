#include "text/field_index_reader.h"

#include "text/postings_format.h"
#include "text/varint_decoding.h"

namespace quiver::text {

namespace {

Status CheckHeader(std::string_view data, size_t header_bytes, uint8_t version,
                   IndexOptions options, const char* name) {
  if (data.size() < header_bytes) {
    return Status::Corruption(std::string(name) + ": truncated header");
  }
  if (static_cast<uint8_t>(data[0]) != version) {
    return Status::Corruption(std::string(name) + ": unknown version");
  }
  if (static_cast<uint8_t>(data[1]) != static_cast<uint8_t>(options)) {
    return Status::Corruption(std::string(name) + ": index options differ from the terms'");
  }
  return Status::Ok();
}

}  // namespace

Result<FieldIndexReader> FieldIndexReader::Open(const FieldIndexComponents& components) {
  FieldIndexReader r;
  QUIVER_ASSIGN_OR_RETURN(r.dict_, TermDictionaryReader::Open(components.terms));
  QUIVER_RETURN_IF_ERROR(CheckHeader(components.postings, kPostingsHeaderBytes, kPostingsVersion,
                                     r.dict_.index_options(), "postings"));
  r.postings_ = components.postings;
  if (HasPositions(r.dict_.index_options())) {
    QUIVER_RETURN_IF_ERROR(CheckHeader(components.positions, kPositionsHeaderBytes,
                                       kPositionsVersion, r.dict_.index_options(), "positions"));
    r.positions_ = components.positions;
  }
  if (r.dict_.has_norms()) {
    QUIVER_ASSIGN_OR_RETURN(r.norms_, NormsReader::Open(components.norms, r.dict_.num_docs()));
  } else {
    QUIVER_ASSIGN_OR_RETURN(r.norms_, NormsReader::Open({}, r.dict_.num_docs()));
  }
  return r;
}

FieldStats FieldIndexReader::stats() const {
  FieldStats s;
  s.num_docs = dict_.num_docs();
  s.doc_count = dict_.doc_count();
  s.num_terms = dict_.num_terms();
  s.sum_doc_freq = dict_.sum_doc_freq();
  s.sum_total_term_freq = dict_.sum_total_term_freq();
  return s;
}

PostingsData FieldIndexReader::postings_data() const {
  PostingsData d;
  d.postings = reinterpret_cast<const uint8_t*>(postings_.data());
  d.postings_size = postings_.size();
  d.positions = reinterpret_cast<const uint8_t*>(positions_.data());
  d.positions_size = positions_.size();
  d.norms = &norms_;
  d.field_options = dict_.index_options();
  d.has_norms = dict_.has_norms();
  d.num_docs = dict_.num_docs();
  return d;
}

Result<std::unique_ptr<PostingsIterator>> FieldIndexReader::Postings(const TermState& term,
                                                                     IndexOptions features) const {
  auto it = std::make_unique<PostingsIterator>();
  QUIVER_RETURN_IF_ERROR(it->Reset(postings_data(), term, features));
  return it;
}

Status FieldIndexReader::TermImpacts(const TermState& term, std::vector<Impact>* out) const {
  out->clear();
  const IndexOptions options = dict_.index_options();
  if (term.doc_freq == 1) {
    Impact impact;
    impact.freq = HasFreqs(options)
                      ? static_cast<uint32_t>(std::min<uint64_t>(term.total_term_freq, 0xffffffffu))
                      : 1;
    impact.norm = dict_.has_norms() ? norms_.norm(term.singleton_doc) : 1;
    out->push_back(impact);
    return Status::Ok();
  }
  const auto* base = reinterpret_cast<const uint8_t*>(postings_.data());
  const uint8_t* end = base + postings_.size();
  if (term.doc_offset < kPostingsHeaderBytes || term.doc_offset >= postings_.size()) {
    return Status::Corruption("postings: bad postings offset");
  }
  const uint8_t* p = base + term.doc_offset;
  if (term.doc_freq < static_cast<uint32_t>(kBlockSize)) {
    uint32_t last_doc;
    p = ReadVarint32(p, end, &last_doc);
  } else {
    const uint64_t num_blocks = (uint64_t{term.doc_freq} + kBlockSize - 1) / kBlockSize;
    const uint64_t skip_bytes = (HasPositions(options) ? 16 : 8) * num_blocks;
    p = skip_bytes <= static_cast<uint64_t>(end - p) ? p + skip_bytes : nullptr;
  }
  uint32_t len = 0;
  if (p != nullptr) p = ReadVarint32(p, end, &len);
  Impact pairs[kMaxImpacts];
  size_t n = 0;
  if (p == nullptr || len > static_cast<size_t>(end - p) ||
      DecodeImpacts(p, p + len, pairs, &n) == nullptr) {
    return Status::Corruption("postings: bad term impacts");
  }
  out->assign(pairs, pairs + n);
  return Status::Ok();
}

}  // namespace quiver::text
