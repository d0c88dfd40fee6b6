// function_score: a query's scores modified by functions (ES
// FunctionScoreQueryBuilder): weight, field_value_factor, random_score and
// gauss/exp/linear decay on numeric and date fields (date origins as date
// math, "now" by default; scales and offsets as time values), each with an
// optional filter; score_mode, boost_mode, max_boost, min_score; a single
// function may be given at the top level instead of `functions`.
// script_score functions are not supported.
#include <cmath>

#include "common/strings.h"
#include "query/dsl/date_math.h"
#include "query/dsl/field_lookup.h"
#include "query/dsl/query_nodes.h"
#include "query/dsl/query_parsers.h"
#include "schema/field_type.h"

namespace quiver::query::dsl {

namespace {

constexpr std::string_view kQuery = "function_score";

Status FunctionScoreError(std::string message) {
  return ParsingError("failed to parse [function_score] query. " + std::move(message));
}

bool IsFunctionName(std::string_view name) {
  return name == "weight" || name == "field_value_factor" || name == "random_score" ||
         name == "gauss" || name == "exp" || name == "linear" || name == "script_score";
}

// Java String.hashCode (over UTF-16 code units; ASCII seeds agree).
int32_t JavaStringHash(std::string_view s) {
  uint32_t h = 0;
  for (unsigned char c : s) h = 31 * h + c;
  return static_cast<int32_t>(h);
}

Status ParseFieldValueFactor(const json::value& v, ScoreFunction* f) {
  if (!v.is_object()) return FunctionScoreError("[field_value_factor] must be an object");
  f->kind = ScoreFunction::Kind::kFieldValueFactor;
  for (const auto& kv : v.get_object()) {
    std::string_view key(kv.key());
    const json::value& p = kv.value();
    if (key == "field") {
      QUIVER_ASSIGN_OR_RETURN(f->field, ReadString(p, "field_value_factor", key));
    } else if (key == "factor") {
      QUIVER_ASSIGN_OR_RETURN(f->factor, ReadDouble(p, "field_value_factor", key));
    } else if (key == "modifier") {
      QUIVER_ASSIGN_OR_RETURN(std::string m, ReadString(p, "field_value_factor", key));
      std::string lower = AsciiLower(m);
      static const char* kModifiers[] = {"none", "log",  "log1p",  "log2p", "ln",
                                         "ln1p", "ln2p", "square", "sqrt",  "reciprocal"};
      bool known = false;
      for (const char* k : kModifiers) known |= lower == k;
      if (!known) return IllegalArgumentError("Illegal modifier: " + m);
      f->modifier = lower;
    } else if (key == "missing") {
      QUIVER_ASSIGN_OR_RETURN(double missing, ReadDouble(p, "field_value_factor", key));
      f->missing = missing;
    } else {
      return ParsingError("[field_value_factor] query does not support [" + std::string(key) + "]");
    }
  }
  if (f->field.empty()) return ParsingError("[field_value_factor] required field 'field' missing");
  return Status::Ok();
}

Status ParseRandomScore(const json::value& v, const ParseContext& pc, ScoreFunction* f) {
  if (!v.is_object()) return FunctionScoreError("[random_score] must be an object");
  f->kind = ScoreFunction::Kind::kRandomScore;
  bool seeded = false;
  for (const auto& kv : v.get_object()) {
    std::string_view key(kv.key());
    const json::value& p = kv.value();
    if (key == "seed") {
      seeded = true;
      if (p.is_string()) {
        int64_t n;
        f->seed = ParseInt64(std::string_view(p.get_string()), &n)
                      ? n
                      : JavaStringHash(std::string_view(p.get_string()));
      } else {
        QUIVER_ASSIGN_OR_RETURN(f->seed, ReadInt64(p, "random_score", key));
      }
    } else if (key == "field") {
      QUIVER_ASSIGN_OR_RETURN(f->field, ReadString(p, "random_score", key));
    } else {
      return ParsingError("random_score query does not support [" + std::string(key) + "]");
    }
  }
  if (!seeded) {
    int64_t now = pc.now_ms();
    f->seed = static_cast<int32_t>(now ^ static_cast<int64_t>(static_cast<uint64_t>(now) >> 32));
  }
  if (seeded && f->field.empty()) f->field = "_seq_no";
  return Status::Ok();
}

// gauss / exp / linear: {"<field>": {origin, scale, offset, decay}, "multi_value_mode": ..}.
Status ParseDecay(std::string_view type, const json::value& v, ParseContext& pc, ScoreFunction* f) {
  if (!v.is_object()) return FunctionScoreError("[" + std::string(type) + "] must be an object");
  f->kind = ScoreFunction::Kind::kDecay;
  f->decay_type = std::string(type);
  const json::value* params = nullptr;
  for (const auto& kv : v.get_object()) {
    std::string_view key(kv.key());
    if (key == "multi_value_mode") {
      QUIVER_ASSIGN_OR_RETURN(std::string m, ReadString(kv.value(), type, key));
      std::string lower = AsciiLower(m);
      if (lower != "min" && lower != "max" && lower != "avg" && lower != "sum") {
        return IllegalArgumentError("Unknown MultiValueMode [" + m + "]");
      }
      f->multi_value_mode = lower;
    } else if (kv.value().is_object()) {
      if (params != nullptr) {
        return ParsingError("[" + std::string(type) + "] query doesn't support multiple fields");
      }
      f->field = std::string(key);
      params = &kv.value();
    } else {
      return ParsingError("[" + std::string(type) + "] query does not support [" +
                          std::string(key) + "]");
    }
  }
  if (params == nullptr) return ParsingError("[" + std::string(type) + "] requires a field");
  const json::value* origin = JsonFind(*params, "origin");
  const json::value* scale = JsonFind(*params, "scale");
  const json::value* offset = JsonFind(*params, "offset");
  const json::value* decay = JsonFind(*params, "decay");
  for (const auto& kv : params->get_object()) {
    std::string_view key(kv.key());
    if (key != "origin" && key != "scale" && key != "offset" && key != "decay") {
      return ParsingError("parameter [" + std::string(key) + "] not supported!");
    }
  }
  if (decay != nullptr) {
    QUIVER_ASSIGN_OR_RETURN(f->decay, ReadDouble(*decay, type, "decay"));
    if (f->decay <= 0 || f->decay >= 1.0) {
      return IllegalArgumentError("decay must be in the range [0..1].");
    }
  }
  FieldRef field = ResolveField(pc, f->field);
  if (!field.mapped() || field.mapper == nullptr) {
    pc.Defer(IllegalArgumentError("unknown field [" + f->field + "]"));
    return Status::Ok();
  }
  schema::FieldType ft = field.mapper->type();
  f->field = field.name;
  if (schema::IsDateType(ft)) {
    if (scale == nullptr) {
      return Status::InvalidArgument("[scale] must be set for date fields.")
          .WithType("parse_exception");
    }
    int64_t origin_ms = pc.now_ms();
    if (origin != nullptr && !origin->is_null()) {
      auto text = ScalarText(*origin);
      auto parsed =
          EvaluateDateMath(text.value_or(""), pc.now_ms(), false, field.mapper->date().format, 0);
      if (!parsed.ok()) {
        pc.Defer(parsed.status());
        return Status::Ok();
      }
      origin_ms = *parsed;
    }
    auto time_value = [&](const json::value* t, const char* what, double* out) -> Status {
      if (t == nullptr) return Status::Ok();
      int64_t ms;
      auto text = ScalarText(*t);
      if (!text || !ParseTimeValueMs(*text, &ms)) {
        return Status::InvalidArgument("failed to parse setting [" + std::string(type) + "." +
                                       what + "] with value [" + text.value_or("") +
                                       "] as a time value: unit is missing or unrecognized")
            .WithType("parse_exception");
      }
      *out = static_cast<double>(ms);
      return Status::Ok();
    };
    f->origin = static_cast<double>(origin_ms);
    QUIVER_RETURN_IF_ERROR(time_value(scale, "scale", &f->scale));
    QUIVER_RETURN_IF_ERROR(time_value(offset, "offset", &f->offset));
  } else if (schema::IsNumericType(ft)) {
    if (origin == nullptr || scale == nullptr) {
      return Status::InvalidArgument("both [scale] and [origin] must be set for numeric fields.")
          .WithType("parse_exception");
    }
    QUIVER_ASSIGN_OR_RETURN(f->origin, ReadDouble(*origin, type, "origin"));
    QUIVER_ASSIGN_OR_RETURN(f->scale, ReadDouble(*scale, type, "scale"));
    if (offset != nullptr) {
      QUIVER_ASSIGN_OR_RETURN(f->offset, ReadDouble(*offset, type, "offset"));
    }
  } else {
    pc.Defer(IllegalArgumentError("field [" + f->field + "] is of type [" + field.type_name() +
                                  "], but only numeric types are supported."));
    return Status::Ok();
  }
  if (f->scale <= 0) return IllegalArgumentError("[scale] must be greater than 0.");
  if (f->offset < 0) return IllegalArgumentError("[offset] must be greater than or equal to 0.");
  return Status::Ok();
}

// One function by name; `weight` alone is a weight function.
Status ParseFunction(std::string_view name, const json::value& v, ParseContext& pc,
                     ScoreFunction* f) {
  if (name == "field_value_factor") return ParseFieldValueFactor(v, f);
  if (name == "random_score") return ParseRandomScore(v, pc, f);
  if (name == "gauss" || name == "exp" || name == "linear") return ParseDecay(name, v, pc, f);
  return IllegalArgumentError("[script_score] functions are not supported");
}

// An element of `functions`: {"filter": q, "weight": w, "<function>": {...}}.
Result<ScoreFunction> ParseFunctionElement(const json::value& v, ParseContext& pc) {
  if (!v.is_object()) return FunctionScoreError("malformed query, expected a [START_OBJECT]");
  ScoreFunction f;
  bool has_function = false;
  std::string function_name;
  for (const auto& kv : v.get_object()) {
    std::string_view key(kv.key());
    const json::value& p = kv.value();
    if (key == "filter") {
      QUIVER_ASSIGN_OR_RETURN(f.filter, ParseInnerQuery(p, pc));
    } else if (key == "weight") {
      QUIVER_ASSIGN_OR_RETURN(f.weight, ReadFloat(p, kQuery, key));
      f.has_weight = true;
    } else if (IsFunctionName(key)) {
      if (has_function) {
        return FunctionScoreError("already found function [" + function_name +
                                  "], now encountering [" + std::string(key) +
                                  "]. use [functions] array if you want to define several "
                                  "functions.");
      }
      has_function = true;
      function_name = std::string(key);
      QUIVER_RETURN_IF_ERROR(ParseFunction(key, p, pc, &f));
    } else {
      return ParsingError("there is no score function registered for [" + std::string(key) + "]");
    }
  }
  if (!has_function) {
    if (!f.has_weight)
      return FunctionScoreError("an entry in functions list is missing a function.");
    f.kind = ScoreFunction::Kind::kWeight;
  }
  return f;
}

}  // namespace

Result<QueryPtr> ParseFunctionScoreQuery(const json::value& body, ParseContext& pc) {
  FunctionScoreQuery fs;
  CommonParams common;
  std::optional<ScoreFunction> single;
  bool have_functions_array = false;
  std::string single_name;
  std::optional<float> top_weight;
  for (const auto& kv : body.get_object()) {
    std::string_view key(kv.key());
    const json::value& v = kv.value();
    Status st;
    if (key == "query") {
      if (fs.query != nullptr) {
        return FunctionScoreError("already found [query] element, now encountering [query].");
      }
      QUIVER_ASSIGN_OR_RETURN(fs.query, ParseInnerQuery(v, pc));
    } else if (key == "functions") {
      if (single) {
        return FunctionScoreError("already found function [" + single_name +
                                  "], now encountering [functions]. use [functions] array if you "
                                  "want to define several functions.");
      }
      if (!v.is_array()) return FunctionScoreError("[functions] must be an array");
      have_functions_array = true;
      for (const auto& e : v.get_array()) {
        QUIVER_ASSIGN_OR_RETURN(ScoreFunction f, ParseFunctionElement(e, pc));
        fs.functions.push_back(std::move(f));
      }
    } else if (key == "weight") {
      QUIVER_ASSIGN_OR_RETURN(float w, ReadFloat(v, kQuery, key));
      top_weight = w;
    } else if (IsFunctionName(key)) {
      if (have_functions_array) {
        return FunctionScoreError("already found [functions] array, now encountering [" +
                                  std::string(key) + "].");
      }
      if (single) {
        return FunctionScoreError("already found function [" + single_name +
                                  "], now encountering [" + std::string(key) +
                                  "]. use [functions] array if you want to define several "
                                  "functions.");
      }
      ScoreFunction f;
      QUIVER_RETURN_IF_ERROR(ParseFunction(key, v, pc, &f));
      single = std::move(f);
      single_name = std::string(key);
    } else if (key == "score_mode") {
      QUIVER_ASSIGN_OR_RETURN(std::string m, ReadString(v, kQuery, key));
      std::string lower = AsciiLower(m);
      if (lower != "multiply" && lower != "sum" && lower != "avg" && lower != "first" &&
          lower != "max" && lower != "min") {
        return IllegalArgumentError("illegal score_mode [" + m + "]");
      }
      fs.score_mode = lower;
    } else if (key == "boost_mode") {
      QUIVER_ASSIGN_OR_RETURN(std::string m, ReadString(v, kQuery, key));
      std::string lower = AsciiLower(m);
      if (lower != "multiply" && lower != "replace" && lower != "sum" && lower != "avg" &&
          lower != "max" && lower != "min") {
        return IllegalArgumentError("illegal boost_mode [" + m + "]");
      }
      fs.boost_mode = lower;
    } else if (key == "max_boost") {
      QUIVER_ASSIGN_OR_RETURN(fs.max_boost, ReadFloat(v, kQuery, key));
    } else if (key == "min_score") {
      QUIVER_ASSIGN_OR_RETURN(float m, ReadFloat(v, kQuery, key));
      fs.min_score = m;
    } else if (pc.ReadCommon(key, v, kQuery, &common, &st)) {
      QUIVER_RETURN_IF_ERROR(st);
    } else {
      return ParsingError("failed to parse [function_score] query. field [" + std::string(key) +
                          "] is not supported");
    }
  }
  if (single) {
    if (top_weight) {
      single->weight = *top_weight;
      single->has_weight = true;
    }
    fs.functions.push_back(std::move(*single));
  } else if (top_weight) {
    if (have_functions_array) {
      return FunctionScoreError("already found [functions] array, now encountering [weight].");
    }
    ScoreFunction w;
    w.kind = ScoreFunction::Kind::kWeight;
    w.weight = *top_weight;
    w.has_weight = true;
    fs.functions.push_back(std::move(w));
  }
  if (fs.query == nullptr) fs.query = MatchAll();
  return Finish(MakeQuery(std::move(fs)), common.boost, common.name);
}

}  // namespace quiver::query::dsl
