// CatTable: the tables of the _cat APIs and their common parameters —
// `v` (header row), `h` (columns by name or alias, with wildcards), `help`,
// `s` (sort by columns, `:desc`), `format` (text, json). Values are strings,
// as ES's cat JSON output has them. Not thread-safe; one per request.
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

#include "api/es/handler.h"

namespace quiver::api {

class CatTable {
 public:
  void AddColumn(std::string name, std::string description,
                 std::initializer_list<std::string> aliases = {}, bool right_align = false,
                 bool shown_by_default = true);
  void AddRow(std::vector<std::string> cells);
  void HideColumns(std::initializer_list<std::string> names);
  Result<RestResponse> Render(const RestRequest& req) const;

 private:
  struct Column {
    std::string name;
    std::string description;
    std::vector<std::string> aliases;
    bool right_align;
    bool shown_by_default;
  };
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace quiver::api
