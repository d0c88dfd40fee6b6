#include <string>

#include "schema/date_pattern_nodes.h"

namespace quiver::schema::date_internal {

namespace {

void AppendPadded(std::string* out, int64_t v, int width) {
  bool negative = v < 0;
  uint64_t u = negative ? static_cast<uint64_t>(-(v + 1)) + 1 : static_cast<uint64_t>(v);
  std::string digits = std::to_string(u);
  if (negative) out->push_back('-');
  for (int i = static_cast<int>(digits.size()); i < width; ++i) out->push_back('0');
  out->append(digits);
}

void AppendOffset(std::string* out, int32_t offset, bool colon, bool z_for_zero,
                  bool minutes_optional) {
  if (offset == 0 && z_for_zero) {
    out->push_back('Z');
    return;
  }
  out->push_back(offset < 0 ? '-' : '+');
  int32_t a = offset < 0 ? -offset : offset;
  AppendPadded(out, a / 3600, 2);
  int32_t mm = a / 60 % 60;
  if (minutes_optional && mm == 0) return;
  if (colon) out->push_back(':');
  AppendPadded(out, mm, 2);
}

}  // namespace

void FormatNodes(const std::vector<Node>& nodes, const Broken& b, bool nanos_precision,
                 std::string* out) {
  for (const Node& n : nodes) {
    switch (n.kind) {
      case Kind::kLiteral:
        out->append(n.literal);
        break;
      case Kind::kYear:
        if (n.count == 2) {
          AppendPadded(out, ((b.year % 100) + 100) % 100, 2);
        } else {
          if (n.count >= 4 && b.year > 9999) out->push_back('+');
          AppendPadded(out, b.year, n.count);
        }
        break;
      case Kind::kWeekYear:
      case Kind::kWeekOfYear: {
        // ISO week-based year and week.
        int64_t dow = ((b.days + 3) % 7 + 7) % 7;  // 0 = Monday
        int64_t thursday = b.days - dow + 3;
        int64_t wy;
        int m, d;
        CivilFromDays(thursday, &wy, &m, &d);
        if (n.kind == Kind::kWeekYear) {
          AppendPadded(out, n.count == 2 ? wy % 100 : wy, n.count);
        } else {
          int64_t week = (thursday - DaysFromCivil(wy, 1, 1)) / 7 + 1;
          AppendPadded(out, week, n.count);
        }
        break;
      }
      case Kind::kMonth:
        AppendPadded(out, b.month, n.count);
        break;
      case Kind::kMonthText:
        out->append(n.count == 3 ? kMonthsShort[b.month - 1] : kMonthsLong[b.month - 1]);
        break;
      case Kind::kDay:
        AppendPadded(out, b.day, n.count);
        break;
      case Kind::kDayOfYear:
        AppendPadded(out, b.days - DaysFromCivil(b.year, 1, 1) + 1, n.count);
        break;
      case Kind::kHour:
        AppendPadded(out, b.hour, n.count);
        break;
      case Kind::kClockHour24:
        AppendPadded(out, b.hour == 0 ? 24 : b.hour, n.count);
        break;
      case Kind::kClockHour12:
        AppendPadded(out, b.hour % 12 == 0 ? 12 : b.hour % 12, n.count);
        break;
      case Kind::kHour12:
        AppendPadded(out, b.hour % 12, n.count);
        break;
      case Kind::kMinute:
        AppendPadded(out, b.minute, n.count);
        break;
      case Kind::kSecond:
        AppendPadded(out, b.second, n.count);
        break;
      case Kind::kFraction: {
        std::string nine;
        AppendPadded(&nine, b.nanos, 9);
        out->append(nine.substr(0, static_cast<size_t>(n.count)));
        break;
      }
      case Kind::kFractionVar: {
        std::string nine;
        AppendPadded(&nine, b.nanos, 9);
        size_t len = 3;
        if (nanos_precision) {
          len = 9;
          while (len > 3 && nine[len - 1] == '0') --len;
        }
        out->push_back('.');
        out->append(nine.substr(0, len));
        break;
      }
      case Kind::kNanoOfSecond:
        AppendPadded(out, b.nanos, n.count);
        break;
      case Kind::kMilliOfDay:
        AppendPadded(out, (b.hour * 3600 + b.minute * 60 + b.second) * 1000 + b.nanos / 1000000,
                     n.count);
        break;
      case Kind::kAmPm:
        out->append(b.hour < 12 ? "AM" : "PM");
        break;
      case Kind::kDayOfWeekText:
      case Kind::kDayOfWeek: {
        int64_t dow = ((b.days + 3) % 7 + 7) % 7;
        if (n.kind == Kind::kDayOfWeek) {
          AppendPadded(out, dow + 1, 1);
        } else {
          out->append(n.count >= 4 ? kDaysLong[dow] : kDaysShort[dow]);
        }
        break;
      }
      case Kind::kEra:
        out->append(b.year > 0 ? "AD" : "BC");
        break;
      case Kind::kIgnoredNumber:
        if (n.letter == 'Q' || n.letter == 'q') {
          AppendPadded(out, (b.month - 1) / 3 + 1, n.count);
        } else {
          AppendPadded(out, 1, n.count);
        }
        break;
      case Kind::kZone:
        switch (n.letter) {
          case 'Z':
            if (n.count <= 3) {
              AppendOffset(out, b.offset, false, false, false);
            } else if (n.count == 4) {
              out->append("GMT");
              if (b.offset != 0) AppendOffset(out, b.offset, true, false, false);
            } else {
              AppendOffset(out, b.offset, true, true, false);
            }
            break;
          case 'X':
            AppendOffset(out, b.offset, n.count >= 3, true, n.count == 1);
            break;
          case 'x':
            AppendOffset(out, b.offset, n.count >= 3, false, n.count == 1);
            break;
          default:
            if (b.offset == 0) {
              out->push_back('Z');
            } else {
              AppendOffset(out, b.offset, true, false, false);
            }
        }
        break;
      case Kind::kOptional:
        FormatNodes(n.children, b, nanos_precision, out);
        break;
    }
  }
}

}  // namespace quiver::schema::date_internal
