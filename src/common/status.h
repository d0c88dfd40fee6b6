// Status and Result<T>: how every layer below the API adapters reports errors.
//
// A Status is OK or carries a code (which decides the HTTP status), a message,
// and optionally the Elasticsearch exception type name and metadata the ES
// error body shows (index, shard, ...). The core names the ES type where it
// implements ES semantics (e.g. "mapper_parsing_exception"); api/es/errors.cc
// is the one place that renders a Status as an ES error body.
//
// Status is cheap to copy (one shared pointer) and immutable; safe to share
// across threads.
#pragma once

#include <cassert>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace quiver {

enum class StatusCode : unsigned char {
  kOk = 0,
  kInvalidArgument,   // 400 illegal_argument_exception
  kParseError,        // 400 parsing_exception
  kNotFound,          // 404 resource_not_found_exception
  kAlreadyExists,     // 400 resource_already_exists_exception
  kConflict,          // 409 version_conflict_engine_exception
  kCorruption,        // 500 corrupt_index_exception
  kIoError,           // 500 io_exception
  kUnsupported,       // 400 illegal_argument_exception ("not supported")
  kTooLarge,          // 413 content_too_long_exception
  kTimeout,           // 408 timeout
  kRejected,          // 429 es_rejected_execution_exception
  kMethodNotAllowed,  // 405
  kUnavailable,       // 503 (closed index, shutting down)
  kInternal,          // 500
};

// HTTP status code for a StatusCode.
int HttpStatusFor(StatusCode code);
// The default ES exception type for a code when none was named.
std::string_view DefaultErrorType(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string msg) {
    return Status(StatusCode::kInvalidArgument, std::move(msg));
  }
  static Status ParseError(std::string msg) {
    return Status(StatusCode::kParseError, std::move(msg));
  }
  static Status NotFound(std::string msg) { return Status(StatusCode::kNotFound, std::move(msg)); }
  static Status AlreadyExists(std::string msg) {
    return Status(StatusCode::kAlreadyExists, std::move(msg));
  }
  static Status Conflict(std::string msg) { return Status(StatusCode::kConflict, std::move(msg)); }
  static Status Corruption(std::string msg) {
    return Status(StatusCode::kCorruption, std::move(msg));
  }
  static Status IoError(std::string msg) { return Status(StatusCode::kIoError, std::move(msg)); }
  static Status Unsupported(std::string msg) {
    return Status(StatusCode::kUnsupported, std::move(msg));
  }
  static Status TooLarge(std::string msg) { return Status(StatusCode::kTooLarge, std::move(msg)); }
  static Status Timeout(std::string msg) { return Status(StatusCode::kTimeout, std::move(msg)); }
  static Status Rejected(std::string msg) { return Status(StatusCode::kRejected, std::move(msg)); }
  static Status Unavailable(std::string msg) {
    return Status(StatusCode::kUnavailable, std::move(msg));
  }
  static Status Internal(std::string msg) { return Status(StatusCode::kInternal, std::move(msg)); }

  Status(StatusCode code, std::string message);

  bool ok() const { return rep_ == nullptr; }
  StatusCode code() const { return rep_ ? rep_->code : StatusCode::kOk; }
  const std::string& message() const;
  // The ES exception type name: the one set with WithType, or the code's default.
  std::string_view type() const;
  int http_status() const;
  // Extra key/value pairs shown in the ES error body ("index", "shard", ...).
  const std::vector<std::pair<std::string, std::string>>& metadata() const;
  // The error this one wraps, if any (ES "caused_by").
  const Status* caused_by() const { return rep_ ? rep_->caused_by.get() : nullptr; }

  // Builders returning a modified copy.
  Status WithType(std::string type) const;
  Status WithMeta(std::string key, std::string value) const;
  Status WithCause(const Status& cause) const;
  Status WithHttpStatus(int http_status) const;
  Status WithMessage(std::string message) const;

  // "code: message" for logs and tests.
  std::string ToString() const;

 private:
  struct Rep {
    StatusCode code;
    std::string message;
    std::string type;
    int http_status = 0;  // 0: derived from code
    std::vector<std::pair<std::string, std::string>> metadata;
    std::shared_ptr<const Status> caused_by;
  };
  std::shared_ptr<const Rep> rep_;
};

// A value or an error Status. Never holds both.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT
    assert(!status_.ok());
  }

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }

  T& value() & {
    assert(ok());
    return *value_;
  }
  const T& value() const& {
    assert(ok());
    return *value_;
  }
  T&& value() && {
    assert(ok());
    return std::move(*value_);
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace quiver

#define QUIVER_CONCAT_INNER(a, b) a##b
#define QUIVER_CONCAT(a, b) QUIVER_CONCAT_INNER(a, b)

// Returns the Status from the enclosing function when `expr` is not OK.
#define QUIVER_RETURN_IF_ERROR(expr)          \
  do {                                        \
    ::quiver::Status _quiver_st = (expr);     \
    if (!_quiver_st.ok()) return _quiver_st;  \
  } while (0)

// `lhs = value of expr`, or returns its Status from the enclosing function.
#define QUIVER_ASSIGN_OR_RETURN(lhs, expr) \
  QUIVER_ASSIGN_OR_RETURN_IMPL(QUIVER_CONCAT(_quiver_res_, __LINE__), lhs, expr)
#define QUIVER_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                 \
  if (!tmp.ok()) return tmp.status();                \
  lhs = std::move(tmp).value()
