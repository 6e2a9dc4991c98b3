#include "http/request_head.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <optional>
#include <vector>

namespace citykb {

namespace {

bool IsTokenChar(unsigned char c) { return std::isalnum(c) || std::strchr("!#$%&'*+-.^_`|~", c) != nullptr; }

}  // namespace

RequestHead Refuse(RequestHead head, int status, const char* code, std::string message) {
  head.status = status;
  head.code = code;
  head.message = std::move(message);
  return head;
}

RequestHead ParseRequestHead(std::string_view head, size_t max_body) {
  RequestHead out;
  std::vector<std::string_view> lines;
  for (size_t start = 0; start < head.size();) {
    const size_t lf = head.find('\n', start);
    if (lf == std::string_view::npos || lf == start || head[lf - 1] != '\r')
      return Refuse(out, 400, "bad_request", "every line of the request head must end with CRLF");
    lines.push_back(head.substr(start, lf - 1 - start));
    start = lf + 1;
  }
  if (lines.size() < 2 || !lines.back().empty()) return Refuse(out, 400, "bad_request", "incomplete request head");
  lines.pop_back();
  const std::string_view line = lines[0];
  const size_t sp1 = line.find(' ');
  const size_t sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || line.find(' ', sp2 + 1) != std::string_view::npos || sp1 == 0 || sp2 == sp1 + 1)
    return Refuse(out, 400, "bad_request", "the request line must be METHOD TARGET HTTP/1.x");
  out.method = std::string(line.substr(0, sp1));
  out.target = std::string(line.substr(sp1 + 1, sp2 - sp1 - 1));
  const std::string_view version = line.substr(sp2 + 1);
  for (unsigned char c : line)
    if (c < 0x20 || c == 0x7f) return Refuse(out, 400, "bad_request", "control character in the request line");
  if (lines.size() - 1 > kMaxHeaderLines)
    return Refuse(out, 431, "headers_too_large", "more than " + std::to_string(kMaxHeaderLines) + " headers");
  int hosts = 0;
  bool chunked = false;
  std::optional<std::string_view> length;
  for (size_t i = 1; i < lines.size(); ++i) {
    const std::string_view h = lines[i];
    const size_t colon = h.find(':');
    if (colon == 0 || colon == std::string_view::npos)
      return Refuse(out, 400, "bad_request", "a header line without a name and a colon");
    const std::string_view name = h.substr(0, colon);
    for (unsigned char c : name)
      if (!IsTokenChar(c)) return Refuse(out, 400, "bad_request", "a header name holds a character not allowed there");
    std::string_view value = h.substr(colon + 1);
    for (unsigned char c : value)
      if ((c < 0x20 && c != '\t') || c == 0x7f)
        return Refuse(out, 400, "bad_request", "a header value holds a control character");
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
    const auto is = [&](std::string_view want) {
      return name.size() == want.size() && std::equal(name.begin(), name.end(), want.begin(), [](char a, char b) {
               return std::tolower(static_cast<unsigned char>(a)) == b;
             });
    };
    if (is("host")) ++hosts;
    if (is("transfer-encoding")) chunked = true;
    if (is("content-length")) {
      const bool digits = !value.empty() && value.size() <= 18 &&
                          std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (!digits) return Refuse(out, 400, "bad_request", "Content-Length must be a plain decimal number");
      if (length && *length != value) return Refuse(out, 400, "bad_request", "conflicting Content-Length headers");
      length = value;
    }
  }
  if (version == "HTTP/1.1" && hosts != 1)
    return Refuse(out, 400, "bad_request", "an HTTP/1.1 request needs exactly one Host header");
  if (hosts > 1) return Refuse(out, 400, "bad_request", "more than one Host header");
  if (chunked) return Refuse(out, 411, "length_required", "send the body with a Content-Length, not Transfer-Encoding");
  const bool body_method = out.method == "POST" || out.method == "PUT" || out.method == "PATCH" || out.method == "PRI";
  if (body_method && !length)
    return Refuse(out, 411, "length_required", "a " + out.method + " request needs a Content-Length header");
  if (length) {
    const uint64_t n = std::stoull(std::string(*length));
    if (n > max_body)
      return Refuse(out, 413, "payload_too_large",
                    "the request body is larger than " + std::to_string(max_body) + " bytes");
    out.content_length = static_cast<size_t>(n);
  }
  return out;
}

std::string AcceptEncodingWithoutBrotli(std::string_view accept_encoding) {
  std::string out;
  size_t start = 0;
  while (start <= accept_encoding.size()) {
    size_t end = accept_encoding.find(',', start);
    if (end == std::string_view::npos) end = accept_encoding.size();
    std::string_view coding = accept_encoding.substr(start, end - start);
    while (!coding.empty() && (coding.front() == ' ' || coding.front() == '\t')) coding.remove_prefix(1);
    while (!coding.empty() && (coding.back() == ' ' || coding.back() == '\t')) coding.remove_suffix(1);
    std::string lower(coding);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!coding.empty() && lower.find("br") == std::string::npos) {
      if (!out.empty()) out += ", ";
      out += coding;
    }
    start = end + 1;
  }
  return out;
}

}  // namespace citykb
