// gzip for JSON answers. httplib compresses only the content types it names
// exactly ("application/json", "text/...", ...): citykb's JSON answers say
// their charset ("application/json; charset=utf-8"), so httplib sends them
// as they are, and the server compresses them here instead. Static files and
// CSV ("text/...") are still compressed by httplib. Private to src/http/.
#pragma once

#include <httplib.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace citykb {

// Answers smaller than this are sent as they are: gzip would save a few
// bytes at the cost of a compression.
inline constexpr size_t kMinGzipBytes = 1024;

// True when an Accept-Encoding value allows gzip: "gzip" or "x-gzip" with a
// quality above 0, or "*" above 0 when gzip itself is not refused
// ("gzip;q=0"). Names are case-insensitive.
bool AcceptsGzip(std::string_view accept_encoding);

// True when `res` is a JSON answer the server compresses itself: its type
// is "application/json" with parameters (httplib compresses the bare type,
// static .json files, on its own), its body has at least kMinGzipBytes, and
// it is neither encoded already nor a byte range.
bool IsCompressibleJson(const httplib::Response& res);

// Replaces the body by its gzip form and sets Content-Encoding and
// Content-Length. zlib's fastest level: on a 38 KB search answer it gives
// 10.3 KB in a quarter of the time of the default level (8.6 KB), and the
// answer is compressed once per request. Leaves the body alone if zlib fails.
void GzipBody(httplib::Response& res);

}  // namespace citykb
