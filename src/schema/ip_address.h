// IP addresses as ES `ip` fields index them: IPv4 and IPv6 text parsed into a
// 16-byte form (IPv4 mapped into ::ffff:0:0/96) whose byte order is the sort
// order, and printed back the way ES prints them (IPv4-mapped addresses as
// dotted quads, IPv6 in RFC 5952 compressed form). Stateless; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace quiver::schema {

using IpBytes = std::array<uint8_t, 16>;

// Parses "192.168.0.1", "::1", "2001:db8::1", "::ffff:1.2.3.4". Leading
// zeros in IPv4 octets are rejected, as ES's InetAddresses does. Error:
// illegal_argument_exception "'text' is not an IP string literal."
Result<IpBytes> ParseIp(std::string_view text);

// The canonical text form.
std::string FormatIp(const IpBytes& ip);

// CIDR block "10.0.0.0/8" / "2001:db8::/32" as an inclusive [lower, upper]
// range of 16-byte forms (for term and range queries on ip fields).
Result<std::pair<IpBytes, IpBytes>> ParseCidr(std::string_view text);

inline std::string_view IpBytesView(const IpBytes& ip) {
  return std::string_view(reinterpret_cast<const char*>(ip.data()), ip.size());
}

}  // namespace quiver::schema
