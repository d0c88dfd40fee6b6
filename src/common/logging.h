// Structured logging: spdlog, one line per event. Call InitLogging once from
// main; before that, spdlog's default logger (stderr) is used. Thread-safe.
#pragma once

#include <spdlog/spdlog.h>

#include <string_view>

namespace quiver {

// level: "trace", "debug", "info", "warn", "error", "off".
void InitLogging(std::string_view level);

}  // namespace quiver

#define QLOG_DEBUG(...) SPDLOG_DEBUG(__VA_ARGS__)
#define QLOG_INFO(...) spdlog::info(__VA_ARGS__)
#define QLOG_WARN(...) spdlog::warn(__VA_ARGS__)
#define QLOG_ERROR(...) spdlog::error(__VA_ARGS__)
