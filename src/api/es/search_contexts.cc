#include "api/es/search_contexts.h"

#include "common/clock.h"
#include "common/ids.h"

namespace quiver::api {

void SearchContexts::ReapLocked(int64_t now) {
  for (auto it = scrolls_.begin(); it != scrolls_.end();) {
    it = it->second->expires_ms < now ? scrolls_.erase(it) : std::next(it);
  }
  for (auto it = pits_.begin(); it != pits_.end();) {
    it = it->second->expires_ms < now ? pits_.erase(it) : std::next(it);
  }
}

std::string SearchContexts::AddScroll(std::shared_ptr<ScrollContext> ctx) {
  std::lock_guard<std::mutex> lock(mu_);
  ReapLocked(NowMillis());
  // ES scroll ids are opaque base64 strings.
  std::string id = "FGluY2x1ZGVfY29udGV4dF91dWlk" + NewRandomUuid();
  ctx->expires_ms = NowMillis() + ctx->keep_alive_ms;
  scrolls_[id] = std::move(ctx);
  return id;
}

std::shared_ptr<ScrollContext> SearchContexts::FindScroll(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  ReapLocked(NowMillis());
  auto it = scrolls_.find(id);
  return it == scrolls_.end() ? nullptr : it->second;
}

bool SearchContexts::RemoveScroll(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  return scrolls_.erase(id) > 0;
}

size_t SearchContexts::RemoveAllScrolls() {
  std::lock_guard<std::mutex> lock(mu_);
  size_t n = scrolls_.size();
  scrolls_.clear();
  return n;
}

size_t SearchContexts::open_scrolls() {
  std::lock_guard<std::mutex> lock(mu_);
  return scrolls_.size();
}

std::string SearchContexts::AddPit(std::shared_ptr<PitContext> ctx) {
  std::lock_guard<std::mutex> lock(mu_);
  ReapLocked(NowMillis());
  std::string id = "cXVpdmVyX3BpdA" + NewRandomUuid();
  ctx->expires_ms = NowMillis() + ctx->keep_alive_ms;
  pits_[id] = std::move(ctx);
  return id;
}

std::shared_ptr<PitContext> SearchContexts::FindPit(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  ReapLocked(NowMillis());
  auto it = pits_.find(id);
  return it == pits_.end() ? nullptr : it->second;
}

bool SearchContexts::RemovePit(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  return pits_.erase(id) > 0;
}

std::string SearchContexts::AddTask(std::string response_json) {
  std::lock_guard<std::mutex> lock(mu_);
  std::string id = "quiver:" + std::to_string(next_task_++);
  tasks_[id] = std::move(response_json);
  return id;
}

std::optional<std::string> SearchContexts::FindTask(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = tasks_.find(id);
  if (it == tasks_.end()) return std::nullopt;
  return it->second;
}

}  // namespace quiver::api
