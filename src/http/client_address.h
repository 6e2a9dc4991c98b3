// The address of the client a request came from, for per-client limits: the
// connection's peer, or, when the peer is the configured trusted front proxy
// (--trusted-proxy), the address that proxy appended to X-Forwarded-For.
// Forwarding headers from anyone else are ignored. Private to src/http/.
#pragma once

#include <httplib.h>

#include <string>

namespace citykb {

// `req`'s client: its peer address, unless the peer is `trusted_proxy` (an
// IP address; empty = no proxy is trusted) and the last X-Forwarded-For
// element is an IPv4 or IPv6 address, which is then returned. A request from
// the trusted proxy without a usable X-Forwarded-For keeps the proxy's address.
std::string ClientAddress(const httplib::Request& req, const std::string& trusted_proxy);

}  // namespace citykb
