// Char filter types: html_strip, mapping, pattern_replace.
#include "analysis/builtin_components.h"
#include "analysis/char_filters.h"
#include "analysis/stopwords.h"
#include "analysis/utf8.h"
#include "common/strings.h"

namespace quiver::analysis {
namespace {

// ES MappingCharFilterFactory.parseString: \\ \n \t \r \b \f \uXXXX escapes.
bool UnescapeMappingString(std::string_view s, std::string* out) {
  out->clear();
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c != '\\') {
      out->push_back(c);
      continue;
    }
    if (++i >= s.size()) return false;
    switch (s[i]) {
      case '\\':
        out->push_back('\\');
        break;
      case 'n':
        out->push_back('\n');
        break;
      case 't':
        out->push_back('\t');
        break;
      case 'r':
        out->push_back('\r');
        break;
      case 'b':
        out->push_back('\b');
        break;
      case 'f':
        out->push_back('\f');
        break;
      case 'u': {
        if (i + 4 >= s.size()) return false;
        uint32_t v = 0;
        for (size_t k = 1; k <= 4; ++k) {
          const char h = s[i + k];
          int d = (h >= '0' && h <= '9')   ? h - '0'
                  : (h >= 'a' && h <= 'f') ? h - 'a' + 10
                  : (h >= 'A' && h <= 'F') ? h - 'A' + 10
                                           : -1;
          if (d < 0) return false;
          v = v * 16 + static_cast<uint32_t>(d);
        }
        if (v >= 0xD800 && v <= 0xDFFF) return false;
        AppendUtf8(v, out);
        i += 4;
        break;
      }
      default:
        out->push_back(s[i]);
    }
  }
  return true;
}

Result<std::shared_ptr<const CharFilter>> BuildHtmlStrip(const std::string& name, const Settings& s,
                                                         const AnalysisOptions&) {
  std::vector<std::string> escaped = s.GetList("escaped_tags").value_or(std::vector<std::string>{});
  return NewHtmlStripCharFilter(name, std::move(escaped));
}

Result<std::shared_ptr<const CharFilter>> BuildMapping(const std::string& name, const Settings& s,
                                                       const AnalysisOptions&) {
  QUIVER_RETURN_IF_ERROR(s.RejectPath("mappings_path"));
  std::optional<std::vector<std::string>> rules = s.GetList("mappings");
  if (!rules) {
    return IllegalArgument(
        "mapping requires either `mappings` or `mappings_path` to be configured");
  }
  std::vector<std::pair<std::string, std::string>> mappings;
  for (const std::string& rule : *rules) {
    // ES: "(.*)\s*=>\s*(.*)\s*$", the last "=>" splits.
    const size_t arrow = rule.rfind("=>");
    if (arrow == std::string::npos) {
      return IllegalArgument("Invalid Mapping Rule : [" + rule + "]");
    }
    std::string lhs, rhs;
    if (!UnescapeMappingString(TrimWhitespace(std::string_view(rule).substr(0, arrow)), &lhs) ||
        !UnescapeMappingString(TrimWhitespace(std::string_view(rule).substr(arrow + 2)), &rhs)) {
      return IllegalArgument("Invalid Mapping Rule : [" + rule + "]. Illegal mapping.");
    }
    if (lhs.empty()) return IllegalArgument("cannot match the empty string");
    for (const auto& m : mappings) {
      if (m.first == lhs) return IllegalArgument("match \"" + lhs + "\" was already added");
    }
    mappings.emplace_back(std::move(lhs), std::move(rhs));
  }
  return NewMappingCharFilter(name, std::move(mappings));
}

Result<std::shared_ptr<const CharFilter>> BuildPatternReplace(const std::string& name,
                                                              const Settings& s,
                                                              const AnalysisOptions&) {
  std::optional<std::string> pattern = s.GetString("pattern");
  if (!pattern || pattern->empty()) {
    return IllegalArgument("pattern is missing for [" + name +
                           "] char filter of type 'pattern_replace'");
  }
  QUIVER_ASSIGN_OR_RETURN(std::shared_ptr<const Regex> regex,
                          Regex::Compile(*pattern, s.GetString("flags", "")));
  std::string replacement = s.GetString("replacement", "");
  QUIVER_RETURN_IF_ERROR(ValidateReplacement(*regex, replacement));
  return NewPatternReplaceCharFilter(name, std::move(regex), std::move(replacement));
}

const ComponentType<CharFilter> kCharFilterTypes[] = {
    {"html_strip", BuildHtmlStrip},
    {"htmlStrip", BuildHtmlStrip},
    {"mapping", BuildMapping, true},
    {"pattern_replace", BuildPatternReplace, true},
};

}  // namespace

const ComponentType<CharFilter>* FindCharFilterType(std::string_view type) {
  for (const auto& t : kCharFilterTypes) {
    if (t.type == type) return &t;
  }
  return nullptr;
}

std::shared_ptr<const CharFilter> BuiltinCharFilter(std::string_view name) {
  if (name != "html_strip" && name != "htmlStrip") return nullptr;
  static const std::shared_ptr<const CharFilter> html = NewHtmlStripCharFilter("html_strip", {});
  return html;
}

Result<std::optional<std::vector<std::string>>> ParseWordList(const Settings& settings,
                                                              std::string_view key,
                                                              bool resolve_named_lists) {
  std::string path_key(key);
  path_key += "_path";
  QUIVER_RETURN_IF_ERROR(settings.RejectPath(path_key));
  std::optional<std::vector<std::string>> list = settings.GetList(key);
  if (!list) return std::optional<std::vector<std::string>>();
  if (list->size() == 1 && (*list)[0] == "_none_") {
    return std::optional<std::vector<std::string>>(std::vector<std::string>{});
  }
  if (resolve_named_lists) *list = ResolveStopWords(*list);
  return list;
}

}  // namespace quiver::analysis
