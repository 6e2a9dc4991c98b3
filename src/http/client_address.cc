#include "http/client_address.h"

#include <arpa/inet.h>

#include <string_view>

namespace citykb {

namespace {

bool IsIpAddress(const std::string& text) {
  unsigned char buf[16];
  return ::inet_pton(AF_INET, text.c_str(), buf) == 1 || ::inet_pton(AF_INET6, text.c_str(), buf) == 1;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string ClientAddress(const httplib::Request& req, const std::string& trusted_proxy) {
  if (trusted_proxy.empty() || req.remote_addr != trusted_proxy) return req.remote_addr;
  // The proxy appends the address it saw: the last element of the last header.
  std::string_view last;
  const auto range = req.headers.equal_range("X-Forwarded-For");
  for (auto it = range.first; it != range.second; ++it) last = it->second;
  const size_t comma = last.rfind(',');
  const std::string forwarded(Trim(comma == std::string_view::npos ? last : last.substr(comma + 1)));
  return IsIpAddress(forwarded) ? forwarded : req.remote_addr;
}

}  // namespace citykb
