#include "corpus.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "common/json.h"

namespace quiver::bench {

namespace {

[[noreturn]] void Fail(const std::string& message) {
  std::fprintf(stderr, "fulltext_bench: %s\n", message.c_str());
  std::exit(1);
}

}  // namespace

Corpus LoadCorpus(const std::string& path, const std::string& field, size_t max_docs) {
  std::ifstream in(path);
  if (!in) Fail("cannot open corpus " + path);
  Corpus corpus;
  corpus.field = field;
  std::string line;
  while (std::getline(in, line)) {
    if (max_docs != 0 && corpus.lines.size() >= max_docs) break;
    if (line.empty()) continue;
    auto v = ParseJson(line);
    if (!v.ok()) Fail(path + ": bad JSON line " + std::to_string(corpus.lines.size() + 1));
    const json::value* text = JsonFind(*v, field);
    if (text == nullptr || !text->is_string()) continue;
    corpus.texts.emplace_back(text->as_string().c_str(), text->as_string().size());
    corpus.text_bytes += corpus.texts.back().size();
    corpus.json_bytes += line.size();
    corpus.lines.push_back(std::move(line));
  }
  if (corpus.lines.empty()) Fail(path + ": no documents with a string field " + field);
  return corpus;
}

const char* QueryTypeName(QueryType type) {
  switch (type) {
    case QueryType::kTerm:
      return "term";
    case QueryType::kAnd:
      return "and";
    case QueryType::kOr:
      return "or";
    case QueryType::kPhrase:
      return "phrase";
  }
  return "?";
}

std::vector<BenchQuery> LoadQueries(const std::string& path, size_t max_per_type) {
  std::ifstream in(path);
  if (!in) Fail("cannot open query file " + path);
  static const std::map<std::string, QueryType> kTypes = {{"term", QueryType::kTerm},
                                                          {"and", QueryType::kAnd},
                                                          {"or", QueryType::kOr},
                                                          {"phrase", QueryType::kPhrase}};
  std::map<QueryType, size_t> per_type;
  std::vector<BenchQuery> out;
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    auto it = tab == std::string::npos ? kTypes.end() : kTypes.find(line.substr(0, tab));
    if (it == kTypes.end())
      Fail(path + ":" + std::to_string(line_no) + ": expected TYPE<TAB>words");
    BenchQuery q;
    q.type = it->second;
    std::istringstream words(line.substr(tab + 1));
    std::string w;
    while (words >> w) {
      for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      q.words.push_back(w);
      q.text += (q.text.empty() ? "" : " ") + w;
    }
    if (q.words.empty()) Fail(path + ":" + std::to_string(line_no) + ": no words");
    if (max_per_type != 0 && per_type[q.type] >= max_per_type) continue;
    ++per_type[q.type];
    out.push_back(std::move(q));
  }
  return out;
}

std::string JsonQuote(const std::string& s) { return json::serialize(json::string(s)); }

}  // namespace quiver::bench
