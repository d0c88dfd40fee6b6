#include "storage/local_blob_store.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

namespace quiver::storage {
namespace fs = std::filesystem;

namespace {

Status ErrnoStatus(const std::string& what, const fs::path& path, int err) {
  return Status::IoError(what + " [" + path.string() + "]: " + std::strerror(err));
}

Status SyncDirectory(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus("open directory", dir, errno);
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  if (rc != 0) return ErrnoStatus("fsync directory", dir, err);
  return Status::Ok();
}

// Creates `dir` and any missing parents, fsyncing each parent whose entries
// changed so the new directories survive a crash.
Status CreateDirectories(const fs::path& dir) {
  if (fs::exists(dir)) return Status::Ok();
  QUIVER_RETURN_IF_ERROR(CreateDirectories(dir.parent_path()));
  if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
    return ErrnoStatus("mkdir", dir, errno);
  }
  return SyncDirectory(dir.parent_path());
}

class HeapBlob : public Blob {
 public:
  explicit HeapBlob(std::string data) : data_(std::move(data)) {}
  std::string_view data() const override { return data_; }

 private:
  std::string data_;
};

class MappedBlob : public Blob {
 public:
  MappedBlob(void* addr, size_t size) : addr_(addr), size_(size) {}
  ~MappedBlob() override { ::munmap(addr_, size_); }
  std::string_view data() const override {
    return std::string_view(static_cast<const char*>(addr_), size_);
  }

 private:
  void* addr_;
  size_t size_;
};

class LocalBlobWriter : public BlobWriter {
 public:
  LocalBlobWriter(int fd, fs::path path, uint64_t size, bool new_entry)
      : fd_(fd), path_(std::move(path)), size_(size), dir_synced_(!new_entry) {}
  ~LocalBlobWriter() override {
    if (fd_ >= 0) ::close(fd_);
  }

  Status Append(std::string_view data) override {
    if (fd_ < 0) return Status::IoError("append to closed blob [" + path_.string() + "]");
    const char* p = data.data();
    size_t left = data.size();
    while (left > 0) {
      ssize_t n = ::write(fd_, p, left);
      if (n < 0) {
        if (errno == EINTR) continue;
        return ErrnoStatus("write", path_, errno);
      }
      p += n;
      left -= static_cast<size_t>(n);
    }
    size_ += data.size();
    return Status::Ok();
  }

  Status Sync() override {
    if (fd_ < 0) return Status::IoError("sync of closed blob [" + path_.string() + "]");
    if (::fdatasync(fd_) != 0) return ErrnoStatus("fdatasync", path_, errno);
    if (!dir_synced_) {
      QUIVER_RETURN_IF_ERROR(SyncDirectory(path_.parent_path()));
      dir_synced_ = true;
    }
    return Status::Ok();
  }

  Status Close() override {
    if (fd_ < 0) return Status::Ok();
    Status s = Sync();
    ::close(fd_);
    fd_ = -1;
    return s;
  }

  Status CloseUnsynced() override {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    return Status::Ok();
  }

  uint64_t size() const override { return size_; }

 private:
  int fd_;
  fs::path path_;
  uint64_t size_;
  bool dir_synced_;
};

}  // namespace

Result<std::unique_ptr<LocalBlobStore>> LocalBlobStore::OpenRoot(const fs::path& root) {
  std::error_code ec;
  fs::path abs = fs::absolute(root, ec);
  if (ec) return Status::IoError("bad data path [" + root.string() + "]: " + ec.message());
  QUIVER_RETURN_IF_ERROR(CreateDirectories(abs));
  return std::unique_ptr<LocalBlobStore>(new LocalBlobStore(abs));
}

Result<fs::path> LocalBlobStore::PathFor(std::string_view name) const {
  if (name.empty() || name.front() == '/' || name.find("..") != std::string_view::npos ||
      name.find('\0') != std::string_view::npos) {
    return Status::InvalidArgument("invalid blob name [" + std::string(name) + "]");
  }
  return root_ / fs::path(std::string(name));
}

Result<std::unique_ptr<BlobWriter>> LocalBlobStore::OpenWriter(std::string_view name,
                                                               bool truncate) {
  QUIVER_ASSIGN_OR_RETURN(fs::path path, PathFor(name));
  QUIVER_RETURN_IF_ERROR(CreateDirectories(path.parent_path()));
  bool existed = fs::exists(path);
  int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (truncate ? O_TRUNC : O_APPEND);
  int fd = ::open(path.c_str(), flags, 0644);
  if (fd < 0) return ErrnoStatus("open for write", path, errno);
  uint64_t size = 0;
  if (!truncate) {
    struct stat st;
    if (::fstat(fd, &st) != 0) {
      int err = errno;
      ::close(fd);
      return ErrnoStatus("fstat", path, err);
    }
    size = static_cast<uint64_t>(st.st_size);
  }
  return std::unique_ptr<BlobWriter>(new LocalBlobWriter(fd, path, size, !existed));
}

