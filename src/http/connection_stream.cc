#include "http/connection_stream.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>

#include "http/request_head.h"

namespace citykb {

bool ConnectionStream::is_readable() const { return pos_ < buf_.size() || Poll(POLLIN, TimeLeftMs(read_timeout_ms_)); }

bool ConnectionStream::is_writable() const { return Poll(POLLOUT, write_timeout_ms_); }

ssize_t ConnectionStream::read(char* ptr, size_t size) {
  if (pos_ == buf_.size()) {
    const ssize_t got = Fill(TimeLeftMs(read_timeout_ms_));
    if (got <= 0) return got < 0 ? -1 : 0;
  }
  const size_t n = std::min(size, buf_.size() - pos_);
  std::memcpy(ptr, buf_.data() + pos_, n);
  pos_ += n;
  consumed_ += n;
  return static_cast<ssize_t>(n);
}

ssize_t ConnectionStream::write(const char* ptr, size_t size) {
  if (!is_writable()) return -1;
  return ::send(sock_, ptr, size, MSG_NOSIGNAL);
}

bool ConnectionStream::WaitForRequest(int timeout_ms) {
  if (pos_ < buf_.size()) return true;
  deadline_.reset();
  return Fill(timeout_ms) > 0;
}

std::pair<size_t, int> ConnectionStream::PeekHead(Clock::time_point deadline) {
  deadline_ = deadline;
  size_t scanned = 0;  // bytes after pos_ already searched
  for (;;) {
    const std::string_view data(buf_.data() + pos_, buf_.size() - pos_);
    const size_t end = data.find("\r\n\r\n", scanned > 3 ? scanned - 3 : 0);
    const size_t line_end = data.find('\n');
    if ((line_end == std::string_view::npos ? data.size() : line_end) > kMaxRequestLine) return {0, 414};
    if (end != std::string_view::npos) return {end + 4, 0};
    if (data.size() > kMaxHeadBytes) return {0, 431};
    // A bare LF (which httplib would read differently): hand it to the parser, which refuses it.
    for (size_t i = scanned; i < data.size(); ++i)
      if (data[i] == '\n' && (i == 0 || data[i - 1] != '\r')) return {data.size(), 0};
    scanned = data.size();
    const ssize_t n = Fill(TimeLeftMs(read_timeout_ms_));
    if (n == 0) return {0, -1};  // closed by the client mid-head
    if (n < 0) return {0, 408};  // silent past the read timeout or the head deadline
  }
}

int ConnectionStream::TimeLeftMs(int cap) const {
  if (!deadline_) return cap;
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*deadline_ - Clock::now()).count();
  return static_cast<int>(std::clamp<int64_t>(left, 0, cap));
}

bool ConnectionStream::Poll(short events, int timeout_ms) const {
  pollfd p{sock_, events, 0};
  int r;
  do r = ::poll(&p, 1, timeout_ms);
  while (r < 0 && errno == EINTR);
  return r > 0 && (p.revents & (events | POLLHUP | POLLERR)) != 0;
}

ssize_t ConnectionStream::Fill(int timeout_ms) {
  if (pos_ == buf_.size()) {
    buf_.clear();
    pos_ = 0;
  } else if (pos_ > (64 << 10)) {
    buf_.erase(0, pos_);
    pos_ = 0;
  }
  if (timeout_ms <= 0 || !Poll(POLLIN, timeout_ms)) return -1;
  char chunk[16 << 10];
  ssize_t n;
  do n = ::recv(sock_, chunk, sizeof chunk, 0);
  while (n < 0 && errno == EINTR);
  if (n > 0) buf_.append(chunk, static_cast<size_t>(n));
  return n;
}

void ConnectionStream::Address(bool peer, std::string& ip, int& port) const {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  const int r = peer ? ::getpeername(sock_, reinterpret_cast<sockaddr*>(&addr), &len)
                     : ::getsockname(sock_, reinterpret_cast<sockaddr*>(&addr), &len);
  if (r != 0) return;
  char text[INET6_ADDRSTRLEN] = {0};
  if (addr.ss_family == AF_INET) {
    const auto* a = reinterpret_cast<const sockaddr_in*>(&addr);
    ::inet_ntop(AF_INET, &a->sin_addr, text, sizeof text);
    port = ntohs(a->sin_port);
  } else if (addr.ss_family == AF_INET6) {
    const auto* a = reinterpret_cast<const sockaddr_in6*>(&addr);
    ::inet_ntop(AF_INET6, &a->sin6_addr, text, sizeof text);
    port = ntohs(a->sin6_port);
  }
  ip = text;
}

void CloseConnection(socket_t sock, Linger linger) {
  ::shutdown(sock, SHUT_WR);
  const auto until = ConnectionStream::Clock::now() + std::chrono::milliseconds(linger.total_ms);
  char chunk[16 << 10];
  while (linger.quiet_ms > 0) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(until - ConnectionStream::Clock::now()).count();
    pollfd p{sock, POLLIN, 0};
    if (left <= 0 || ::poll(&p, 1, static_cast<int>(std::min<int64_t>(left, linger.quiet_ms))) <= 0) break;
    const ssize_t n = ::recv(sock, chunk, sizeof chunk, 0);
    if (n <= 0) break;
  }
  ::close(sock);
}

}  // namespace citykb
