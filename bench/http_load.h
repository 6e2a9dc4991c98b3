// The HTTP side of the benchmark: starts the real server binary as a child
// process on a loopback port, reads its memory from /proc, and drives it
// with wrk (a Lua script rotates through a file of request paths).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>

#include "util/status.h"

namespace citykb::bench {

struct ServerSpec {
  std::string binary;     // build/citykb
  std::string data;       // data directory (already ingested)
  std::string web;        // web/ folder
  std::string corpus;     // only used when the store is empty
  std::string log;        // the server's stdout and stderr go here
  int threads = 0;        // --threads; 0 = the server's default
  int search_cache = -1;  // --search-cache; -1 = the server's default
};

// A running `citykb serve`; stopped (SIGTERM, then waited for) on destruction.
class ServerProcess {
 public:
  static Result<ServerProcess> Start(const ServerSpec& spec);
  ServerProcess(ServerProcess&& other) noexcept;
  ServerProcess& operator=(ServerProcess&&) = delete;
  ~ServerProcess();

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  // A field of /proc/PID/status in bytes ("VmHWM" = peak RSS, "VmRSS"); -1 if unknown.
  int64_t MemoryBytes(const std::string& field) const;
  // Stops the server; returns its exit status.
  int Stop();

 private:
  ServerProcess(pid_t pid, int port) : pid_(pid), port_(port) {}
  pid_t pid_ = -1;
  int port_ = 0;
};

struct WrkSpec {
  std::string url;     // http://127.0.0.1:PORT
  std::string paths;   // file of request paths, one a line
  std::string script;  // bench/wrk/rotate.lua
  int connections = 8;
  int threads = 2;
  int seconds = 10;
};

struct WrkResult {
  int64_t requests = 0;
  double seconds = 0;
  double rps = 0;
  double p50_ms = 0, p90_ms = 0, p99_ms = 0, max_ms = 0, mean_ms = 0;
  int64_t socket_errors = 0;  // connect + read + write + timeout
  int64_t status_errors = 0;  // HTTP status >= 400
  int64_t errors() const { return socket_errors + status_errors; }
};

// Runs wrk once. kUnavailable when wrk is not installed.
Result<WrkResult> RunWrk(const WrkSpec& spec);

}  // namespace citykb::bench
