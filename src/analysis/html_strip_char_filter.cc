// Lucene HTMLStripCharFilter: removes HTML markup (tags, comments, processing
// instructions, declarations) and the contents of <script> and <style>,
// decodes character entities (&amp; &#233; &#xE9; &eacute; ...), keeps CDATA
// contents, and writes a newline for block-level elements (<p>, <br>, <div>,
// ...) so words on either side do not join. Tags named in escaped_tags are
// left in place. Text that only looks like markup ("a < b") is kept.
//
// Offsets: removed spans map to the input after them; a decoded entity or a
// block newline maps to the start of what it replaced.
#include <algorithm>
#include <cstring>
#include <unordered_map>
#include <unordered_set>

#include "analysis/char_filters.h"
#include "analysis/utf8.h"
#include "common/strings.h"

namespace quiver::analysis {
namespace {

// HTML 4.01 named character references (plus &apos;).
const std::unordered_map<std::string_view, char32_t>& Entities() {
  static const std::unordered_map<std::string_view, char32_t> entities = {
      {"quot", 34},     {"amp", 38},      {"apos", 39},      {"lt", 60},        {"gt", 62},
      {"nbsp", 160},    {"iexcl", 161},   {"cent", 162},     {"pound", 163},    {"curren", 164},
      {"yen", 165},     {"brvbar", 166},  {"sect", 167},     {"uml", 168},      {"copy", 169},
      {"ordf", 170},    {"laquo", 171},   {"not", 172},      {"shy", 173},      {"reg", 174},
      {"macr", 175},    {"deg", 176},     {"plusmn", 177},   {"sup2", 178},     {"sup3", 179},
      {"acute", 180},   {"micro", 181},   {"para", 182},     {"middot", 183},   {"cedil", 184},
      {"sup1", 185},    {"ordm", 186},    {"raquo", 187},    {"frac14", 188},   {"frac12", 189},
      {"frac34", 190},  {"iquest", 191},  {"Agrave", 192},   {"Aacute", 193},   {"Acirc", 194},
      {"Atilde", 195},  {"Auml", 196},    {"Aring", 197},    {"AElig", 198},    {"Ccedil", 199},
      {"Egrave", 200},  {"Eacute", 201},  {"Ecirc", 202},    {"Euml", 203},     {"Igrave", 204},
      {"Iacute", 205},  {"Icirc", 206},   {"Iuml", 207},     {"ETH", 208},      {"Ntilde", 209},
      {"Ograve", 210},  {"Oacute", 211},  {"Ocirc", 212},    {"Otilde", 213},   {"Ouml", 214},
      {"times", 215},   {"Oslash", 216},  {"Ugrave", 217},   {"Uacute", 218},   {"Ucirc", 219},
      {"Uuml", 220},    {"Yacute", 221},  {"THORN", 222},    {"szlig", 223},    {"agrave", 224},
      {"aacute", 225},  {"acirc", 226},   {"atilde", 227},   {"auml", 228},     {"aring", 229},
      {"aelig", 230},   {"ccedil", 231},  {"egrave", 232},   {"eacute", 233},   {"ecirc", 234},
      {"euml", 235},    {"igrave", 236},  {"iacute", 237},   {"icirc", 238},    {"iuml", 239},
      {"eth", 240},     {"ntilde", 241},  {"ograve", 242},   {"oacute", 243},   {"ocirc", 244},
      {"otilde", 245},  {"ouml", 246},    {"divide", 247},   {"oslash", 248},   {"ugrave", 249},
      {"uacute", 250},  {"ucirc", 251},   {"uuml", 252},     {"yacute", 253},   {"thorn", 254},
      {"yuml", 255},    {"OElig", 338},   {"oelig", 339},    {"Scaron", 352},   {"scaron", 353},
      {"Yuml", 376},    {"fnof", 402},    {"circ", 710},     {"tilde", 732},    {"Alpha", 913},
      {"Beta", 914},    {"Gamma", 915},   {"Delta", 916},    {"Epsilon", 917},  {"Zeta", 918},
      {"Eta", 919},     {"Theta", 920},   {"Iota", 921},     {"Kappa", 922},    {"Lambda", 923},
      {"Mu", 924},      {"Nu", 925},      {"Xi", 926},       {"Omicron", 927},  {"Pi", 928},
      {"Rho", 929},     {"Sigma", 931},   {"Tau", 932},      {"Upsilon", 933},  {"Phi", 934},
      {"Chi", 935},     {"Psi", 936},     {"Omega", 937},    {"alpha", 945},    {"beta", 946},
      {"gamma", 947},   {"delta", 948},   {"epsilon", 949},  {"zeta", 950},     {"eta", 951},
      {"theta", 952},   {"iota", 953},    {"kappa", 954},    {"lambda", 955},   {"mu", 956},
      {"nu", 957},      {"xi", 958},      {"omicron", 959},  {"pi", 960},       {"rho", 961},
      {"sigmaf", 962},  {"sigma", 963},   {"tau", 964},      {"upsilon", 965},  {"phi", 966},
      {"chi", 967},     {"psi", 968},     {"omega", 969},    {"thetasym", 977}, {"upsih", 978},
      {"piv", 982},     {"ensp", 8194},   {"emsp", 8195},    {"thinsp", 8201},  {"zwnj", 8204},
      {"zwj", 8205},    {"lrm", 8206},    {"rlm", 8207},     {"ndash", 8211},   {"mdash", 8212},
      {"lsquo", 8216},  {"rsquo", 8217},  {"sbquo", 8218},   {"ldquo", 8220},   {"rdquo", 8221},
      {"bdquo", 8222},  {"dagger", 8224}, {"Dagger", 8225},  {"bull", 8226},    {"hellip", 8230},
      {"permil", 8240}, {"prime", 8242},  {"Prime", 8243},   {"lsaquo", 8249},  {"rsaquo", 8250},
      {"oline", 8254},  {"frasl", 8260},  {"euro", 8364},    {"image", 8465},   {"weierp", 8472},
      {"real", 8476},   {"trade", 8482},  {"alefsym", 8501}, {"larr", 8592},    {"uarr", 8593},
      {"rarr", 8594},   {"darr", 8595},   {"harr", 8596},    {"crarr", 8629},   {"lArr", 8656},
      {"uArr", 8657},   {"rArr", 8658},   {"dArr", 8659},    {"hArr", 8660},    {"forall", 8704},
      {"part", 8706},   {"exist", 8707},  {"empty", 8709},   {"nabla", 8711},   {"isin", 8712},
      {"notin", 8713},  {"ni", 8715},     {"prod", 8719},    {"sum", 8721},     {"minus", 8722},
      {"lowast", 8727}, {"radic", 8730},  {"prop", 8733},    {"infin", 8734},   {"ang", 8736},
      {"and", 8743},    {"or", 8744},     {"cap", 8745},     {"cup", 8746},     {"int", 8747},
      {"there4", 8756}, {"sim", 8764},    {"cong", 8773},    {"asymp", 8776},   {"ne", 8800},
      {"equiv", 8801},  {"le", 8804},     {"ge", 8805},      {"sub", 8834},     {"sup", 8835},
      {"nsub", 8836},   {"sube", 8838},   {"supe", 8839},    {"oplus", 8853},   {"otimes", 8855},
      {"perp", 8869},   {"sdot", 8901},   {"lceil", 8968},   {"rceil", 8969},   {"lfloor", 8970},
      {"rfloor", 8971}, {"lang", 9001},   {"rang", 9002},    {"loz", 9674},     {"spades", 9824},
      {"clubs", 9827},  {"hearts", 9829}, {"diams", 9830},
  };
  return entities;
}

bool IsBlockElement(std::string_view lower_name) {
  static const std::unordered_set<std::string_view> kBlock = {
      "address",  "article",    "aside",  "blockquote", "body",   "br",       "caption",  "center",
      "col",      "colgroup",   "dd",     "details",    "dir",    "div",      "dl",       "dt",
      "fieldset", "figcaption", "figure", "footer",     "form",   "frame",    "frameset", "h1",
      "h2",       "h3",         "h4",     "h5",         "h6",     "head",     "header",   "hgroup",
      "hr",       "html",       "iframe", "isindex",    "li",     "main",     "menu",     "nav",
      "noframes", "noscript",   "ol",     "optgroup",   "option", "p",        "pre",      "section",
      "select",   "summary",    "table",  "tbody",      "td",     "textarea", "tfoot",    "th",
      "thead",    "title",      "tr",     "ul",
  };
  return kBlock.count(lower_name) > 0;
}

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == ':' || c == '.';
}

class HtmlStripCharFilter final : public CharFilter {
 public:
  HtmlStripCharFilter(std::string name, std::vector<std::string> escaped_tags)
      : CharFilter(std::move(name)) {
    for (const std::string& t : escaped_tags) escaped_.insert(AsciiLower(t));
  }

