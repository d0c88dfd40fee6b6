#include "query/exec/explanation.h"

namespace quiver::query {

void Explanation::WriteJson(JsonWriter* w) const {
  w->BeginObject();
  w->Key("value");
  w->Float(value);
  w->Field("description", description);
  w->Key("details");
  w->BeginArray();
  for (const auto& d : details) d.WriteJson(w);
  w->EndArray();
  w->EndObject();
}

}  // namespace quiver::query
