#include "segment/doc_meta_writer.h"

#include "common/coding.h"

namespace quiver::segment {

std::string DocMetaWriter::Finish() const {
  std::string out;
  out.push_back(1);
  PutVarint64(&out, docs_.size());
  out.resize((out.size() + 7) / 8 * 8, '\0');
  out.reserve(out.size() + docs_.size() * 24);
  for (const auto& d : docs_) PutFixed64(&out, d.seq_no);
  for (const auto& d : docs_) PutFixed64(&out, d.version);
  for (const auto& d : docs_) PutFixed64(&out, d.primary_term);
  return out;
}

}  // namespace quiver::segment