  Status Filter(std::string_view in, std::string* out, OffsetMap* map) const override {
    out->clear();
    map->Clear();
    Writer w{in, out, map};
    size_t i = 0;
    while (i < in.size()) {
      const char c = in[i];
      if (c == '&') {
        i = Entity(&w, i);
      } else if (c == '<') {
        i = Markup(&w, i);
      } else {
        out->push_back(c);
        ++i;
      }
    }
    return Status::Ok();
  }

 private:
  // Tracks the cumulative input-minus-output difference.
  struct Writer {
    std::string_view in;
    std::string* out;
    OffsetMap* map;
    int32_t diff = 0;
    // Input [from, to) becomes `replacement`.
    void Replace(size_t from, size_t to, std::string_view replacement) {
      const int32_t out_pos = static_cast<int32_t>(out->size());
      const int32_t in_len = static_cast<int32_t>(to - from);
      const int32_t out_len = static_cast<int32_t>(replacement.size());
      out->append(replacement);
      if (out_len < in_len) {
        diff += in_len - out_len;
        map->Add(out_pos + out_len, diff);
      } else if (out_len > in_len) {
        for (int32_t e = 0; e < out_len - in_len; ++e) map->Add(out_pos + in_len + e, diff - e - 1);
        diff -= out_len - in_len;
      }
    }
  };

