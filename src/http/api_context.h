// What the API handlers need: the knowledge base and the server options.
// Private to src/http/.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>

#include "kb/knowledge_base.h"
#include "http/server.h"

namespace citykb {

// Counts failed write attempts per client address over a sliding minute.
class FailureLimiter {
 public:
  explicit FailureLimiter(int per_minute) : per_minute_(per_minute) {}
  // True when `client` has used up its failed attempts.
  bool Blocked(const std::string& client);
  void RecordFailure(const std::string& client);

 private:
  int per_minute_;
  std::mutex mu_;
  std::map<std::string, std::vector<std::chrono::steady_clock::time_point>> failures_;
};

struct ApiContext {
  KnowledgeBase& kb;
  const ServerOptions& options;
  FailureLimiter limiter;
};

}  // namespace citykb
