// One client connection as citykb reads it: a buffer kept for the
// connection's whole life (httplib 0.11.4 starts a new buffer for every
// request and so drops pipelined requests), the reading of a request head
// under its limits and deadline, and the count of bytes handed out since the
// start of the current request, so that the server can tell whether a
// request was read exactly to its end. Also how a connection is closed.
// Used by one worker thread; private to src/http/.
#pragma once

#include <httplib.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace citykb {

// An httplib::Stream over one accepted socket (which it does not close).
// Reads fail once the current deadline passes.
class ConnectionStream : public httplib::Stream {
 public:
  using Clock = std::chrono::steady_clock;

  ConnectionStream(socket_t sock, int read_timeout_ms, int write_timeout_ms)
      : sock_(sock), read_timeout_ms_(read_timeout_ms), write_timeout_ms_(write_timeout_ms) {}

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, size_t size) override;
  ssize_t write(const char* ptr, size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override { Address(true, ip, port); }
  void get_local_ip_and_port(std::string& ip, int& port) const override { Address(false, ip, port); }
  socket_t socket() const override { return sock_; }

  // Waits up to `timeout_ms` for the first byte of a request; false when the
  // client sent nothing or closed.
  bool WaitForRequest(int timeout_ms);

  // Reads until the request head is whole (or a limit or the deadline is
  // reached) without consuming it: {head bytes, 0} or {0, refusal status}
  // (414 request line too long, 431 head too large, 408 deadline passed),
  // or {0, -1} when the client closed mid-head.
  std::pair<size_t, int> PeekHead(Clock::time_point deadline);

  // The next `n` buffered bytes, not consumed.
  std::string_view Peek(size_t n) const { return {buf_.data() + pos_, std::min(n, buf_.size() - pos_)}; }

  // Starts a request of `bytes` bytes (head and body) that must arrive by `deadline`.
  void BeginRequest(size_t bytes, Clock::time_point deadline) {
    consumed_ = 0;
    expected_ = bytes;
    deadline_ = deadline;
  }
  // True when the request was read to its end and not one byte further.
  bool ReadExactly() const { return consumed_ == expected_; }
  // True when bytes the client sent are waiting in the buffer.
  bool Buffered() const { return pos_ < buf_.size(); }

 private:
  int TimeLeftMs(int cap) const;
  bool Poll(short events, int timeout_ms) const;
  // Appends what the socket has (waiting up to `timeout_ms`); the bytes read,
  // 0 on end of stream, -1 on timeout or error.
  ssize_t Fill(int timeout_ms);
  void Address(bool peer, std::string& ip, int& port) const;

  socket_t sock_;
  int read_timeout_ms_;
  int write_timeout_ms_;
  std::string buf_;
  size_t pos_ = 0;
  size_t consumed_ = 0;
  size_t expected_ = 0;
  std::optional<Clock::time_point> deadline_;
};

// How long a connection closed with input unread keeps reading (as nginx's
// lingering close): a client still sending its body would otherwise get a
// reset and lose the answer. What is read is dropped at once: memory stays flat.
struct Linger {
  int quiet_ms;  // stop after this long without a byte (0 = close at once)
  int total_ms;  // and after this long in all
};
constexpr Linger kNoLinger{0, 0};
constexpr Linger kLingerAfterError{1000, 5000};
constexpr Linger kLingerWhenFull{100, 1000};  // a full server keeps its workers

// Closes a connection: stops writing, reads and drops what the client still
// sends as `linger` says, then closes `sock`.
void CloseConnection(socket_t sock, Linger linger);

}  // namespace citykb