  size_t Entity(Writer* w, size_t i) const {
    std::string_view in = w->in;
    size_t j = i + 1;
    char32_t cp = 0;
    bool ok = false;
    if (j < in.size() && in[j] == '#') {
      ++j;
      const bool hex = j < in.size() && (in[j] == 'x' || in[j] == 'X');
      if (hex) ++j;
      const size_t digits_start = j;
      uint32_t v = 0;
      while (j < in.size() && j - digits_start < 8) {
        const char d = in[j];
        int digit = -1;
        if (d >= '0' && d <= '9') digit = d - '0';
        if (hex && d >= 'a' && d <= 'f') digit = d - 'a' + 10;
        if (hex && d >= 'A' && d <= 'F') digit = d - 'A' + 10;
        if (digit < 0) break;
        v = v * (hex ? 16 : 10) + static_cast<uint32_t>(digit);
        ++j;
      }
      if (j > digits_start && v > 0 && v <= 0x10FFFF && (v < 0xD800 || v > 0xDFFF)) {
        cp = v;
        ok = true;
      }
    } else {
      const size_t name_start = j;
      while (j < in.size() && j - name_start < 10 &&
             ((in[j] >= 'a' && in[j] <= 'z') || (in[j] >= 'A' && in[j] <= 'Z') ||
              (in[j] >= '0' && in[j] <= '9'))) {
        ++j;
      }
      auto it = Entities().find(in.substr(name_start, j - name_start));
      if (it != Entities().end()) {
        cp = it->second;
        ok = true;
      }
    }
    if (!ok) {
      w->out->push_back('&');
      return i + 1;
    }
    if (j < in.size() && in[j] == ';') ++j;
    std::string decoded;
    AppendUtf8(cp, &decoded);
    w->Replace(i, j, decoded);
    return j;
  }

