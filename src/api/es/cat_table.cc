#include "api/es/cat_table.h"

#include <algorithm>

#include "common/strings.h"
#include "engine/node.h"

namespace quiver::api {

void CatTable::AddColumn(std::string name, std::string description,
                         std::initializer_list<std::string> aliases, bool right_align,
                         bool shown_by_default) {
  columns_.push_back({std::move(name), std::move(description), aliases, right_align,
                      shown_by_default});
}

void CatTable::AddRow(std::vector<std::string> cells) {
  cells.resize(columns_.size());
  rows_.push_back(std::move(cells));
}

void CatTable::HideColumns(std::initializer_list<std::string> names) {
  for (auto& c : columns_) {
    if (std::find(names.begin(), names.end(), c.name) != names.end()) c.shown_by_default = false;
  }
}

Result<RestResponse> CatTable::Render(const RestRequest& req) const {
  QUIVER_ASSIGN_OR_RETURN(bool help, req.bool_param("help", false));
  if (help) {
    std::string out;
    size_t w0 = 0, w1 = 0;
    for (const auto& c : columns_) {
      w0 = std::max(w0, c.name.size());
      std::string al;
      for (const auto& a : c.aliases) al += (al.empty() ? "" : ",") + a;
      w1 = std::max(w1, al.size());
    }
    for (const auto& c : columns_) {
      std::string al;
      for (const auto& a : c.aliases) al += (al.empty() ? "" : ",") + a;
      out += c.name + std::string(w0 - c.name.size(), ' ') + " | " + al +
             std::string(w1 - al.size(), ' ') + " | " + c.description + "\n";
    }
    return RestResponse::Text(out);
  }
  // Selected columns.
  std::vector<size_t> selected;
  auto find_col = [&](std::string_view name) -> std::vector<size_t> {
    std::vector<size_t> hits;
    for (size_t i = 0; i < columns_.size(); ++i) {
      const Column& c = columns_[i];
      bool match = engine::SimpleMatch(name, c.name);
      for (const auto& a : c.aliases) match |= a == name;
      if (match) hits.push_back(i);
    }
    return hits;
  };
  auto h = req.list_param("h");
  if (h.empty()) {
    for (size_t i = 0; i < columns_.size(); ++i) {
      if (columns_[i].shown_by_default) selected.push_back(i);
    }
  } else {
    // Names may repeat (h=cd,creation.date shows the column twice, as ES does).
    for (const auto& name : h) {
      for (size_t i : find_col(name)) selected.push_back(i);
    }
  }
  // Sorting.
  std::vector<const std::vector<std::string>*> rows;
  for (const auto& r : rows_) rows.push_back(&r);
  auto sort_keys = req.list_param("s");
  if (!sort_keys.empty()) {
    std::vector<std::pair<size_t, bool>> keys;  // column, descending
    for (const auto& key : sort_keys) {
      std::string_view k = key;
      bool desc = false;
      if (size_t colon = k.find(':'); colon != std::string_view::npos) {
        desc = k.substr(colon + 1) == "desc";
        k = k.substr(0, colon);
      }
      auto hits = find_col(k);
      if (hits.empty()) {
        return Status::Unsupported("Unable to sort by unknown sort key `" + std::string(k) + "`");
      }
      keys.push_back({hits[0], desc});
    }
    std::stable_sort(rows.begin(), rows.end(), [&](const auto* a, const auto* b) {
      for (const auto& [col, desc] : keys) {
        const std::string& x = (*a)[col];
        const std::string& y = (*b)[col];
        if (x == y) continue;
        double dx, dy;
        bool numeric = ParseDouble(x, &dx) && ParseDouble(y, &dy);
        bool less = numeric ? dx < dy : x < y;
        return desc ? !less : less;
      }
      return false;
    });
  }
  std::string format = req.param_or("format", "text");
  if (format == "json") {
    JsonWriter w;
    w.BeginArray();
    for (const auto* r : rows) {
      w.BeginObject();
      for (size_t i : selected) {
        w.Key(columns_[i].name);
        if ((*r)[i].empty() || (*r)[i] == "-") {
          w.Null();
        } else {
          w.String((*r)[i]);
        }
      }
      w.EndObject();
    }
    w.EndArray();
    return RestResponse::Json(w.Take());
  }
  if (format != "text" && format != "txt") {
    return Status::InvalidArgument("Unsupported format [" + format + "]");
  }
  QUIVER_ASSIGN_OR_RETURN(bool verbose, req.bool_param("v", false));
  std::vector<size_t> widths(columns_.size(), 0);
  for (size_t i : selected) {
    if (verbose) widths[i] = columns_[i].name.size();
    for (const auto* r : rows) widths[i] = std::max(widths[i], (*r)[i].size());
  }
  std::string out;
  auto emit_row = [&](auto cell) {
    std::string line;
    for (size_t k = 0; k < selected.size(); ++k) {
      size_t i = selected[k];
      std::string v = cell(i);
      size_t pad = widths[i] - v.size();
      if (columns_[i].right_align) {
        line += std::string(pad, ' ') + v;
      } else {
        line += v;
        if (k + 1 < selected.size()) line += std::string(pad, ' ');
      }
      if (k + 1 < selected.size()) line += ' ';
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  };
  if (verbose) emit_row([&](size_t i) { return columns_[i].name; });
  for (const auto* r : rows) emit_row([&](size_t i) { return (*r)[i]; });
  return RestResponse::Text(out);
}

}  // namespace quiver::api
