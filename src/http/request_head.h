// The head of an HTTP/1.x request (request line and headers), checked by
// citykb before httplib reads it: the limits of its size, the rules that
// decide how long its body is (one plain Content-Length, no
// Transfer-Encoding), and the refusal to answer when a rule is broken.
// Pure functions of the bytes; private to src/http/.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace citykb {

// Limits of a request head, checked before httplib reads it.
constexpr size_t kMaxRequestLine = 8192;    // longer: 414
constexpr size_t kMaxHeadBytes = 32 << 10;  // request line and headers; longer: 431
constexpr size_t kMaxHeaderLines = 100;     // more: 431

// What citykb needs to know of a request head to frame its body, or the
// answer refusing it.
struct RequestHead {
  int status = 0;         // non-zero: refuse with this status
  const char* code = "";  // the error code of that refusal
  std::string message;    // and its message
  std::string method;
  std::string target;
  size_t content_length = 0;  // body bytes that follow the head
};

// `head` with the refusal `status`, `code` and `message` set.
RequestHead Refuse(RequestHead head, int status, const char* code, std::string message);

// Checks `head` (the bytes up to and including the blank line) and finds the
// body's length. Refuses: lines not ended by CRLF, malformed header lines,
// NUL and other control characters, more than kMaxHeaderLines headers,
// HTTP/1.1 without exactly one Host, any Transfer-Encoding (411), a body
// method without Content-Length (411), a Content-Length that is not plain
// digits or that disagrees with another one (400), and one above
// `max_body` (413).
RequestHead ParseRequestHead(std::string_view head, size_t max_body);

// An Accept-Encoding value without brotli: every coding whose name contains
// "br" is left out, the others kept in order ("gzip, deflate, br, zstd" ->
// "gzip, deflate, zstd"). Debian's cpp-httplib compresses with brotli at its
// highest quality (11) whenever "br" appears anywhere in the header, which
// costs tens of milliseconds per static file; gzip costs about one.
std::string AcceptEncodingWithoutBrotli(std::string_view accept_encoding);

}  // namespace citykb
