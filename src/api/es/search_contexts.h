// Scroll and point-in-time contexts: pinned shard views kept between
// requests, expiring after their keep-alive. Thread-safe.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "api/es/search_executor.h"

namespace quiver::api {

struct ScrollContext {
  std::mutex mu;  // one page at a time
  std::vector<ShardTarget> targets;
  SearchRequest request;
  ScrollCursor cursor;
  int64_t total_hits = 0;
  int64_t keep_alive_ms = 60000;
  int64_t expires_ms = 0;
};

struct PitContext {
  std::vector<ShardTarget> targets;
  int64_t keep_alive_ms = 60000;
  int64_t expires_ms = 0;
};

class SearchContexts {
 public:
  std::string AddScroll(std::shared_ptr<ScrollContext> ctx);
  std::shared_ptr<ScrollContext> FindScroll(const std::string& id);
  bool RemoveScroll(const std::string& id);
  size_t RemoveAllScrolls();

  std::string AddPit(std::shared_ptr<PitContext> ctx);
  std::shared_ptr<PitContext> FindPit(const std::string& id);
  bool RemovePit(const std::string& id);
  size_t open_scrolls();

  // Completed background tasks (wait_for_completion=false): id -> response.
  std::string AddTask(std::string response_json);
  std::optional<std::string> FindTask(const std::string& id);

 private:
  void ReapLocked(int64_t now_ms);
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<ScrollContext>> scrolls_;
  std::map<std::string, std::shared_ptr<PitContext>> pits_;
  std::map<std::string, std::string> tasks_;
  int64_t next_task_ = 1;
};

}  // namespace quiver::api
