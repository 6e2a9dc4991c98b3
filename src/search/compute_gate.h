// Lets a fixed number of searches compute at once and queues the others in
// arrival order. With many connections, running every search at once shares
// the cores among all of them, so a long search (a browse over the whole
// index) finishes last, after many slices; in a queue each waits its turn
// and then runs at full speed, which keeps the slowest answers close to the
// typical ones. Thread-safe.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>

namespace citykb {

class ComputeGate {
 public:
  // `slots`: searches computed at once (0 = one per hardware thread).
  explicit ComputeGate(unsigned slots = 0);

  // Holds a slot for its lifetime.
  class Pass {
   public:
    explicit Pass(ComputeGate& gate);
    ~Pass();
    Pass(const Pass&) = delete;
    Pass& operator=(const Pass&) = delete;

   private:
    ComputeGate& gate_;
  };

 private:
  struct Waiter {
    std::condition_variable cv;
    bool admitted = false;
  };
  const unsigned slots_;
  std::mutex mu_;
  unsigned running_ = 0;
  std::deque<Waiter*> queue_;  // oldest first; a leaving search hands its slot to the front
};

}  // namespace citykb
