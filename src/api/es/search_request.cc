#include "api/es/search_request.h"

#include "common/strings.h"

namespace quiver::api {
namespace {

Status UnknownKey(const std::string& key, const json::value& v) {
  return Status::ParseError("Unknown key for a " + std::string(JsonTokenName(v)) + " in [" + key +
                            "].")
      .WithType("parsing_exception");
}

Result<int64_t> IntField(const std::string& key, const json::value& v) {
  auto n = JsonToInt64(v);
  if (!n) {
    return Status::ParseError("[" + key + "] failed to parse field [" + key + "]")
        .WithType("x_content_parse_exception");
  }
  return *n;
}

Result<SortSpec> ParseSortEntry(const json::value& v) {
  SortSpec s;
  if (v.is_string()) {
    s.field = std::string(v.get_string());
    s.desc = s.field == "_score";
    return s;
  }
  if (!v.is_object() || v.get_object().size() != 1) {
    return Status::ParseError("[sort] malformed sort entry").WithType("parsing_exception");
  }
  const auto& kv = *v.get_object().begin();
  s.field = std::string(kv.key());
  s.desc = s.field == "_score";
  const json::value& spec = kv.value();
  auto set_order = [&](const json::value& o) -> Status {
    auto str = JsonToString(o);
    if (!str || (*str != "asc" && *str != "desc")) {
      return Status::InvalidArgument("Unknown SortOrder [" + str.value_or("") + "]");
    }
    s.desc = *str == "desc";
    s.order_given = true;
    return Status::Ok();
  };
  if (spec.is_string()) {
    QUIVER_RETURN_IF_ERROR(set_order(spec));
    return s;
  }
  if (!spec.is_object()) {
    return Status::ParseError("[sort] malformed sort entry").WithType("parsing_exception");
  }
  for (const auto& f : spec.get_object()) {
    std::string k(f.key());
    if (k == "order") {
      QUIVER_RETURN_IF_ERROR(set_order(f.value()));
    } else if (k == "mode") {
      s.mode = JsonToString(f.value()).value_or("");
    } else if (k == "missing") {
      s.missing = f.value();
    } else if (k == "unmapped_type") {
      s.unmapped_type = JsonToString(f.value()).value_or("");
    } else if (k == "numeric_type") {
      s.numeric_type = JsonToString(f.value()).value_or("");
    } else if (k == "format") {
      s.format = JsonToString(f.value()).value_or("");
    } else if (k == "nested" || k == "nested_path" || k == "nested_filter") {
      return Status::Unsupported("nested sorting is not supported by Quiver");
    } else {
      return Status::ParseError("[" + s.field + "] unknown field [" + k + "]")
          .WithType("x_content_parse_exception");
    }
  }
  return s;
}

Result<std::vector<SortSpec>> ParseSort(const json::value& v) {
  std::vector<SortSpec> out;
  if (v.is_array()) {
    for (const auto& e : v.get_array()) {
      QUIVER_ASSIGN_OR_RETURN(SortSpec s, ParseSortEntry(e));
      out.push_back(std::move(s));
    }
  } else {
    QUIVER_ASSIGN_OR_RETURN(SortSpec s, ParseSortEntry(v));
    out.push_back(std::move(s));
  }
  return out;
}

// "field:asc,other" in the URL.
std::vector<SortSpec> ParseSortParam(const std::string& param) {
  std::vector<SortSpec> out;
  for (auto part : SplitString(param, ',')) {
    part = TrimWhitespace(part);
    if (part.empty()) continue;
    SortSpec s;
    size_t colon = part.rfind(':');
    if (colon != std::string_view::npos) {
      s.field = std::string(part.substr(0, colon));
      s.desc = part.substr(colon + 1) == "desc";
      s.order_given = true;
    } else {
      s.field = std::string(part);
      s.desc = s.field == "_score";
    }
    out.push_back(std::move(s));
  }
  return out;
}

Result<std::vector<FieldAndFormat>> ParseFieldList(const std::string& key, const json::value& v) {
  std::vector<FieldAndFormat> out;
  if (!v.is_array()) {
    return Status::ParseError("[" + key + "] must be an array").WithType("parsing_exception");
  }
  for (const auto& e : v.get_array()) {
    FieldAndFormat f;
    if (e.is_string()) {
      f.field = std::string(e.get_string());
    } else if (e.is_object()) {
      if (auto* fld = JsonFind(e, "field")) f.field = JsonToString(*fld).value_or("");
      if (auto* fmt = JsonFind(e, "format")) f.format = JsonToString(*fmt).value_or("");
    } else {
      return Status::ParseError("[" + key + "] entries must be strings or objects")
          .WithType("parsing_exception");
    }
    out.push_back(std::move(f));
  }
  return out;
}

Result<float> FloatField(const std::string& key, const json::value& v) {
  auto d = JsonToDouble(v);
  if (!d) {
    return Status::ParseError("[" + key + "] failed to parse field")
        .WithType("x_content_parse_exception");
  }
  return static_cast<float>(*d);
}

}  // namespace

Status ReadQueryStringParams(const RestRequest& req, SearchRequest* s) {
  const std::string* q = req.param("q");
  if (q == nullptr) return Status::Ok();
  s->q = *q;
  json::object& o = s->q_options.as_object();
  if (const std::string* v = req.param("df")) o["default_field"] = *v;
  if (const std::string* v = req.param("default_operator")) o["default_operator"] = *v;
  if (const std::string* v = req.param("analyzer")) o["analyzer"] = *v;
  for (const char* p : {"analyze_wildcard", "lenient"}) {
    if (req.has_param(p)) {
      QUIVER_ASSIGN_OR_RETURN(bool b, req.bool_param(p, false));
      o[p] = b;
    }
  }
  return Status::Ok();
}

Result<SearchRequest> ParseSearchRequest(const json::value& body, const RestRequest& req) {
  SearchRequest s;
  if (!body.is_null() && !body.is_object()) {
    return Status::ParseError("Expected [START_OBJECT] but found [" +
                              std::string(JsonTokenName(body)) + "]")
        .WithType("parsing_exception");
  }
  if (body.is_object()) {
    for (const auto& kv : body.get_object()) {
      std::string key(kv.key());
      const json::value& v = kv.value();
      if (key == "query") {
        if (!v.is_object()) return UnknownKey(key, v);
        s.query = v;
      } else if (key == "post_filter") {
        s.post_filter = v;
      } else if (key == "from") {
        QUIVER_ASSIGN_OR_RETURN(s.from, IntField(key, v));
      } else if (key == "size") {
        QUIVER_ASSIGN_OR_RETURN(s.size, IntField(key, v));
        s.size_given = true;
      } else if (key == "sort") {
        QUIVER_ASSIGN_OR_RETURN(s.sort, ParseSort(v));
      } else if (key == "search_after") {
        if (!v.is_array())
          return Status::ParseError("[search_after] must be an array")
              .WithType("parsing_exception");
        for (const auto& e : v.get_array()) s.search_after.push_back(e);
      } else if (key == "track_total_hits") {
        s.track_total_hits_given = true;
        if (v.is_bool()) {
          s.track_total_hits = v.get_bool() ? INT64_MAX : 0;
        } else {
          QUIVER_ASSIGN_OR_RETURN(s.track_total_hits, IntField(key, v));
          if (s.track_total_hits < 0) {
            return Status::InvalidArgument(
                "[track_total_hits] parameter must be positive or equals to -1, got " +
                std::to_string(s.track_total_hits));
          }
        }
      } else if (key == "track_scores") {
        s.track_scores = JsonToBool(v).value_or(false);
      } else if (key == "min_score") {
        QUIVER_ASSIGN_OR_RETURN(float m, FloatField(key, v));
        s.min_score = m;
      } else if (key == "terminate_after") {
        QUIVER_ASSIGN_OR_RETURN(s.terminate_after, IntField(key, v));
      } else if (key == "timeout") {
        int64_t ms;
        if (!ParseTimeValueMs(JsonToString(v).value_or(""), &ms)) {
          return Status::ParseError("failed to parse setting [timeout]")
              .WithType("parse_exception");
        }
        s.timeout_ms = ms;
      } else if (key == "_source") {
        QUIVER_ASSIGN_OR_RETURN(s.source, SourceFetchFromJson(v));
        s.source_given = true;
      } else if (key == "stored_fields") {
        std::vector<std::string> f;
        if (v.is_string()) {
          f.emplace_back(v.get_string());
        } else if (v.is_array()) {
          for (const auto& e : v.get_array()) f.push_back(JsonToString(e).value_or(""));
        }
        s.stored_fields = std::move(f);
      } else if (key == "docvalue_fields") {
        QUIVER_ASSIGN_OR_RETURN(s.docvalue_fields, ParseFieldList(key, v));
      } else if (key == "fields") {
        QUIVER_ASSIGN_OR_RETURN(s.fields, ParseFieldList(key, v));
      } else if (key == "highlight") {
        s.highlight = v;
      } else if (key == "explain") {
        s.explain = JsonToBool(v).value_or(false);
      } else if (key == "version") {
        s.version = JsonToBool(v).value_or(false);
      } else if (key == "seq_no_primary_term") {
        s.seq_no_primary_term = JsonToBool(v).value_or(false);
      } else if (key == "indices_boost") {
        if (v.is_array()) {
          for (const auto& e : v.get_array()) {
            if (!e.is_object()) continue;
            for (const auto& b : e.get_object()) {
              s.indices_boost.push_back(
                  {std::string(b.key()), static_cast<float>(JsonToDouble(b.value()).value_or(1))});
            }
          }
        } else if (v.is_object()) {
          for (const auto& b : v.get_object()) {
            s.indices_boost.push_back(
                {std::string(b.key()), static_cast<float>(JsonToDouble(b.value()).value_or(1))});
          }
        }
      } else if (key == "rescore") {
        std::vector<json::value> list;
        if (v.is_array()) {
          for (const auto& e : v.get_array()) list.push_back(e);
        } else {
          list.push_back(v);
        }
        for (const auto& r : list) {
          RescoreSpec rs;
          if (auto* w = JsonFind(r, "window_size")) rs.window_size = JsonToInt64(*w).value_or(10);
          const json::value* q = JsonFind(r, "query");
          if (q == nullptr || !JsonFind(*q, "rescore_query")) {
            return Status::ParseError("missing rescore query").WithType("parsing_exception");
          }
          rs.query = *JsonFind(*q, "rescore_query");
          if (auto* qw = JsonFind(*q, "query_weight"))
            rs.query_weight = static_cast<float>(JsonToDouble(*qw).value_or(1));
          if (auto* rw = JsonFind(*q, "rescore_query_weight"))
            rs.rescore_query_weight = static_cast<float>(JsonToDouble(*rw).value_or(1));
          if (auto* sm = JsonFind(*q, "score_mode"))
            rs.score_mode = JsonToString(*sm).value_or("total");
          s.rescore.push_back(std::move(rs));
        }
      } else if (key == "profile") {
        s.profile = JsonToBool(v).value_or(false);
      } else if (key == "aggs" || key == "aggregations") {
        s.aggs = v;
      } else if (key == "knn") {
        s.knn = v;
      } else if (key == "rank") {
        s.rank = v;
      } else if (key == "retriever") {
        s.retriever = v;
      } else if (key == "pit") {
        s.pit = v;
      } else if (key == "slice") {
        if (!v.is_object()) return UnknownKey(key, v);
        SliceSpec slice;
        for (const auto& skv : v.get_object()) {
          std::string sk(skv.key());
          if (sk == "id") {
            QUIVER_ASSIGN_OR_RETURN(slice.id, IntField(sk, skv.value()));
          } else if (sk == "max") {
            QUIVER_ASSIGN_OR_RETURN(slice.max, IntField(sk, skv.value()));
          } else if (sk == "field") {
            slice.field = JsonToString(skv.value()).value_or("");
          } else {
            return Status::ParseError("[slice] unknown field [" + sk + "]")
                .WithType("x_content_parse_exception");
          }
        }
        if (slice.id < 0) return Status::InvalidArgument("id must be greater than or equal to 0");
        if (slice.max <= 1) return Status::InvalidArgument("max must be greater than 1");
        if (slice.id >= slice.max) return Status::InvalidArgument("max must be greater than id");
        s.slice = slice;
      } else if (key == "collapse") {
        s.collapse = v;
      } else if (key == "suggest") {
        s.suggest = v;
      } else if (key == "stats" || key == "ext" || key == "runtime_mappings") {
        // accepted, no effect
      } else if (key == "script_fields") {
        if (!v.is_object()) return UnknownKey(key, v);
        s.script_fields = v.get_object().size();
      } else {
        return UnknownKey(key, v);
      }
    }
  }
  // URL parameters override the body, as ES's RestSearchAction applies them.
  if (req.has_param("_source") || req.has_param("_source_includes") ||
      req.has_param("_source_excludes")) {
    QUIVER_ASSIGN_OR_RETURN(s.source, SourceFetchFromParams(req));
    s.source_given = true;
  }
  QUIVER_RETURN_IF_ERROR(ReadQueryStringParams(req, &s));
  if (req.has_param("from")) {
    QUIVER_ASSIGN_OR_RETURN(s.from, req.int_param("from", 0));
  }
  if (req.has_param("size")) {
    QUIVER_ASSIGN_OR_RETURN(s.size, req.int_param("size", 10));
    s.size_given = true;
  }
  if (const std::string* sort = req.param("sort")) s.sort = ParseSortParam(*sort);
  if (const std::string* t = req.param("track_total_hits")) {
    s.track_total_hits_given = true;
    if (*t == "true") {
      s.track_total_hits = INT64_MAX;
    } else if (*t == "false") {
      s.track_total_hits = 0;
    } else {
      QUIVER_ASSIGN_OR_RETURN(s.track_total_hits, req.int_param("track_total_hits", 10000));
    }
  }
  QUIVER_ASSIGN_OR_RETURN(s.rest_total_hits_as_int,
                          req.bool_param("rest_total_hits_as_int", false));
  if (s.rest_total_hits_as_int) {
    if (s.track_total_hits_given && s.track_total_hits != INT64_MAX) {
      return Status::InvalidArgument(
          "[rest_total_hits_as_int] cannot be used if the tracking of total hits is not "
          "accurate, got " +
          std::to_string(s.track_total_hits == 0 ? -1 : s.track_total_hits));
    }
    s.track_total_hits = INT64_MAX;
  }
  QUIVER_ASSIGN_OR_RETURN(s.typed_keys, req.bool_param("typed_keys", false));
  QUIVER_ASSIGN_OR_RETURN(s.explain, req.bool_param("explain", s.explain));
  QUIVER_ASSIGN_OR_RETURN(s.version, req.bool_param("version", s.version));
  QUIVER_ASSIGN_OR_RETURN(s.seq_no_primary_term,
                          req.bool_param("seq_no_primary_term", s.seq_no_primary_term));
  QUIVER_ASSIGN_OR_RETURN(s.track_scores, req.bool_param("track_scores", s.track_scores));
  if (req.has_param("terminate_after")) {
    QUIVER_ASSIGN_OR_RETURN(s.terminate_after, req.int_param("terminate_after", 0));
  }
  if (req.has_param("stored_fields")) s.stored_fields = req.list_param("stored_fields");
  for (const auto& f : req.list_param("docvalue_fields")) s.docvalue_fields.push_back({f, ""});
  if (req.has_param("scroll")) {
    QUIVER_ASSIGN_OR_RETURN(int64_t ms, req.time_param_ms("scroll", 60000));
    s.scroll_keep_alive_ms = ms;
  }
  QUIVER_ASSIGN_OR_RETURN(s.allow_partial_search_results,
                          req.bool_param("allow_partial_search_results", true));
  if (s.from < 0) {
    return Status::InvalidArgument("[from] parameter cannot be negative, found [" +
                                   std::to_string(s.from) + "]");
  }
  if (s.size < 0) {
    return Status::InvalidArgument("[size] parameter cannot be negative, found [" +
                                   std::to_string(s.size) + "]");
  }
  if (s.terminate_after < 0) {
    return Status::InvalidArgument("terminateAfter must be > 0");
  }
  // SearchRequest.validate().
  std::vector<std::string> invalid;
  if (s.scroll_keep_alive_ms) {
    QUIVER_ASSIGN_OR_RETURN(bool request_cache, req.bool_param("request_cache", false));
    if (request_cache) invalid.push_back("[request_cache] cannot be used in a scroll context");
    if (s.size_given && s.size == 0) invalid.push_back("[size] cannot be [0] in a scroll context");
    if (s.from > 0) invalid.push_back("using [from] is not allowed in a scroll context");
    if (!s.pit.is_null())
      invalid.push_back("using [point in time] is not allowed in a scroll context");
  } else if (s.slice && s.pit.is_null()) {
    invalid.push_back("[slice] can only be used with [scroll] or [point-in-time] requests");
  }
  if (!invalid.empty()) {
    std::string msg = "Validation Failed: ";
    for (size_t i = 0; i < invalid.size(); ++i) {
      msg += std::to_string(i + 1) + ": " + invalid[i] + ";";
    }
    return Status::InvalidArgument(msg).WithType("action_request_validation_exception");
  }
  return s;
}

Result<std::optional<SortDateUnit>> SortDateUnitOf(const SortSpec& spec,
                                                   const schema::Mapping& mapping) {
  const schema::FieldMapper* fm = mapping.FindField(spec.field);
  if (fm == nullptr || !schema::IsDateType(fm->type())) return std::optional<SortDateUnit>();
  bool field_nanos = fm->type() == schema::FieldType::kDateNanos;
  SortDateUnit unit;
  unit.nanos = spec.numeric_type == "date_nanos" || (field_nanos && spec.numeric_type != "date");
  if (spec.format.empty()) {
    // search_after strings still parse with the field's own format.
    unit.format = fm->date().format;
  } else {
    QUIVER_ASSIGN_OR_RETURN(unit.format, schema::DateFormat::Parse(spec.format));
  }
  return std::optional<SortDateUnit>(std::move(unit));
}

Result<int64_t> ParseSortDate(const SortDateUnit& unit, std::string_view text) {
  return unit.nanos ? unit.format.ParseNanos(text) : unit.format.ParseMillis(text);
}

std::string FormatSortDate(const SortDateUnit& unit, int64_t value) {
  return unit.nanos ? unit.format.FormatNanos(value) : unit.format.Format(value);
}

Status CheckSearchLimits(const SearchRequest& s, const SearchLimits& limits) {
  const int64_t max_result_window = limits.max_result_window;
  const int64_t max_rescore_window = limits.max_rescore_window;
  const int64_t max_docvalue_fields = limits.max_docvalue_fields;
  if (s.scroll_keep_alive_ms) {
    if (s.size > max_result_window) {
      return Status::InvalidArgument(
          "Batch size is too large, size must be less than or equal to: [" +
          std::to_string(max_result_window) + "] but was [" + std::to_string(s.size) +
          "]. Scroll batch sizes cost as much memory as result windows so they are controlled by "
          "the [index.max_result_window] index level setting.");
    }
  } else if (s.from + s.size > max_result_window) {
    return Status::InvalidArgument(
        "Result window is too large, from + size must be less than or equal to: [" +
        std::to_string(max_result_window) + "] but was [" + std::to_string(s.from + s.size) +
        "]. See the scroll api for a more efficient way to request large data sets. This limit "
        "can be set by changing the [index.max_result_window] index level setting.");
  }
  for (const auto& r : s.rescore) {
    if (r.window_size > max_rescore_window) {
      return Status::InvalidArgument(
          "Rescore window [" + std::to_string(r.window_size) +
          "] is too large. It must be less "
          "than [" +
          std::to_string(max_rescore_window) +
          "]. This prevents allocating massive "
          "heaps for storing the results to be rescored. This limit can be set by changing the "
          "[index.max_rescore_window] index level setting.");
    }
  }
  if (static_cast<int64_t>(s.docvalue_fields.size()) > max_docvalue_fields) {
    return Status::InvalidArgument(
        "Trying to retrieve too many docvalue_fields. Must be less than or equal to: [" +
        std::to_string(max_docvalue_fields) + "] but was [" +
        std::to_string(s.docvalue_fields.size()) +
        "]. This limit can be set by changing the "
        "[index.max_docvalue_fields_search] index level setting.");
  }
  if (static_cast<int64_t>(s.script_fields) > limits.max_script_fields) {
    return Status::InvalidArgument(
        "Trying to retrieve too many script_fields. Must be less than or equal to: [" +
        std::to_string(limits.max_script_fields) + "] but was [" + std::to_string(s.script_fields) +
        "]. This limit can be set by changing the [index.max_script_fields] index level "
        "setting.");
  }
  if (s.slice && s.scroll_keep_alive_ms && s.slice->max > limits.max_slices_per_scroll) {
    return Status::InvalidArgument(
        "The number of slices [" + std::to_string(s.slice->max) +
        "] is too large. It must be less than [" + std::to_string(limits.max_slices_per_scroll) +
        "]. This limit can be set by changing the [index.max_slices_per_scroll] index level "
        "setting.");
  }
  if (s.script_fields > 0) {
    return Status::Unsupported(
        "[script_fields] is not supported by Quiver: scripts are not supported");
  }
  return Status::Ok();
}

}  // namespace quiver::api
