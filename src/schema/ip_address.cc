#include "schema/ip_address.h"

#include <charconv>
#include <vector>

namespace quiver::schema {

namespace {

Status NotAnIp(std::string_view text) {
  return Status::InvalidArgument("'" + std::string(text) + "' is not an IP string literal.");
}

bool ParseIpv4(std::string_view text, uint8_t out[4]) {
  int part = 0;
  size_t i = 0;
  while (part < 4) {
    size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    size_t len = i - start;
    if (len == 0 || len > 3) return false;
    if (len > 1 && text[start] == '0') return false;  // ambiguous octal-looking octet
    int v = 0;
    for (size_t k = start; k < i; ++k) v = v * 10 + (text[k] - '0');
    if (v > 255) return false;
    out[part++] = static_cast<uint8_t>(v);
    if (part < 4) {
      if (i >= text.size() || text[i] != '.') return false;
      ++i;
    }
  }
  return i == text.size();
}

bool ParseHextet(std::string_view s, uint16_t* out) {
  if (s.empty() || s.size() > 4) return false;
  uint32_t v = 0;
  for (char c : s) {
    int d;
    if (c >= '0' && c <= '9') {
      d = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      d = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      d = c - 'A' + 10;
    } else {
      return false;
    }
    v = v * 16 + static_cast<uint32_t>(d);
  }
  *out = static_cast<uint16_t>(v);
  return true;
}

bool ParseIpv6(std::string_view text, IpBytes* out) {
  // Split on "::" at most once.
  size_t dbl = text.find("::");
  if (dbl != std::string_view::npos && text.find("::", dbl + 1) != std::string_view::npos) {
    return false;
  }
  auto split = [](std::string_view s, std::vector<std::string_view>* parts) {
    if (s.empty()) return true;
    size_t start = 0;
    while (true) {
      size_t colon = s.find(':', start);
      std::string_view p = s.substr(start, colon - start);
      if (p.empty()) return false;
      parts->push_back(p);
      if (colon == std::string_view::npos) return true;
      start = colon + 1;
    }
  };
  std::vector<std::string_view> head, tail;
  if (dbl == std::string_view::npos) {
    if (!split(text, &head)) return false;
  } else {
    if (!split(text.substr(0, dbl), &head) || !split(text.substr(dbl + 2), &tail)) return false;
  }
  std::vector<uint16_t> words_head, words_tail;
  auto convert = [](std::vector<std::string_view>& parts, std::vector<uint16_t>* words,
                    bool last_group) {
    for (size_t i = 0; i < parts.size(); ++i) {
      if (last_group && i + 1 == parts.size() && parts[i].find('.') != std::string_view::npos) {
        uint8_t v4[4];
        if (!ParseIpv4(parts[i], v4)) return false;
        words->push_back(static_cast<uint16_t>(v4[0] << 8 | v4[1]));
        words->push_back(static_cast<uint16_t>(v4[2] << 8 | v4[3]));
        continue;
      }
      uint16_t w;
      if (!ParseHextet(parts[i], &w)) return false;
      words->push_back(w);
    }
    return true;
  };
  const bool tail_is_last = dbl != std::string_view::npos;
  if (!convert(head, &words_head, !tail_is_last) || !convert(tail, &words_tail, true)) {
    return false;
  }
  size_t total = words_head.size() + words_tail.size();
  if (dbl == std::string_view::npos ? total != 8 : total > 7) return false;
  std::vector<uint16_t> words(8, 0);
  for (size_t i = 0; i < words_head.size(); ++i) words[i] = words_head[i];
  for (size_t i = 0; i < words_tail.size(); ++i) words[8 - words_tail.size() + i] = words_tail[i];
  for (size_t i = 0; i < 8; ++i) {
    (*out)[2 * i] = static_cast<uint8_t>(words[i] >> 8);
    (*out)[2 * i + 1] = static_cast<uint8_t>(words[i] & 0xff);
  }
  return true;
}

bool IsIpv4Mapped(const IpBytes& ip) {
  for (int i = 0; i < 10; ++i) {
    if (ip[i] != 0) return false;
  }
  return ip[10] == 0xff && ip[11] == 0xff;
}

}  // namespace

Result<IpBytes> ParseIp(std::string_view text) {
  IpBytes out{};
  uint8_t v4[4];
  if (text.find(':') == std::string_view::npos) {
    if (!ParseIpv4(text, v4)) return NotAnIp(text);
    out[10] = 0xff;
    out[11] = 0xff;
    for (int i = 0; i < 4; ++i) out[12 + i] = v4[i];
    return out;
  }
  if (!ParseIpv6(text, &out)) return NotAnIp(text);
  return out;
}

std::string FormatIp(const IpBytes& ip) {
  if (IsIpv4Mapped(ip)) {
    return std::to_string(ip[12]) + "." + std::to_string(ip[13]) + "." + std::to_string(ip[14]) +
           "." + std::to_string(ip[15]);
  }
  uint16_t words[8];
  for (int i = 0; i < 8; ++i) words[i] = static_cast<uint16_t>(ip[2 * i] << 8 | ip[2 * i + 1]);
  // RFC 5952: compress the longest run (>= 2) of zero words, the first if tied.
  int best_start = -1, best_len = 0;
  for (int i = 0; i < 8;) {
    if (words[i] != 0) {
      ++i;
      continue;
    }
    int j = i;
    while (j < 8 && words[j] == 0) ++j;
    if (j - i > best_len && j - i >= 2) {
      best_start = i;
      best_len = j - i;
    }
    i = j;
  }
  std::string out;
  char buf[8];
  for (int i = 0; i < 8; ++i) {
    if (i == best_start) {
      out += "::";
      i += best_len - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') out.push_back(':');
    auto res = std::to_chars(buf, buf + sizeof(buf), words[i], 16);
    out.append(buf, res.ptr);
  }
  return out;
}

Result<std::pair<IpBytes, IpBytes>> ParseCidr(std::string_view text) {
  size_t slash = text.find('/');
  if (slash == std::string_view::npos) {
    return Status::InvalidArgument("Expected [ip/prefix] but was [" + std::string(text) + "]");
  }
  std::string_view addr = text.substr(0, slash);
  std::string_view prefix_text = text.substr(slash + 1);
  int prefix = -1;
  auto res = std::from_chars(prefix_text.data(), prefix_text.data() + prefix_text.size(), prefix);
  if (res.ec != std::errc() || res.ptr != prefix_text.data() + prefix_text.size()) {
    return Status::InvalidArgument("Expected [ip/prefix] but was [" + std::string(text) + "]");
  }
  QUIVER_ASSIGN_OR_RETURN(IpBytes ip, ParseIp(addr));
  const bool v4 = addr.find(':') == std::string_view::npos;
  const int max_prefix = v4 ? 32 : 128;
  if (prefix < 0 || prefix > max_prefix) {
    return Status::InvalidArgument("Illegal prefix length [" + std::to_string(prefix) + "] in [" +
                                   std::string(text) +
                                   "]. Must be 0-32 for IPv4 ranges, 0-128 for IPv6 ranges");
  }
  int bits = v4 ? prefix + 96 : prefix;
  IpBytes lower = ip, upper = ip;
  for (int i = 0; i < 16; ++i) {
    int keep = std::max(0, std::min(8, bits - i * 8));
    uint8_t mask = static_cast<uint8_t>(keep == 0 ? 0 : (0xff << (8 - keep)) & 0xff);
    lower[i] = static_cast<uint8_t>(ip[i] & mask);
    upper[i] = static_cast<uint8_t>(ip[i] | static_cast<uint8_t>(~mask));
  }
  return std::make_pair(lower, upper);
}

}  // namespace quiver::schema
