#include "analysis/synonym_map.h"

#include <algorithm>
#include <map>

#include "analysis/analysis_settings.h"
#include "common/strings.h"

namespace quiver::analysis {
namespace {

// Splits on `sep` outside backslash escapes; with `unescape` the escapes are
// removed (SolrSynonymParser.split + unescape). Parts are trimmed.
std::vector<std::string> SplitEscaped(std::string_view s, std::string_view sep,
                                      bool unescape = true) {
  std::vector<std::string> parts;
  std::string current;
  for (size_t i = 0; i < s.size();) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      if (!unescape) current.push_back('\\');
      current.push_back(s[i + 1]);
      i += 2;
      continue;
    }
    if (s.substr(i, sep.size()) == sep) {
      parts.push_back(std::string(TrimWhitespace(current)));
      current.clear();
      i += sep.size();
      continue;
    }
    current.push_back(s[i]);
    ++i;
  }
  parts.push_back(std::string(TrimWhitespace(current)));
  return parts;
}

bool ContainsUnescaped(std::string_view s, std::string_view sep) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
      continue;
    }
    if (s.substr(i, sep.size()) == sep) return true;
  }
  return false;
}

// SynonymMap.Parser.analyze: the words of `text` joined by '\0'.
Status AnalyzeTerm(const Analyzer& analyzer, const std::string& text, std::string* out) {
  out->clear();
  Status problem;
  Status st = analyzer.Analyze(text, [&](const Token& t) {
    if (!problem.ok()) return;
    if (t.term.empty()) {
      problem = IllegalArgument("term: " + text + " analyzed to a zero-length token");
      return;
    }
    if (t.position_increment != 1) {
      problem = IllegalArgument(
          "term: " + text + " analyzed to a token (" + t.term +
          ") with position increment != 1 (got: " + std::to_string(t.position_increment) + ")");
      return;
    }
    if (!out->empty()) out->push_back(kSynonymWordSeparator);
    out->append(t.term);
  });
  QUIVER_RETURN_IF_ERROR(st);
  QUIVER_RETURN_IF_ERROR(problem);
  if (out->empty()) {
    return IllegalArgument("term: " + text + " was completely eliminated by analyzer");
  }
  return Status::Ok();
}

Status RuleError(size_t line, const Status& cause) {
  Status parse = Status::ParseError("Invalid synonym rule at line " + std::to_string(line))
                     .WithType("parse_exception")
                     .WithCause(cause);
  return IllegalArgument("failed to build synonyms").WithCause(parse);
}

// WordNet prolog: s(102119652,1,'crock',n,1,0). Groups words by synset id.
std::vector<std::vector<std::string>> ParseWordnet(const std::vector<std::string>& lines) {
  std::map<std::string, std::vector<std::string>> synsets;
  std::vector<std::string> order;
  for (const std::string& line : lines) {
    std::string_view l = TrimWhitespace(line);
    if (!l.starts_with("s(")) continue;
    const size_t comma = l.find(',');
    const size_t q1 = l.find('\'');
    if (comma == std::string_view::npos || q1 == std::string_view::npos) continue;
    std::string id(l.substr(2, comma - 2));
    std::string word;
    size_t i = q1 + 1;
    for (; i < l.size(); ++i) {
      if (l[i] == '\'') {
        if (i + 1 < l.size() && l[i + 1] == '\'') {
          word.push_back('\'');
          ++i;
          continue;
        }
        break;
      }
      word.push_back(l[i]);
    }
    if (!synsets.count(id)) order.push_back(id);
    synsets[id].push_back(word);
  }
  std::vector<std::vector<std::string>> out;
  for (const std::string& id : order) out.push_back(synsets[id]);
  return out;
}

}  // namespace

