#include "common/logging.h"

#include <spdlog/sinks/stdout_color_sinks.h>

namespace quiver {

void InitLogging(std::string_view level) {
  auto logger = spdlog::stderr_color_mt("quiver");
  logger->set_pattern("[%Y-%m-%dT%H:%M:%S.%e%z][%l][%t] %v");
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::from_str(std::string(level)));
}

}  // namespace quiver
