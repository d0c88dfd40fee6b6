#include "storage/blob_store.h"

namespace quiver::storage {

Status BlobStore::WriteBlob(std::string_view name, std::string_view data) {
  QUIVER_ASSIGN_OR_RETURN(auto writer, Create(name));
  QUIVER_RETURN_IF_ERROR(writer->Append(data));
  return writer->Close();
}

Status BlobStore::WriteBlobUnsynced(std::string_view name, std::string_view data) {
  QUIVER_ASSIGN_OR_RETURN(auto writer, Create(name));
  QUIVER_RETURN_IF_ERROR(writer->Append(data));
  return writer->CloseUnsynced();
}

}  // namespace quiver::storage