void SynonymMap::Add(const std::string& input, const std::string& output, bool keep_original) {
  Entry& e = entries_[input];
  e.keep_original |= keep_original;
  if (std::find(e.outputs.begin(), e.outputs.end(), output) == e.outputs.end()) {
    e.outputs.push_back(output);
  }
  const int words =
      static_cast<int>(std::count(input.begin(), input.end(), kSynonymWordSeparator)) + 1;
  max_input_words_ = std::max(max_input_words_, words);
  for (size_t i = 0; i < input.size(); ++i) {
    if (input[i] == kSynonymWordSeparator) prefixes_.insert(input.substr(0, i));
  }
  prefixes_.insert(input);
}

const SynonymMap::Entry* SynonymMap::Find(std::string_view input) const {
  auto it = entries_.find(std::string(input));
  return it == entries_.end() ? nullptr : &it->second;
}

Result<std::shared_ptr<const SynonymMap>> SynonymMap::Build(const SynonymOptions& options,
                                                            const Analyzer& analyzer) {
  auto map = std::make_shared<SynonymMap>();
  const bool lenient = options.lenient;
  // Analyzes one side term; with `lenient`, a failing term is dropped.
  auto analyze = [&](const std::string& text, size_t line, std::string* out) -> Status {
    Status st = AnalyzeTerm(analyzer, text, out);
    if (st.ok()) return st;
    if (lenient) {
      out->clear();
      return Status::Ok();
    }
    return RuleError(line, st);
  };
  auto add = [&](const std::string& in, const std::string& out, bool keep) {
    if (lenient && (in.empty() || out.empty())) return;
    map->Add(in, out, keep);
  };
  auto add_group = [&](const std::vector<std::string>& words, size_t line) -> Status {
    std::vector<std::string> inputs;
    for (const std::string& w : words) {
      std::string analyzed;
      QUIVER_RETURN_IF_ERROR(analyze(w, line, &analyzed));
      inputs.push_back(std::move(analyzed));
    }
    if (options.expand) {
      for (size_t i = 0; i < inputs.size(); ++i) {
        for (size_t j = 0; j < inputs.size(); ++j) {
          if (i != j) add(inputs[i], inputs[j], true);
        }
      }
    } else {
      for (const std::string& in : inputs) add(in, inputs[0], false);
    }
    return Status::Ok();
  };

  if (options.wordnet) {
    size_t line = 0;
    for (const auto& synset : ParseWordnet(options.rules)) {
      ++line;
      if (synset.size() <= 1) continue;
      QUIVER_RETURN_IF_ERROR(add_group(synset, line));
    }
    return std::shared_ptr<const SynonymMap>(std::move(map));
  }

  size_t line_number = 0;
  for (const std::string& rule : options.rules) {
    for (std::string_view raw : SplitString(rule, '\n')) {
      ++line_number;
      std::string_view line = TrimWhitespace(raw);
      if (line.empty() || line[0] == '#') continue;
      if (ContainsUnescaped(line, "=>")) {
        std::vector<std::string> sides = SplitEscaped(line, "=>", /*unescape=*/false);
        if (sides.size() != 2) {
          return RuleError(
              line_number,
              IllegalArgument("more than one explicit mapping specified on the same line"));
        }
        std::vector<std::string> inputs, outputs;
        for (const std::string& w : SplitEscaped(sides[0], ",")) {
          std::string analyzed;
          QUIVER_RETURN_IF_ERROR(analyze(w, line_number, &analyzed));
          inputs.push_back(std::move(analyzed));
        }
        for (const std::string& w : SplitEscaped(sides[1], ",")) {
          std::string analyzed;
          QUIVER_RETURN_IF_ERROR(analyze(w, line_number, &analyzed));
          outputs.push_back(std::move(analyzed));
        }
        for (const std::string& in : inputs) {
          for (const std::string& out : outputs) add(in, out, false);
        }
      } else {
        QUIVER_RETURN_IF_ERROR(add_group(SplitEscaped(line, ","), line_number));
      }
    }
  }
  return std::shared_ptr<const SynonymMap>(std::move(map));
}

}  // namespace quiver::analysis
