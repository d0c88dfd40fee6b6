#include "common/decimal_format.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace quiver {

namespace {

bool IsPatternChar(char c) { return c == '#' || c == '0' || c == ',' || c == '.'; }

// Decimal digits of |v| (shortest round-trip form) and the position of the
// decimal point: value = 0.d1d2d3... * 10^point.
void ShortestDigits(double v, std::string* digits, int* point) {
  char buf[64];
  auto [end, ec] =
      std::to_chars(buf, buf + sizeof(buf), std::fabs(v), std::chars_format::scientific);
  std::string_view s(buf, static_cast<size_t>(end - buf));
  size_t e = s.find('e');
  int exponent = std::stoi(std::string(s.substr(e + 1)));
  digits->clear();
  for (char c : s.substr(0, e)) {
    if (c != '.') digits->push_back(c);
  }
  while (digits->size() > 1 && digits->back() == '0') digits->pop_back();
  *point = exponent + 1;
  if (*digits == "0") *point = 0;
}

// Rounds |v| to `frac` fraction digits, HALF_EVEN on its exact binary
// value (what java.text.DecimalFormat does since JDK 8): glibc's printf
// rounds exactly under the default rounding mode. Returns the digits and
// point as ShortestDigits does.
void RoundedDigits(double v, int frac, std::string* digits, int* point) {
  int n = std::snprintf(nullptr, 0, "%.*f", frac, std::fabs(v));
  std::string text(static_cast<size_t>(n) + 1, '\0');
  std::snprintf(text.data(), text.size(), "%.*f", frac, std::fabs(v));
  std::string_view s(text.data(), static_cast<size_t>(n));
  size_t dot = s.find('.');
  std::string_view integer = s.substr(0, dot);
  digits->assign(integer);
  if (dot != std::string_view::npos) digits->append(s.substr(dot + 1));
  *point = static_cast<int>(integer.size());
  size_t lead = 0;
  while (lead + 1 < digits->size() && (*digits)[lead] == '0') ++lead;
  digits->erase(0, lead);
  *point -= static_cast<int>(lead);
  while (digits->size() > 1 && digits->back() == '0') digits->pop_back();
  if (*digits == "0") *point = 0;
}

}  // namespace

Result<DecimalFormat> DecimalFormat::Parse(std::string_view pattern) {
  std::string_view positive = pattern.substr(0, pattern.find(';'));
  DecimalFormat f;
  size_t i = 0;
  while (i < positive.size() && !IsPatternChar(positive[i])) f.prefix_.push_back(positive[i++]);
  size_t number_start = i;
  while (i < positive.size() && IsPatternChar(positive[i])) ++i;
  std::string_view number = positive.substr(number_start, i - number_start);
  f.suffix_ = std::string(positive.substr(i));
  if (number.empty())
    return Status::InvalidArgument("Malformed pattern \"" + std::string(pattern) + "\"");
  for (std::string_view affix : {std::string_view(f.prefix_), std::string_view(f.suffix_)}) {
    if (affix.find_first_of("'E#0,.") != std::string_view::npos) {
      return Status::InvalidArgument("Unsupported decimal format pattern \"" +
                                     std::string(pattern) + "\"");
    }
    if (affix.find('%') != std::string_view::npos) f.multiplier_ = 100;
    if (affix.find("\u2030") != std::string_view::npos) f.multiplier_ = 1000;
  }
  size_t dot = number.find('.');
  std::string_view integer = number.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? "" : number.substr(dot + 1);
  if (fraction.find_first_of(".,") != std::string_view::npos) {
    return Status::InvalidArgument("Malformed pattern \"" + std::string(pattern) + "\"");
  }
  f.min_integer_digits_ = 0;
  for (char c : integer) f.min_integer_digits_ += c == '0';
  size_t comma = integer.rfind(',');
  if (comma != std::string_view::npos)
    f.grouping_size_ = static_cast<int>(integer.size() - comma - 1);
  for (char c : fraction) {
    if (c == '0') ++f.min_fraction_digits_;
    ++f.max_fraction_digits_;
  }
  f.decimal_always_shown_ = dot != std::string_view::npos && fraction.empty();
  return f;
}

std::string DecimalFormat::Format(double value) const {
  if (std::isnan(value)) return "NaN";
  bool negative = std::signbit(value) && value != 0;
  std::string out = negative ? "-" + prefix_ : prefix_;
  if (std::isinf(value)) return out + "\u221e" + suffix_;
  value *= multiplier_;
  std::string digits;
  int point = 0;
  ShortestDigits(value, &digits, &point);
  if (static_cast<int>(digits.size()) - point > max_fraction_digits_ && digits != "0") {
    RoundedDigits(value, max_fraction_digits_, &digits, &point);
  }
  // Integer part.
  std::string integer;
  for (int i = 0; i < point; ++i) {
    integer.push_back(i < static_cast<int>(digits.size()) ? digits[i] : '0');
  }
  while (static_cast<int>(integer.size()) < min_integer_digits_)
    integer.insert(integer.begin(), '0');
  std::string fraction;
  if (digits != "0") {
    if (point < 0) {
      fraction.assign(static_cast<size_t>(-point), '0');
      fraction += digits;
    } else if (point < static_cast<int>(digits.size())) {
      fraction = digits.substr(static_cast<size_t>(point));
    }
  }
  while (static_cast<int>(fraction.size()) < min_fraction_digits_) fraction.push_back('0');
  if (integer.empty() && fraction.empty()) integer = "0";
  if (grouping_size_ > 0 && static_cast<int>(integer.size()) > grouping_size_) {
    std::string grouped;
    int lead = static_cast<int>(integer.size()) % grouping_size_;
    for (size_t i = 0; i < integer.size(); ++i) {
      if (i > 0 && (static_cast<int>(i) - lead) % grouping_size_ == 0) grouped.push_back(',');
      grouped.push_back(integer[i]);
    }
    integer = std::move(grouped);
  }
  out += integer;
  if (!fraction.empty() || decimal_always_shown_) out += "." + fraction;
  return out + suffix_;
}

}  // namespace quiver
