// Unit tests of the small concurrent parts: the answer cache (LRU), the
// compute gate (a fixed number of searches at once, the rest in arrival
// order) and the HTTP worker pool (grows under load, shrinks when idle).
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "http/worker_pool.h"
#include "search/compute_gate.h"
#include "search/result_cache.h"

using namespace citykb;
using namespace std::chrono_literals;

namespace {
std::shared_ptr<const int> Value(int v) { return std::make_shared<const int>(v); }
}  // namespace

TEST_CASE("ResultCache keeps the most recently used answers", "[cache]") {
  ResultCache<int> cache(2);
  REQUIRE(cache.enabled());
  CHECK(cache.Get("a") == nullptr);
  cache.Put("a", Value(1));
  cache.Put("b", Value(2));
  REQUIRE(cache.Get("a"));   // a is now the most recent
  cache.Put("c", Value(3));  // evicts b, the least recently used
  CHECK(cache.Get("b") == nullptr);
  REQUIRE(cache.Get("a"));
  CHECK(*cache.Get("a") == 1);
  CHECK(*cache.Get("c") == 3);
  cache.Put("a", Value(10));  // replacing keeps one entry
  CHECK(*cache.Get("a") == 10);
  CHECK(*cache.Get("c") == 3);
}

TEST_CASE("ResultCache of capacity 0 stores nothing", "[cache]") {
  ResultCache<int> cache(0);
  CHECK_FALSE(cache.enabled());
  cache.Put("a", Value(1));
  CHECK(cache.Get("a") == nullptr);
}

TEST_CASE("ResultCache under concurrent use stays within capacity and consistent", "[cache][concurrency]") {
  ResultCache<int> cache(8);
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        const int k = (i * 7 + t) % 20;
        cache.Put("k" + std::to_string(k), Value(k));
        if (auto v = cache.Get("k" + std::to_string((k + 3) % 20)); v && *v != (k + 3) % 20) ++wrong;
      }
    });
  for (auto& t : threads) t.join();
  CHECK(wrong == 0);
  int present = 0;
  for (int k = 0; k < 20; ++k) present += cache.Get("k" + std::to_string(k)) != nullptr;
  CHECK(present <= 8);
}

TEST_CASE("ComputeGate lets a fixed number through at once", "[gate][concurrency]") {
  ComputeGate gate(2);
  std::atomic<int> running{0}, peak{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&] {
      ComputeGate::Pass pass(gate);
      const int now = ++running;
      int seen = peak.load();
      while (now > seen && !peak.compare_exchange_weak(seen, now)) {
      }
      std::this_thread::sleep_for(20ms);
      --running;
    });
  for (auto& t : threads) t.join();
  CHECK(peak == 2);
  CHECK(running == 0);
}

TEST_CASE("ComputeGate admits waiters in arrival order", "[gate][concurrency]") {
  ComputeGate gate(1);
  std::mutex mu;
  std::vector<int> order;
  std::vector<std::thread> threads;
  {
    ComputeGate::Pass first(gate);  // holds the only slot while the others queue up
    for (int i = 0; i < 5; ++i) {
      threads.emplace_back([&, i] {
        ComputeGate::Pass pass(gate);
        std::lock_guard<std::mutex> lock(mu);
        order.push_back(i);
      });
      std::this_thread::sleep_for(30ms);  // arrive one after the other
    }
  }
  for (auto& t : threads) t.join();
  CHECK(order == std::vector<int>{0, 1, 2, 3, 4});
}

TEST_CASE("WorkerPool grows under load and shrinks back when idle", "[pool][concurrency]") {
  WorkerPool pool(1, 6, 100ms);
  CHECK(pool.Size() == 1);
  std::atomic<int> done{0};
  std::atomic<bool> release{false};
  for (int i = 0; i < 6; ++i)
    pool.enqueue([&] {
      while (!release) std::this_thread::sleep_for(1ms);
      ++done;
    });
  // Every job holds a worker until released: the pool must have grown to six.
  for (int i = 0; i < 200 && pool.Size() < 6; ++i) std::this_thread::sleep_for(5ms);
  CHECK(pool.Size() == 6);
  pool.enqueue([&] { ++done; });  // beyond the cap: queued, not a seventh worker
  CHECK(pool.Size() == 6);
  release = true;
  for (int i = 0; i < 400 && done < 7; ++i) std::this_thread::sleep_for(5ms);
  CHECK(done == 7);
  // Idle workers beyond the minimum exit after the idle timeout.
  for (int i = 0; i < 400 && pool.Size() > 1; ++i) std::this_thread::sleep_for(5ms);
  CHECK(pool.Size() == 1);
  pool.shutdown();
}

TEST_CASE("WorkerPool serves what is queued before shutting down", "[pool][concurrency]") {
  WorkerPool pool(2, 2, 1s);
  std::atomic<int> done{0};
  for (int i = 0; i < 20; ++i)
    pool.enqueue([&] {
      std::this_thread::sleep_for(1ms);
      ++done;
    });
  pool.shutdown();
  CHECK(done == 20);
}