Result<std::unique_ptr<BlobWriter>> LocalBlobStore::Create(std::string_view name) {
  return OpenWriter(name, /*truncate=*/true);
}

Result<std::unique_ptr<BlobWriter>> LocalBlobStore::OpenForAppend(std::string_view name) {
  return OpenWriter(name, /*truncate=*/false);
}

Result<std::shared_ptr<const Blob>> LocalBlobStore::Open(std::string_view name) {
  QUIVER_ASSIGN_OR_RETURN(fs::path path, PathFor(name));
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return Status::NotFound("blob [" + std::string(name) + "] not found");
    return ErrnoStatus("open", path, errno);
  }
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return ErrnoStatus("fstat", path, err);
  }
  size_t size = static_cast<size_t>(st.st_size);
  if (size == 0) {
    ::close(fd);
    return std::shared_ptr<const Blob>(std::make_shared<HeapBlob>(std::string()));
  }
  void* addr = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
  int err = errno;
  ::close(fd);
  if (addr == MAP_FAILED) return ErrnoStatus("mmap", path, err);
  return std::shared_ptr<const Blob>(std::make_shared<MappedBlob>(addr, size));
}

Result<std::vector<std::string>> LocalBlobStore::List(std::string_view prefix) {
  // The prefix's directory part selects where to look; its last part filters names.
  std::string prefix_str(prefix);
  size_t slash = prefix_str.rfind('/');
  fs::path dir = slash == std::string::npos ? root_ : root_ / prefix_str.substr(0, slash);
  std::vector<std::string> names;
  std::error_code ec;
  if (!fs::exists(dir, ec)) return names;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    std::string rel = fs::relative(it->path(), root_, ec).generic_string();
    if (rel.compare(0, prefix_str.size(), prefix_str) == 0) names.push_back(std::move(rel));
  }
  if (ec) return Status::IoError("list [" + dir.string() + "]: " + ec.message());
  std::sort(names.begin(), names.end());
  return names;
}

Status LocalBlobStore::Delete(std::string_view name) {
  QUIVER_ASSIGN_OR_RETURN(fs::path path, PathFor(name));
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) return ErrnoStatus("unlink", path, errno);
  return Status::Ok();
}

Status LocalBlobStore::DeletePrefix(std::string_view prefix) {
  std::string prefix_str(prefix);
  if (!prefix_str.empty() && prefix_str.back() == '/') {
    // A whole directory: remove it recursively.
    QUIVER_ASSIGN_OR_RETURN(fs::path dir, PathFor(prefix_str.substr(0, prefix_str.size() - 1)));
    std::error_code ec;
    if (!fs::exists(dir, ec)) return Status::Ok();
    fs::remove_all(dir, ec);
    if (ec) return Status::IoError("remove [" + dir.string() + "]: " + ec.message());
    return SyncDirectory(dir.parent_path());
  }
  QUIVER_ASSIGN_OR_RETURN(auto names, List(prefix));
  for (const auto& n : names) QUIVER_RETURN_IF_ERROR(Delete(n));
  return Status::Ok();
}

Status LocalBlobStore::SyncBlob(std::string_view name) {
  QUIVER_ASSIGN_OR_RETURN(fs::path path, PathFor(name));
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus("open for sync", path, errno);
  int rc = ::fdatasync(fd);
  int err = errno;
  ::close(fd);
  if (rc != 0) return ErrnoStatus("fdatasync", path, err);
  return SyncDirectory(path.parent_path());
}

Status LocalBlobStore::Truncate(std::string_view name, uint64_t size) {
  QUIVER_ASSIGN_OR_RETURN(fs::path path, PathFor(name));
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus("open for truncate", path, errno);
  int rc = ::ftruncate(fd, static_cast<off_t>(size));
  if (rc == 0) rc = ::fdatasync(fd);
  int err = errno;
  ::close(fd);
  if (rc != 0) return ErrnoStatus("truncate", path, err);
  return Status::Ok();
}

Result<uint64_t> LocalBlobStore::SizeOfPrefix(std::string_view prefix) {
  QUIVER_ASSIGN_OR_RETURN(auto names, List(prefix));
  uint64_t total = 0;
  for (const auto& n : names) {
    std::error_code ec;
    auto sz = fs::file_size(root_ / n, ec);
    if (!ec) total += sz;
  }
  return total;
}

Result<std::unique_ptr<DirectoryLock>> DirectoryLock::Acquire(const fs::path& path) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return ErrnoStatus("open lock file", path, errno);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return Status::Unavailable("data directory [" + path.parent_path().string() +
                               "] is locked by another Quiver process");
  }
  return std::unique_ptr<DirectoryLock>(new DirectoryLock(fd));
}

DirectoryLock::~DirectoryLock() {
  ::flock(fd_, LOCK_UN);
  ::close(fd_);
}

}  // namespace quiver::storage
