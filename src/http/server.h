// The HTTP server: cpp-httplib configured for real use (TCP_NODELAY, many
// requests per keep-alive connection, a sized worker pool, short timeouts,
// a body limit, multi-range and chunked uploads refused, security headers,
// an access log, JSON errors that never leak internals), serving the API
// routes and the web/ folder. citykb reads each connection itself (one
// buffer for the connection's life, so pipelined requests are kept) and
// checks every request head before httplib sees it: size, header count and
// a deadline, Host, and a body framing it can trust (one Content-Length, no
// Transfer-Encoding). One per process; Stop() may be called from any thread.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "kb/knowledge_base.h"
#include "replica/follower.h"
#include "util/status.h"

namespace citykb {

struct ServerOptions {
  std::string host = "127.0.0.1";      // interface to bind; 127.0.0.1 unless told otherwise
  int port = 8080;                     // 0 = any free port
  std::string web_dir = "web";         // static files served at /
  int threads = 32;                    // workers started: one thread per open connection
  int max_threads = 512;               // the pool grows to this when every worker is busy (slow clients)
  int max_connections = 480;           // open connections above this get 503 (kept below max_threads)
  int idle_thread_seconds = 30;        // workers above `threads` idle this long exit
  int header_timeout_seconds = 10;     // a request line and headers must arrive within this
  int request_timeout_seconds = 30;    // a whole request (head and body) must arrive within this
  int keep_alive_seconds = 2;          // idle keep-alive connections are closed after this
  int keep_alive_max = 1000;           // requests per keep-alive connection
  size_t max_body_bytes = 2 << 20;     // request bodies above this get 413
  std::string admin_token;             // bearer token for writes; empty = writes disabled
  int write_failures_per_minute = 10;  // failed write attempts per client before 429
  std::string trusted_proxy;           // peer address of a front proxy whose X-Forwarded-For names the client;
                                       // empty = the peer is the client
  std::string public_url;              // base of absolute links (CSV permalinks), e.g. https://citykb.example.org;
                                       // empty = http://HOST:PORT of the listening socket, never the Host header
  std::string writer_url;              // read replica of this writer (writes refused); empty = this is the writer
  std::function<FollowState()> follow_state;  // a replica's view of the writer, for /api/health
};

class HttpServer {
 public:
  HttpServer(KnowledgeBase& kb, ServerOptions options);
  ~HttpServer();

  // Binds the listening socket; returns the port bound.
  Result<int> Bind();
  // Serves until Stop(). Bind() first.
  void Run();
  void Stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace citykb
