#include "api/http/http_request.h"

#include "common/strings.h"

namespace quiver {

std::string_view HttpRequest::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return {};
}

bool HttpRequest::HasHeader(std::string_view name) const {
  for (const auto& header : headers) {
    if (EqualsIgnoreCase(header.first, name)) return true;
  }
  return false;
}

const std::string* HttpRequest::QueryParam(std::string_view name) const {
  const std::string* found = nullptr;
  for (const auto& [key, value] : query_params) {
    if (key == name) found = &value;
  }
  return found;
}

void SplitRequestTarget(std::string_view target, std::string* path, std::string* raw_query) {
  for (std::string_view scheme : {"http://", "https://"}) {
    if (target.size() >= scheme.size() &&
        EqualsIgnoreCase(target.substr(0, scheme.size()), scheme)) {
      size_t path_start = target.find_first_of("/?#", scheme.size());
      target =
          path_start == std::string_view::npos ? std::string_view("/") : target.substr(path_start);
      break;
    }
  }
  size_t fragment = target.find('#');
  if (fragment != std::string_view::npos) target = target.substr(0, fragment);
  size_t query = target.find('?');
  if (query == std::string_view::npos) {
    path->assign(target);
    raw_query->clear();
  } else {
    path->assign(target.substr(0, query));
    raw_query->assign(target.substr(query + 1));
  }
}

Result<std::string> DecodeUrlComponent(std::string_view s, bool plus_as_space) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '+' && plus_as_space) {
      out.push_back(' ');
    } else if (c != '%') {
      out.push_back(c);
    } else if (i + 1 == s.size()) {
      return Status::InvalidArgument("unterminated escape sequence at end of string: " +
                                     std::string(s));
    } else if (s[i + 1] == '%') {
      out.push_back('%');
      ++i;
    } else if (i + 2 == s.size()) {
      return Status::InvalidArgument("partial escape sequence at end of string: " + std::string(s));
    } else {
      int hi = hex(s[i + 1]);
      int lo = hex(s[i + 2]);
      if (hi < 0 || lo < 0) {
        return Status::InvalidArgument("invalid escape sequence `%" +
                                       std::string(s.substr(i + 1, 2)) + "' at index " +
                                       std::to_string(i) + " of: " + std::string(s));
      }
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    }
  }
  return out;
}

Result<std::vector<std::string>> DecodePathSegments(std::string_view raw_path) {
  std::vector<std::string> segments;
  for (std::string_view raw : SplitString(raw_path, '/')) {
    if (raw.empty()) continue;
    QUIVER_ASSIGN_OR_RETURN(std::string segment, DecodeUrlComponent(raw, /*plus_as_space=*/false));
    segments.push_back(std::move(segment));
  }
  return segments;
}

Status ParseQueryString(std::string_view raw_query,
                        std::vector<std::pair<std::string, std::string>>* params) {
  size_t fragment = raw_query.find('#');
  if (fragment != std::string_view::npos) raw_query = raw_query.substr(0, fragment);
  size_t start = 0;
  while (start <= raw_query.size()) {
    size_t end = raw_query.find_first_of("&;", start);
    if (end == std::string_view::npos) end = raw_query.size();
    std::string_view pair = raw_query.substr(start, end - start);
    start = end + 1;
    // ES skips '=' signs seen before any name ("=a=b" reads as a=b).
    size_t name_start = pair.find_first_not_of('=');
    if (name_start == std::string_view::npos) continue;
    pair = pair.substr(name_start);
    size_t eq = pair.find('=');
    QUIVER_ASSIGN_OR_RETURN(std::string name, DecodeUrlComponent(pair.substr(0, eq), true));
    std::string value;
    if (eq != std::string_view::npos) {
      QUIVER_ASSIGN_OR_RETURN(value, DecodeUrlComponent(pair.substr(eq + 1), true));
    }
    params->emplace_back(std::move(name), std::move(value));
  }
  return Status::Ok();
}

}  // namespace quiver
