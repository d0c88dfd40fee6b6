#include "text/merge_source.h"

#include <algorithm>
#include <cstring>

namespace quiver::text {

namespace {

int CompareBytes(std::string_view a, std::string_view b) {
  const size_t n = std::min(a.size(), b.size());
  const int c = n == 0 ? 0 : std::memcmp(a.data(), b.data(), n);
  if (c != 0) return c;
  return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
}

}  // namespace

Result<std::unique_ptr<MergeSource>> MergeSource::Create(std::vector<MergeInput> inputs,
                                                         uint32_t num_docs, IndexOptions options) {
  int64_t last_new_doc = -1;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const MergeInput& in = inputs[i];
    if (in.reader != nullptr) {
      if (in.doc_map.size() != in.reader->num_docs()) {
        return Status::InvalidArgument("merge: doc map of input " + std::to_string(i) +
                                       " does not cover its docs");
      }
      if (options > in.reader->index_options()) {
        return Status::InvalidArgument("merge: input " + std::to_string(i) +
                                       " indexes less than the output needs");
      }
    }
    for (int32_t new_doc : in.doc_map) {
      if (new_doc < 0) continue;
      if (new_doc <= last_new_doc || static_cast<uint32_t>(new_doc) >= num_docs) {
        return Status::InvalidArgument("merge: doc maps must increase and stay below num_docs");
      }
      last_new_doc = new_doc;
    }
  }
  return std::unique_ptr<MergeSource>(new MergeSource(std::move(inputs), num_docs, options));
}

MergeSource::MergeSource(std::vector<MergeInput> inputs, uint32_t num_docs, IndexOptions options)
    : inputs_(std::move(inputs)), num_docs_(num_docs), options_(options), postings_(this) {
  norms_.assign(num_docs_, 0);
  for (const MergeInput& in : inputs_) {
    if (in.reader == nullptr || !in.reader->has_norms()) continue;
    for (uint32_t d = 0; d < in.doc_map.size(); ++d) {
      if (in.doc_map[d] >= 0) norms_[in.doc_map[d]] = in.reader->norm(d);
    }
  }
  enums_.reserve(inputs_.size());
  for (const MergeInput& in : inputs_) {
    static const TermDictionaryReader kEmpty;
    enums_.emplace_back(in.reader != nullptr ? &in.reader->dictionary() : &kEmpty);
  }
  for (size_t i = 0; i < inputs_.size(); ++i) {
    if (inputs_[i].reader != nullptr) Push(i);
  }
}

bool MergeSource::Less(size_t a, size_t b) const {
  const int c = CompareBytes(enums_[a].term(), enums_[b].term());
  return c != 0 ? c < 0 : a < b;
}

void MergeSource::Push(size_t input) {
  TermsEnum& e = enums_[input];
  if (!e.Next()) {
    if (!e.status().ok() && status_.ok()) status_ = e.status();
    return;
  }
  heap_.push_back(input);
  std::push_heap(heap_.begin(), heap_.end(), [this](size_t a, size_t b) { return Less(b, a); });
}

bool MergeSource::NextTerm() {
  if (!status_.ok() || heap_.empty()) return false;
  auto greater = [this](size_t a, size_t b) { return Less(b, a); };
  current_.clear();
  term_.assign(enums_[heap_.front()].term());
  std::vector<size_t> popped;
  while (!heap_.empty() && enums_[heap_.front()].term() == std::string_view(term_)) {
    std::pop_heap(heap_.begin(), heap_.end(), greater);
    const size_t input = heap_.back();
    heap_.pop_back();
    current_.push_back(Part{input, enums_[input].state()});
    if (!enums_[input].status().ok()) {
      status_ = enums_[input].status();
      return false;
    }
    popped.push_back(input);
  }
  std::sort(current_.begin(), current_.end(),
            [](const Part& a, const Part& b) { return a.input < b.input; });
  for (size_t input : popped) Push(input);
  postings_.Reset();
  return status_.ok();
}

uint32_t MergeSource::MergedPostings::NextDoc() {
  MergeSource& o = *owner_;
  while (true) {
    if (part_ >= 0) {
      const std::span<const int32_t> map = o.inputs_[o.current_[part_].input].doc_map;
      for (uint32_t doc = it_.NextDoc(); doc != kNoMoreDocs; doc = it_.NextDoc()) {
        if (doc < map.size() && map[doc] >= 0) return static_cast<uint32_t>(map[doc]);
      }
      if (!it_.status().ok()) {
        if (o.status_.ok()) o.status_ = it_.status();
        return kNoMoreDocs;
      }
    }
    if (part_ + 1 >= static_cast<int>(o.current_.size())) return kNoMoreDocs;
    ++part_;
    const Part& part = o.current_[part_];
    const Status st = o.inputs_[part.input].reader->OpenPostings(part.state, o.options_, &it_);
    if (!st.ok()) {
      if (o.status_.ok()) o.status_ = st;
      return kNoMoreDocs;
    }
  }
}

}  // namespace quiver::text
