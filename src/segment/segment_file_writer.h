// SegmentFileWriter: lays out the segment container — header, 64-byte
// aligned components each with a CRC32C, footer and trailer — into a
// ByteSink (memory at refresh, a blob for flush and merge output).
// Components are streamed: BeginComponent, Append*, EndComponent.
// Not thread-safe; one writer per segment being built.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "storage/blob_store.h"

namespace quiver::segment {

// Where segment bytes go.
class ByteSink {
 public:
  virtual ~ByteSink() = default;
  virtual Status Append(std::string_view data) = 0;
};

class StringSink : public ByteSink {
 public:
  explicit StringSink(std::string* out) : out_(out) {}
  Status Append(std::string_view data) override {
    out_->append(data);
    return Status::Ok();
  }

 private:
  std::string* out_;
};

// Buffers appends into 1 MiB writes to a BlobWriter.
class BlobSink : public ByteSink {
 public:
  explicit BlobSink(storage::BlobWriter* writer) : writer_(writer) {}
  Status Append(std::string_view data) override;
  Status Flush();

 private:
  storage::BlobWriter* writer_;
  std::string buffer_;
};

class SegmentFileWriter {
 public:
  SegmentFileWriter(ByteSink* sink, uint64_t segment_id);

  Status BeginComponent(std::string_view name);
  Status Append(std::string_view data);
  Status EndComponent();
  // Shorthand for a component built in memory.
  Status AddComponent(std::string_view name, std::string_view data);
  // Writes footer and trailer. Returns the total size in bytes.
  Result<uint64_t> Finish();

 private:
  Status Write(std::string_view data);
  struct Entry {
    std::string name;
    uint64_t offset;
    uint64_t length;
    uint32_t crc;
  };
  ByteSink* sink_;
  uint64_t pos_ = 0;
  std::vector<Entry> entries_;
  bool in_component_ = false;
  uint32_t crc_ = 0;
  Status status_;
};

}  // namespace quiver::segment
