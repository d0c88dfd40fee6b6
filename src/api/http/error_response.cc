#include "api/http/error_response.h"

#include <string>

#include "common/strings.h"

namespace quiver {

HttpResponse MakeErrorResponse(int status, std::string_view type, std::string_view reason) {
  std::string cause;
  cause.append("{\"type\":");
  AppendJsonString(&cause, type);
  cause.append(",\"reason\":");
  AppendJsonString(&cause, reason);

  HttpResponse response;
  response.status = status;
  std::string& body = response.body;
  body.append("{\"error\":{\"root_cause\":[");
  body.append(cause);
  body.append("}],");
  body.append(cause, 1);  // the same members, without the opening brace
  body.append("},\"status\":");
  body.append(std::to_string(status));
  body.append("}");
  return response;
}

}  // namespace quiver
