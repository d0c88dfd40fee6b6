#include "common/status.h"

namespace quiver {

int HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return 200;
    case StatusCode::kInvalidArgument:
    case StatusCode::kParseError:
    case StatusCode::kAlreadyExists:
    case StatusCode::kUnsupported: return 400;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kMethodNotAllowed: return 405;
    case StatusCode::kTimeout: return 408;
    case StatusCode::kConflict: return 409;
    case StatusCode::kTooLarge: return 413;
    case StatusCode::kRejected: return 429;
    case StatusCode::kUnavailable: return 503;
    case StatusCode::kCorruption:
    case StatusCode::kIoError:
    case StatusCode::kInternal: return 500;
  }
  return 500;
}

std::string_view DefaultErrorType(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "";
    case StatusCode::kInvalidArgument: return "illegal_argument_exception";
    case StatusCode::kParseError: return "parsing_exception";
    case StatusCode::kNotFound: return "resource_not_found_exception";
    case StatusCode::kAlreadyExists: return "resource_already_exists_exception";
    case StatusCode::kConflict: return "version_conflict_engine_exception";
    case StatusCode::kCorruption: return "corrupt_index_exception";
    case StatusCode::kIoError: return "io_exception";
    case StatusCode::kUnsupported: return "illegal_argument_exception";
    case StatusCode::kTooLarge: return "content_too_long_exception";
    case StatusCode::kTimeout: return "timeout_exception";
    case StatusCode::kRejected: return "es_rejected_execution_exception";
    case StatusCode::kMethodNotAllowed: return "method_not_allowed";
    case StatusCode::kUnavailable: return "unavailable_shards_exception";
    case StatusCode::kInternal: return "exception";
  }
  return "exception";
}

Status::Status(StatusCode code, std::string message) {
  if (code == StatusCode::kOk) return;
  auto rep = std::make_shared<Rep>();
  rep->code = code;
  rep->message = std::move(message);
  rep_ = std::move(rep);
}

const std::string& Status::message() const {
  static const std::string kEmpty;
  return rep_ ? rep_->message : kEmpty;
}

std::string_view Status::type() const {
  if (!rep_) return "";
  if (!rep_->type.empty()) return rep_->type;
  return DefaultErrorType(rep_->code);
}

int Status::http_status() const {
  if (!rep_) return 200;
  return rep_->http_status != 0 ? rep_->http_status : HttpStatusFor(rep_->code);
}

const std::vector<std::pair<std::string, std::string>>& Status::metadata() const {
  static const std::vector<std::pair<std::string, std::string>> kEmpty;
  return rep_ ? rep_->metadata : kEmpty;
}

Status Status::WithType(std::string type) const {
  if (!rep_) return *this;
  auto rep = std::make_shared<Rep>(*rep_);
  rep->type = std::move(type);
  Status s;
  s.rep_ = std::move(rep);
  return s;
}

Status Status::WithMeta(std::string key, std::string value) const {
  if (!rep_) return *this;
  auto rep = std::make_shared<Rep>(*rep_);
  rep->metadata.emplace_back(std::move(key), std::move(value));
  Status s;
  s.rep_ = std::move(rep);
  return s;
}

Status Status::WithCause(const Status& cause) const {
  if (!rep_ || cause.ok()) return *this;
  auto rep = std::make_shared<Rep>(*rep_);
  rep->caused_by = std::make_shared<const Status>(cause);
  Status s;
  s.rep_ = std::move(rep);
  return s;
}

Status Status::WithHttpStatus(int http_status) const {
  if (!rep_) return *this;
  auto rep = std::make_shared<Rep>(*rep_);
  rep->http_status = http_status;
  Status s;
  s.rep_ = std::move(rep);
  return s;
}

Status Status::WithMessage(std::string message) const {
  if (!rep_) return *this;
  auto rep = std::make_shared<Rep>(*rep_);
  rep->message = std::move(message);
  Status s;
  s.rep_ = std::move(rep);
  return s;
}

std::string Status::ToString() const {
  if (!rep_) return "OK";
  std::string out(type());
  out += ": ";
  out += rep_->message;
  if (rep_->caused_by) {
    out += " (caused by ";
    out += rep_->caused_by->ToString();
    out += ")";
  }
  return out;
}

}  // namespace quiver
