#include "http/worker_pool.h"

#include <algorithm>

namespace citykb {

WorkerPool::WorkerPool(size_t min_threads, size_t max_threads, std::chrono::milliseconds idle_timeout)
    : min_threads_(std::max<size_t>(1, min_threads)),
      max_threads_(std::max(min_threads_, max_threads)),
      idle_timeout_(idle_timeout) {
  std::lock_guard<std::mutex> lock(mu_);
  for (size_t i = 0; i < min_threads_; ++i) StartWorker();
}

WorkerPool::~WorkerPool() { shutdown(); }

void WorkerPool::StartWorker() {
  ++idle_;
  threads_.emplace_back([this] { Work(); });
}

void WorkerPool::ReapExited() {
  for (const auto id : exited_) {
    auto it = std::find_if(threads_.begin(), threads_.end(), [&](const std::thread& t) { return t.get_id() == id; });
    if (it == threads_.end()) continue;
    it->join();  // it has left Work() and only returns now
    threads_.erase(it);
  }
  exited_.clear();
}

size_t WorkerPool::Size() {
  std::lock_guard<std::mutex> lock(mu_);
  return threads_.size() - exited_.size();
}

void WorkerPool::enqueue(std::function<void()> fn) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (shutdown_) return;
    ReapExited();
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
  // No worker is added or reaped once shutdown_ is set, so threads_ is stable here.
  for (auto& t : threads_)
    if (t.joinable()) t.join();
}

void WorkerPool::Work() {
  for (;;) {
    std::function<void()> fn;
    {
      std::unique_lock<std::mutex> lock(mu_);
      const bool woken = cv_.wait_for(lock, idle_timeout_, [&] { return !jobs_.empty() || shutdown_; });
      if (!woken && threads_.size() - exited_.size() > min_threads_) {  // idle too long: leave
        --idle_;
        exited_.push_back(std::this_thread::get_id());
        return;
      }
      if (!woken) continue;
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
