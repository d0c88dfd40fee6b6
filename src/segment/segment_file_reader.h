// SegmentFileReader: opens a segment container over its bytes (an mmap'd or
// in-memory Blob), verifies header, trailer, footer and every component's
// CRC32C, and hands out components by name as views into the blob.
// Immutable after Open; thread-safe.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"
#include "storage/blob_store.h"

namespace quiver::segment {

class SegmentFileReader {
 public:
  static Result<std::unique_ptr<SegmentFileReader>> Open(
      std::shared_ptr<const storage::Blob> blob);

  uint64_t segment_id() const { return segment_id_; }
  bool has(std::string_view name) const { return components_.count(std::string(name)) > 0; }
  // The component's bytes; empty view if absent.
  std::string_view component(std::string_view name) const;
  // Component names, sorted.
  std::vector<std::string> component_names() const;
  uint64_t size_bytes() const { return blob_->size(); }
  // Bytes per component (stats, debugging).
  uint64_t component_size(std::string_view name) const { return component(name).size(); }

 private:
  explicit SegmentFileReader(std::shared_ptr<const storage::Blob> blob)
      : blob_(std::move(blob)) {}
  std::shared_ptr<const storage::Blob> blob_;
  uint64_t segment_id_ = 0;
  std::map<std::string, std::string_view, std::less<>> components_;
};

}  // namespace quiver::segment
