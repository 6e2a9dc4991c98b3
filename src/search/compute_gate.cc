#include "search/compute_gate.h"

#include <algorithm>
#include <thread>

namespace citykb {

ComputeGate::ComputeGate(unsigned slots)
    : slots_(slots > 0 ? slots : std::max(1u, std::thread::hardware_concurrency())) {}

ComputeGate::Pass::Pass(ComputeGate& gate) : gate_(gate) {
  std::unique_lock<std::mutex> lock(gate_.mu_);
  if (gate_.queue_.empty() && gate_.running_ < gate_.slots_) {
    ++gate_.running_;
    return;
  }
  Waiter me;
  gate_.queue_.push_back(&me);
  me.cv.wait(lock, [&] { return me.admitted; });  // the slot was handed over: running_ already counts it
}

ComputeGate::Pass::~Pass() {
  std::lock_guard<std::mutex> lock(gate_.mu_);
  if (gate_.queue_.empty()) {
    --gate_.running_;
    return;
  }
  Waiter* next = gate_.queue_.front();
  gate_.queue_.pop_front();
  next->admitted = true;
  next->cv.notify_one();
}

}  // namespace citykb
