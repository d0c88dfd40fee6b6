#include "api/es/search_fetch.h"

#include <algorithm>
#include <cmath>

#include "api/es/highlighter.h"
#include "common/decimal_format.h"
#include "common/strings.h"
#include "engine/node.h"
#include "schema/field_mapper.h"
#include "schema/geo_point.h"
#include "schema/ip_address.h"
#include "schema/mapping.h"
#include "schema/source_filter.h"
#include "segment/bit_packing.h"

namespace quiver::api {
namespace {

void WriteSortValue(JsonWriter* w, const query::SortValue& v, bool is_long_max_for_missing) {
  switch (v.kind) {
    case query::SortValue::Kind::kNull:
      if (is_long_max_for_missing) {
        w->Int(INT64_MAX);
      } else {
        w->Null();
      }
      break;
    case query::SortValue::Kind::kLong:
      w->Int(v.l);
      break;
    case query::SortValue::Kind::kDouble:
      w->Double(v.d);
      break;
    case query::SortValue::Kind::kString:
      w->String(v.s);
      break;
  }
}

std::string FormatDate(const schema::FieldMapper* fm, int64_t value, const std::string& format) {
  if (!format.empty() && format != "use_field_mapping") {
    if (format == "epoch_millis") return std::to_string(value);
    auto f = schema::DateFormat::Parse(format);
    if (f.ok()) return f->Format(value);
  }
  if (fm && fm->type() == schema::FieldType::kDateNanos)
    return fm->date().format.FormatNanos(value);
  return fm ? fm->date().format.Format(value) : schema::DateFormat::Default().Format(value);
}

}  // namespace

void SourceValues(const json::value& v, std::string_view path, json::array* out) {
  if (path.empty()) {
    if (v.is_array()) {
      for (const auto& e : v.get_array()) SourceValues(e, "", out);
    } else if (!v.is_null()) {
      out->push_back(v);
    }
    return;
  }
  if (v.is_array()) {
    for (const auto& e : v.get_array()) SourceValues(e, path, out);
    return;
  }
  if (!v.is_object()) return;
  for (const auto& kv : v.get_object()) {
    std::string_view key(kv.key().data(), kv.key().size());
    if (path == key) {
      SourceValues(kv.value(), "", out);
    } else if (path.size() > key.size() && path.substr(0, key.size()) == key &&
               path[key.size()] == '.') {
      SourceValues(kv.value(), path.substr(key.size() + 1), out);
    }
  }
}

Result<json::value> DocValueFieldValues(const FetchContext& ctx,
                                        const segment::SegmentReader& reader, uint32_t doc,
                                        const std::string& field, const std::string& format) {
  const segment::FieldReaders* fr = reader.field(field);
  const schema::FieldMapper* fm = ctx.mapping->FindField(field);
  json::array out;
  if (fr == nullptr) return json::value(std::move(out));
  std::optional<DecimalFormat> decimal;
  if (!format.empty() && format != "use_field_mapping" && fm && schema::IsNumericType(fm->type())) {
    QUIVER_ASSIGN_OR_RETURN(decimal, DecimalFormat::Parse(format));
  }
  if (fr->numeric) {
    uint32_t n = fr->numeric->Count(doc);
    for (uint32_t i = 0; i < n; ++i) {
      int64_t raw = fr->numeric->Value(doc, i);
      if (fm && schema::IsDateType(fm->type())) {
        out.push_back(json::value(FormatDate(fm, raw, format)));
      } else if (fm && fm->type() == schema::FieldType::kBoolean) {
        out.push_back(json::value(raw != 0));
      } else if (fm && fm->type() == schema::FieldType::kGeoPoint) {
        // "lat,lon", as ES renders geo_point doc values.
        schema::GeoPoint p = schema::DecodeGeoPoint(raw);
        std::string text;
        AppendJsonDouble(&text, p.lat);
        text += ',';
        AppendJsonDouble(&text, p.lon);
        out.push_back(json::value(text));
      } else {
        double d = fm && fm->type() == schema::FieldType::kScaledFloat
                       ? static_cast<double>(raw) / fm->numeric().scaling_factor
                   : fr->numeric->is_double() ? segment::SortableToDouble(raw)
                                              : static_cast<double>(raw);
        if (decimal) {
          out.push_back(json::value(decimal->Format(d)));
        } else if (fr->numeric->is_double() ||
                   (fm && fm->type() == schema::FieldType::kScaledFloat)) {
          out.push_back(json::value(d));
        } else {
          out.push_back(json::value(raw));
        }
      }
    }
  } else if (fr->sorted) {
    uint32_t n = fr->sorted->Count(doc);
    for (uint32_t i = 0; i < n; ++i) {
      std::string_view term = fr->sorted->Term(fr->sorted->Ord(doc, i));
      if (fm && fm->type() == schema::FieldType::kIp && term.size() == 16) {
        schema::IpBytes ip;
        std::memcpy(ip.data(), term.data(), 16);
        out.push_back(json::value(schema::FormatIp(ip)));
      } else {
        out.push_back(json::value(std::string(term)));
      }
    }
  }
  return json::value(std::move(out));
}

Status FetchHit(const FetchContext& ctx, const query::ShardHit& hit, bool show_score,
                bool show_sort, JsonWriter* w) {
  const SearchRequest& s = *ctx.request;
  const segment::SegmentView& view = ctx.searcher->segments[hit.segment];
  const segment::SegmentReader& r = *view.reader;
  w->BeginObject();
  if (s.explain) {
    w->Field("_shard", "[" + ctx.index->name() + "][" + std::to_string(ctx.shard) + "]");
    w->Field("_node", ctx.node_id);
  }
  w->Field("_index", ctx.index->name());
  w->Field("_id", r.ids().id(hit.doc));
  segment::DocMeta meta = r.doc_meta().Get(hit.doc);
  if (s.version) w->Field("_version", meta.version);
  if (s.seq_no_primary_term) {
    w->Field("_seq_no", meta.seq_no);
    w->Field("_primary_term", meta.primary_term);
  }
  w->Key("_score");
  if (show_score && !std::isnan(hit.score)) {
    w->Float(hit.score);
  } else {
    w->Null();
  }
  if (!r.ids().routing(hit.doc).empty()) w->Field("_routing", r.ids().routing(hit.doc));
  bool stored_none =
      s.stored_fields && s.stored_fields->size() == 1 && (*s.stored_fields)[0] == "_none_";
  bool stored_source =
      s.stored_fields && std::find(s.stored_fields->begin(), s.stored_fields->end(), "_source") !=
                             s.stored_fields->end();
  bool want_source =
      s.source.fetch && !stored_none && (!s.stored_fields || s.source_given || stored_source);
  bool need_source = want_source || !s.fields.empty() || !s.highlight.is_null() ||
                     (s.stored_fields && !stored_none);
  std::string source;
  if (need_source) QUIVER_RETURN_IF_ERROR(r.source().Get(hit.doc, &source));
  json::value parsed;
  if (!source.empty() &&
      (!s.fields.empty() || !s.highlight.is_null() || (s.stored_fields && !stored_none))) {
    auto p = ParseJson(source);
    if (p.ok()) parsed = std::move(p).value();
  }
  if (want_source && !source.empty()) {
    QUIVER_ASSIGN_OR_RETURN(std::string filtered, ApplySourceFetch(s.source, source));
    w->Key("_source");
    w->Raw(filtered);
  }
  // fields, docvalue_fields and stored fields all render under "fields".
  json::object fields;
  for (const auto& f : s.fields) {
    for (const schema::FieldMapper* fm : ctx.mapping->fields()) {
      if (!engine::SimpleMatch(f.field, fm->full_path())) continue;
      json::array values;
      if (fm->is_multi_field() || schema::IsDateType(fm->type()) ||
          fm->type() == schema::FieldType::kIp) {
        QUIVER_ASSIGN_OR_RETURN(json::value dv,
                                DocValueFieldValues(ctx, r, hit.doc, fm->full_path(), f.format));
        if (dv.is_array()) values = std::move(dv.as_array());
      }
      if (values.empty() && !fm->is_multi_field()) SourceValues(parsed, fm->full_path(), &values);
      if (!values.empty()) fields[fm->full_path()] = std::move(values);
    }
  }
  for (const auto& f : s.docvalue_fields) {
    bool matched = false;
    for (const schema::FieldMapper* fm : ctx.mapping->fields()) {
      if (!engine::SimpleMatch(f.field, fm->full_path())) continue;
      matched = true;
      QUIVER_ASSIGN_OR_RETURN(json::value v,
                              DocValueFieldValues(ctx, r, hit.doc, fm->full_path(), f.format));
      if (v.is_array() && !v.as_array().empty()) fields[fm->full_path()] = std::move(v);
    }
    (void)matched;
  }
  if (s.stored_fields && !stored_none) {
    for (const auto& pattern : *s.stored_fields) {
      for (const schema::FieldMapper* fm : ctx.mapping->fields()) {
        if (!fm->stored() || !engine::SimpleMatch(pattern, fm->full_path())) continue;
        json::array values;
        SourceValues(parsed, fm->full_path(), &values);
        if (!values.empty()) fields[fm->full_path()] = std::move(values);
      }
    }
  }
  if (!fields.empty()) {
    w->Key("fields");
    w->Value(fields);
  }
  if (!s.highlight.is_null() && parsed.is_object()) {
    QUIVER_ASSIGN_OR_RETURN(json::object hl, HighlightHit(s.highlight, *ctx.query, *ctx.mapping,
                                                          *ctx.analysis, parsed));
    if (!hl.empty()) {
      w->Key("highlight");
      w->Value(hl);
    }
  }
  if (show_sort && !hit.sort_values.empty()) {
    w->Key("sort");
    w->BeginArray();
    for (size_t i = 0; i < hit.sort_values.size(); ++i) {
      const query::SortValue& v = hit.sort_values[i];
      const std::optional<SortDateUnit>* unit =
          ctx.sort_formats != nullptr && i < ctx.sort_formats->size() ? &(*ctx.sort_formats)[i]
                                                                      : nullptr;
      if (unit != nullptr && unit->has_value() && v.kind == query::SortValue::Kind::kLong) {
        w->String(FormatSortDate(**unit, v.l));
      } else {
        WriteSortValue(w, v, false);
      }
    }
    w->EndArray();
  }
  if (s.explain) {
    QUIVER_ASSIGN_OR_RETURN(query::Explanation e,
                            query::ExplainDoc(ctx.searcher, *ctx.query, hit.segment, hit.doc));
    w->Key("_explanation");
    e.WriteJson(w);
  }
  w->EndObject();
  return Status::Ok();
}

}  // namespace quiver::api