  size_t Markup(Writer* w, size_t i) const {
    std::string_view in = w->in;
    auto remove_until = [&](std::string_view terminator, size_t from) -> size_t {
      const size_t end = in.find(terminator, from);
      const size_t stop = end == std::string_view::npos ? in.size() : end + terminator.size();
      w->Replace(i, stop, "");
      return stop;
    };
    if (in.substr(i, 4) == "<!--") return remove_until("-->", i + 4);
    if (in.substr(i, 9) == "<![CDATA[") {
      const size_t end = in.find("]]>", i + 9);
      const size_t content_end = end == std::string_view::npos ? in.size() : end;
      w->Replace(i, i + 9, "");
      w->out->append(in.substr(i + 9, content_end - (i + 9)));
      if (end == std::string_view::npos) return in.size();
      w->Replace(end, end + 3, "");
      return end + 3;
    }
    if (in.substr(i, 2) == "<?" || in.substr(i, 2) == "<!") return remove_until(">", i + 2);
    // A tag: <name ...>, </name>, <name/>.
    size_t j = i + 1;
    const bool closing = j < in.size() && in[j] == '/';
    if (closing) ++j;
    const size_t name_start = j;
    if (j >= in.size() || !((in[j] >= 'a' && in[j] <= 'z') || (in[j] >= 'A' && in[j] <= 'Z'))) {
      w->out->push_back('<');  // not markup
      return i + 1;
    }
    while (j < in.size() && IsNameChar(in[j])) ++j;
    const std::string name = AsciiLower(in.substr(name_start, j - name_start));
    // Attributes up to the closing '>', honouring quoted values.
    char quote = 0;
    while (j < in.size()) {
      const char c = in[j];
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        break;
      } else if (c == '<') {
        break;  // malformed: the next tag starts here
      }
      ++j;
    }
    if (j >= in.size() || in[j] != '>') {
      w->out->push_back('<');  // unterminated: keep as text
      return i + 1;
    }
    const size_t tag_end = j + 1;
    if (escaped_.count(name)) {
      w->out->append(in.substr(i, tag_end - i));
      return tag_end;
    }
    if (!closing && (name == "script" || name == "style")) {
      const std::string close = "</" + name;
      size_t k = tag_end;
      size_t stop = in.size();
      while (true) {
        const size_t found = FindCaseInsensitive(in, close, k);
        if (found == std::string_view::npos) break;
        const size_t gt = in.find('>', found);
        if (gt == std::string_view::npos) break;
        stop = gt + 1;
        break;
      }
      w->Replace(i, stop, "");
      return stop;
    }
    w->Replace(i, tag_end, IsBlockElement(name) ? "\n" : "");
    return tag_end;
  }

  static size_t FindCaseInsensitive(std::string_view hay, std::string_view needle, size_t from) {
    for (size_t p = from; p + needle.size() <= hay.size(); ++p) {
      if (EqualsIgnoreCase(hay.substr(p, needle.size()), needle)) return p;
    }
    return std::string_view::npos;
  }

  std::unordered_set<std::string> escaped_;
};

}  // namespace

std::shared_ptr<const CharFilter> NewHtmlStripCharFilter(std::string name,
                                                         std::vector<std::string> escaped_tags) {
  return std::make_shared<HtmlStripCharFilter>(std::move(name), std::move(escaped_tags));
}

}  // namespace quiver::analysis
