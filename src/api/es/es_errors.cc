#include "api/es/es_errors.h"

namespace quiver::api {

void WriteErrorObject(JsonWriter* w, const Status& status, bool with_cause) {
  w->BeginObject();
  w->Field("type", status.type());
  w->Field("reason", status.message());
  for (const auto& [k, v] : status.metadata()) w->Field(k, v);
  if (with_cause && status.caused_by() != nullptr) {
    w->Key("caused_by");
    WriteErrorObject(w, *status.caused_by(), true);
  }
  w->EndObject();
}

std::string RenderErrorBody(const Status& status, bool error_trace) {
  JsonWriter w;
  w.BeginObject();
  w.Key("error");
  w.BeginObject();
  w.Key("root_cause");
  w.BeginArray();
  WriteErrorObject(&w, status, /*with_cause=*/false);
  w.EndArray();
  w.Field("type", status.type());
  w.Field("reason", status.message());
  for (const auto& [k, v] : status.metadata()) w.Field(k, v);
  if (status.caused_by() != nullptr) {
    w.Key("caused_by");
    WriteErrorObject(&w, *status.caused_by(), true);
  }
  if (error_trace) w.Field("stack_trace", status.ToString());
  w.EndObject();
  w.Field("status", static_cast<int64_t>(status.http_status()));
  w.EndObject();
  return w.Take();
}

}  // namespace quiver::api
