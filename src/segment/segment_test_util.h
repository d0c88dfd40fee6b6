// Helpers shared by the segment tests.
#pragma once

#include <memory>
#include <string>

#include "storage/blob_store.h"

namespace quiver::segment {

class StringBlob : public storage::Blob {
 public:
  explicit StringBlob(std::string data) : data_(std::move(data)) {}
  std::string_view data() const override { return data_; }

 private:
  std::string data_;
};

inline std::shared_ptr<const storage::Blob> MakeBlob(std::string data) {
  return std::make_shared<StringBlob>(std::move(data));
}

}  // namespace quiver::segment
