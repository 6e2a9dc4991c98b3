#include "http/worker_pool.h"

#include <algorithm>

namespace citykb {

WorkerPool::WorkerPool(size_t min_threads, size_t max_threads)
    : max_threads_(std::max<size_t>(1, std::max(min_threads, max_threads))) {
  std::lock_guard<std::mutex> lock(mu_);
  for (size_t i = 0; i < std::max<size_t>(1, min_threads); ++i) StartWorker();
}

WorkerPool::~WorkerPool() { shutdown(); }

void WorkerPool::StartWorker() {
  ++idle_;
  threads_.emplace_back([this] { Work(); });
}

void WorkerPool::enqueue(std::function<void()> fn) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (shutdown_) return;
    jobs_.push_back(std::move(fn));
    if (idle_ < jobs_.size() && threads_.size() < max_threads_) StartWorker();
  }
  cv_.notify_one();
}

void WorkerPool::shutdown() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (shutdown_) return;
    shutdown_ = true;
  }
  cv_.notify_all();
  // No worker is added once shutdown_ is set, so threads_ is stable here.
  for (auto& t : threads_)
    if (t.joinable()) t.join();
}

void WorkerPool::Work() {
  for (;;) {
    std::function<void()> fn;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return !jobs_.empty() || shutdown_; });
      if (jobs_.empty()) {  // shutting down with nothing left to serve
        --idle_;
        return;
      }
      fn = std::move(jobs_.front());
      jobs_.pop_front();
      --idle_;
    }
    fn();
    std::lock_guard<std::mutex> lock(mu_);
    ++idle_;
  }
}

}  // namespace citykb
