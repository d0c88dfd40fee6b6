#include "api/es/alias_handlers.h"

#include <set>

#include "api/es/index_handlers.h"
#include "common/clock.h"
#include "common/strings.h"
#include "engine/index_name_date_math.h"
#include "schema/index_name.h"

namespace quiver::api {
namespace {

Status ValidateAliasName(const std::string& requested) {
  // Date math ("<logs-{now/d}>") is checked as the name it resolves to.
  QUIVER_ASSIGN_OR_RETURN(std::string alias, engine::ResolveDateMathName(requested, NowMillis()));
  Status s = schema::ValidateIndexName(alias);
  if (!s.ok()) {
    std::string msg = s.message();
    size_t pos = msg.find("Invalid index name");
    if (pos != std::string::npos) msg.replace(pos, 18, "Invalid alias name");
    return Status::InvalidArgument(msg).WithType("invalid_alias_name_exception");
  }
  return Status::Ok();
}

Result<engine::AliasMetadata> AliasFromBody(const json::value& body) {
  engine::AliasMetadata a;
  if (!body.is_object()) return a;
  for (const auto& kv : body.get_object()) {
    std::string key(kv.key());
    const json::value& v = kv.value();
    if (key == "filter") {
      if (!v.is_object()) return Status::ParseError("[filter] must be an object").WithType("parsing_exception");
      a.filter = v;
    } else if (key == "routing") {
      std::string r = JsonToString(v).value_or("");
      a.index_routing = a.search_routing = r;
    } else if (key == "index_routing") {
      a.index_routing = JsonToString(v).value_or("");
    } else if (key == "search_routing") {
      a.search_routing = JsonToString(v).value_or("");
    } else if (key == "is_write_index") {
      a.is_write_index = JsonToBool(v);
    } else if (key == "is_hidden") {
      a.is_hidden = JsonToBool(v).value_or(false);
    } else if (key == "index" || key == "indices" || key == "alias" || key == "aliases" ||
               key == "must_exist") {
      // handled by the caller
    } else {
      return Status::ParseError("[alias] unknown field [" + key + "]")
          .WithType("x_content_parse_exception");
    }
  }
  if (a.index_routing.find(',') != std::string::npos) {
    return Status::InvalidArgument("alias [" + std::string("") +
                                   "] has several index routing values associated with it");
  }
  return a;
}

std::vector<std::string> StringList(const json::value* v) {
  std::vector<std::string> out;
  if (v == nullptr) return out;
  if (v->is_string()) {
    out.emplace_back(v->get_string());
  } else if (v->is_array()) {
    for (const auto& e : v->get_array()) {
      if (auto s = JsonToString(e)) out.push_back(*s);
    }
  }
  return out;
}

}  // namespace

Result<RestResponse> HandlePutAlias(ApiContext& ctx, RestRequest& req) {
  QUIVER_ASSIGN_OR_RETURN(json::value body, req.json_body(/*optional=*/true));
  QUIVER_ASSIGN_OR_RETURN(engine::AliasMetadata meta, AliasFromBody(body));
  QUIVER_ASSIGN_OR_RETURN(auto indices, ResolveForRead(ctx, req));
  if (indices.empty()) return IndexNotFound(req.path_param("index"));
  std::vector<engine::AliasAction> actions;
  for (auto alias : SplitString(req.path_param("name"), ',')) {
    std::string name(TrimWhitespace(alias));
    QUIVER_RETURN_IF_ERROR(ValidateAliasName(name));
    for (const auto& index : indices) {
      engine::AliasAction a;
      a.kind = engine::AliasAction::Kind::kAdd;
      a.index = index->name();
      a.alias = name;
      a.metadata = meta;
      actions.push_back(std::move(a));
    }
  }
  QUIVER_RETURN_IF_ERROR(ctx.node->UpdateAliases(actions));
  return RestResponse::Acknowledged();
}

Result<RestResponse> HandleDeleteAlias(ApiContext& ctx, RestRequest& req) {
  QUIVER_ASSIGN_OR_RETURN(auto indices, ResolveForRead(ctx, req));
  std::vector<engine::AliasAction> actions;
  auto patterns = SplitString(req.path_param("name"), ',');
  for (const auto& index : indices) {
    for (const auto& [alias, a] : index->metadata().aliases) {
      for (auto p : patterns) {
        p = TrimWhitespace(p);
        if (p == "_all" || engine::SimpleMatch(p, alias)) {
          engine::AliasAction act;
          act.kind = engine::AliasAction::Kind::kRemove;
          act.index = index->name();
          act.alias = alias;
          actions.push_back(act);
          break;
        }
      }
    }
  }
  if (actions.empty()) {
    return Status::NotFound("aliases [" + req.path_param("name") + "] missing")
        .WithType("aliases_not_found_exception")
        .WithMeta("resource.type", "aliases")
        .WithMeta("resource.id", req.path_param("name"));
  }
  QUIVER_RETURN_IF_ERROR(ctx.node->UpdateAliases(actions));
  return RestResponse::Acknowledged();
}

Result<RestResponse> HandleUpdateAliases(ApiContext& ctx, RestRequest& req) {
  QUIVER_ASSIGN_OR_RETURN(json::value body, req.json_body());
  auto* actions_json = JsonFind(body, "actions");
  if (actions_json == nullptr || !actions_json->is_array()) {
    return Status::InvalidArgument("Validation Failed: 1: No action specified;")
        .WithType("action_request_validation_exception");
  }
  std::vector<engine::AliasAction> actions;
  for (const auto& entry : actions_json->get_array()) {
    if (!entry.is_object() || entry.get_object().size() != 1) {
      return Status::ParseError("[aliases] failed to parse field [actions]")
          .WithType("x_content_parse_exception");
    }
    std::string kind(entry.get_object().begin()->key());
    const json::value& spec = entry.get_object().begin()->value();
    auto index_names = StringList(JsonFind(spec, "index"));
    auto more = StringList(JsonFind(spec, "indices"));
    index_names.insert(index_names.end(), more.begin(), more.end());
    auto alias_names = StringList(JsonFind(spec, "alias"));
    more = StringList(JsonFind(spec, "aliases"));
    alias_names.insert(alias_names.end(), more.begin(), more.end());
    if (index_names.empty()) {
      return Status::InvalidArgument("Validation Failed: 1: One of [index] or [indices] is required;")
          .WithType("action_request_validation_exception");
    }
    engine::IndicesOptions opts;
    std::vector<std::shared_ptr<engine::Index>> targets;
    for (const auto& expr : index_names) {
      QUIVER_ASSIGN_OR_RETURN(auto r, ctx.node->Resolve(expr, opts));
      if (r.empty()) return IndexNotFound(expr);
      targets.insert(targets.end(), r.begin(), r.end());
    }
    if (kind == "add") {
      if (alias_names.empty()) {
        return Status::InvalidArgument("Validation Failed: 1: [alias] is required;")
            .WithType("action_request_validation_exception");
      }
      QUIVER_ASSIGN_OR_RETURN(engine::AliasMetadata meta, AliasFromBody(spec));
      for (const auto& alias : alias_names) {
        QUIVER_RETURN_IF_ERROR(ValidateAliasName(alias));
        for (const auto& t : targets) {
          engine::AliasAction a;
          a.kind = engine::AliasAction::Kind::kAdd;
          a.index = t->name();
          a.alias = alias;
          a.metadata = meta;
          actions.push_back(std::move(a));
        }
      }
    } else if (kind == "remove") {
      bool must_exist = JsonFind(spec, "must_exist") &&
                        JsonToBool(*JsonFind(spec, "must_exist")).value_or(false);
      for (const auto& t : targets) {
        auto existing = t->metadata().aliases;
        for (const auto& pattern : alias_names) {
          bool any = false;
          for (const auto& [alias, a] : existing) {
            if (engine::SimpleMatch(pattern, alias)) {
              engine::AliasAction act;
              act.kind = engine::AliasAction::Kind::kRemove;
              act.index = t->name();
              act.alias = alias;
              actions.push_back(act);
              any = true;
            }
          }
          if (!any && (must_exist || pattern.find('*') == std::string::npos)) {
            return Status::NotFound("aliases [" + pattern + "] missing")
                .WithType("aliases_not_found_exception")
                .WithMeta("resource.type", "aliases")
                .WithMeta("resource.id", pattern);
          }
        }
      }
    } else if (kind == "remove_index") {
      for (const auto& t : targets) {
        engine::AliasAction a;
        a.kind = engine::AliasAction::Kind::kRemoveIndex;
        a.index = t->name();
        actions.push_back(a);
      }
    } else {
      return Status::ParseError("[aliases] unknown field [" + kind + "]")
          .WithType("x_content_parse_exception");
    }
  }
  QUIVER_RETURN_IF_ERROR(ctx.node->UpdateAliases(actions));
  return RestResponse::Acknowledged();
}

Result<RestResponse> HandleGetAlias(ApiContext& ctx, RestRequest& req) {
  engine::IndicesOptions defaults;
  defaults.expand_hidden = true;
  QUIVER_ASSIGN_OR_RETURN(auto indices, ResolveForRead(ctx, req, defaults));
  std::vector<std::string> patterns;
  if (req.has_path_param("name")) {
    for (auto p : SplitString(req.path_param("name"), ',')) patterns.emplace_back(TrimWhitespace(p));
  }
  std::set<std::string> matched_names;
  JsonWriter w;
  w.BeginObject();
  for (const auto& index : indices) {
    auto m = index->metadata();
    std::vector<std::pair<std::string, engine::AliasMetadata>> hits;
    for (const auto& [alias, a] : m.aliases) {
      bool ok = patterns.empty();
      for (const auto& p : patterns) {
        if (p == "_all" || engine::SimpleMatch(p, alias)) {
          ok = true;
          matched_names.insert(p);
        }
      }
      if (ok) hits.push_back({alias, a});
    }
    if (hits.empty() && !patterns.empty() && !req.has_path_param("index")) continue;
    w.Key(m.name);
    w.BeginObject();
    w.Key("aliases");
    w.BeginObject();
    for (const auto& [alias, a] : hits) {
      w.Key(alias);
      w.Value(engine::AliasToJson(a));
    }
    w.EndObject();
    w.EndObject();
  }
  std::vector<std::string> missing;
  for (const auto& p : patterns) {
    if (p.find('*') == std::string::npos && p != "_all" && !matched_names.count(p)) {
      missing.push_back(p);
    }
  }
  if (!missing.empty()) {
    std::string msg = missing.size() == 1 ? "alias [" + missing[0] + "] missing" : "aliases [";
    if (missing.size() > 1) {
      for (size_t i = 0; i < missing.size(); ++i) msg += (i ? "," : "") + missing[i];
      msg += "] missing";
    }
    w.Field("error", msg);
    w.Field("status", int64_t{404});
    w.EndObject();
    return RestResponse::Json(w.Take(), 404);
  }
  w.EndObject();
  return RestResponse::Json(w.Take());
}

Result<RestResponse> HandleAliasExists(ApiContext& ctx, RestRequest& req) {
  auto r = HandleGetAlias(ctx, req);
  if (!r.ok()) {
    if (r.status().code() == StatusCode::kNotFound) return RestResponse::Json("", 404);
    return r.status();
  }
  if (r->status != 200) return RestResponse::Json("", 404);
  auto parsed = ParseJson(r->body);
  bool any = false;
  if (parsed.ok() && parsed->is_object()) {
    for (const auto& kv : parsed->get_object()) {
      auto* al = JsonFind(kv.value(), "aliases");
      if (al && al->is_object() && !al->get_object().empty()) any = true;
    }
  }
  return RestResponse::Json("", any ? 200 : 404);
}

}  // namespace quiver::api
