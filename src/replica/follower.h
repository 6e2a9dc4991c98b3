// The follower of a read replica: a thread that polls the writer's change
// log (GET /api/changes), fetches each new range as a replication batch
// (GET /api/replication/batch) and applies it to the replica's knowledge
// base in sequence order: store (one transaction holding the writer's
// entries, so the sequence applied survives a crash with the content it
// names), then the index, then the catalog. Resumes from the store's last
// sequence after a restart; applying a range twice changes nothing.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "kb/knowledge_base.h"

namespace httplib {
class Client;
}

namespace citykb {

// What /api/health reports about following the writer.
struct FollowState {
  std::string writer_url;
  int64_t writer_seq = -1;            // the writer's last sequence, as last seen (-1 = never reached)
  double seconds_since_contact = -1;  // since the writer last answered (-1 = never)
  std::string last_error;             // the last failure to reach or apply, if any
};

class Follower {
 public:
  // `writer_url`: http://host:port of the writer. `poll_ms`: wait between
  // polls when there is nothing new. `up_to_index`: the index is replicated
  // by xapian-replicate; the store applies the change log only up to the
  // sequence that index records (docs/cluster.md, consistency rule).
  Follower(KnowledgeBase& kb, std::string writer_url, int poll_ms = 100, bool up_to_index = false);
  ~Follower();
  void Start();
  void Stop();
  FollowState State() const;

 private:
  void Loop();
  // One poll: applies what is new, records the error if it failed. Returns
  // true when it applied something.
  bool Step(httplib::Client& client);
  Result<bool> ApplyNext(httplib::Client& client);

  KnowledgeBase& kb_;
  const std::string writer_url_;
  const int poll_ms_;
  const bool up_to_index_;
  std::thread thread_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  bool stop_ = false;
  int64_t writer_seq_ = -1;
  std::chrono::steady_clock::time_point contact_{};
  bool contacted_ = false;
  std::string last_error_;
};

}  // namespace citykb
