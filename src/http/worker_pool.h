// The HTTP server's worker pool. cpp-httplib hands one worker a connection
// for the connection's whole life, so every slow or idle client holds a
// thread: with a fixed pool, as many slow clients as workers would stop the
// server for everybody else. This pool starts `min_threads` workers and adds
// one whenever a connection waits while every worker is busy, up to
// `max_threads`; a worker beyond `min_threads` that stays idle for
// `idle_timeout` exits, so the pool shrinks back after a burst. Owned by the
// httplib::Server; thread-safe. Private to src/http/.
#pragma once

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <list>
#include <mutex>
#include <thread>
#include <vector>

namespace citykb {

class WorkerPool : public httplib::TaskQueue {
 public:
  WorkerPool(size_t min_threads, size_t max_threads, std::chrono::milliseconds idle_timeout = std::chrono::seconds(30));
  ~WorkerPool() override;

  // Queues a connection; starts a worker if none is free and the cap allows.
  void enqueue(std::function<void()> fn) override;
  // Serves what is queued, then joins every worker.
  void shutdown() override;

  // Workers alive now (for tests and logs).
  size_t Size();

 private:
  void StartWorker();  // mu_ held
  void ReapExited();   // mu_ held: joins the workers that have exited
  void Work();

  const size_t min_threads_;
  const size_t max_threads_;
  const std::chrono::milliseconds idle_timeout_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;
  std::list<std::thread> threads_;
  std::vector<std::thread::id> exited_;  // exited workers not joined yet
  size_t idle_ = 0;                      // workers waiting for a job (or starting)
  bool shutdown_ = false;
};

}  // namespace citykb
