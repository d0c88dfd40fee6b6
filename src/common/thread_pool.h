// ThreadPool: a fixed set of worker threads running submitted closures in
// FIFO order. Submit is thread-safe; the destructor drains queued work and
// joins. Used for request handling and background refresh/flush/merge.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace quiver {

class ThreadPool {
 public:
  ThreadPool(size_t num_threads, std::string name);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  void Submit(std::function<void()> task);
  size_t num_threads() const { return threads_.size(); }
  // Number of tasks waiting (not running).
  size_t queue_size() const;

 private:
  void Run();

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;  // GUARDED_BY(mu_)
  bool stopping_ = false;                    // GUARDED_BY(mu_)
  std::vector<std::thread> threads_;
  std::string name_;
};

}  // namespace quiver
