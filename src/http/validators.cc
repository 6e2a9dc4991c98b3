#include "http/validators.h"

#include <cstdint>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace citykb {

namespace {

// 64-bit FNV-1a of `text` and the content coding: cheap, and enough to tell
// two bodies (or requests), and two forms of one, apart.
std::string EntityTag(std::string_view text, std::string_view content_coding) {
  uint64_t h = 1469598103934665603ull;
  for (std::string_view part : {text, std::string_view("\n"), content_coding})
    for (unsigned char c : part) {
      h ^= c;
      h *= 1099511628211ull;
    }
  return fmt::format("\"{:016x}-{:x}\"", h, text.size());
}

// What an API answer depends on: the data version and the whole request.
std::string ApiKey(const httplib::Request& req, const std::string& data_version) {
  std::string key = data_version + '\n' + req.path + '\n';
  for (const auto& [name, value] : req.params)  // a multimap: sorted
    key.append(name).append(1, '=').append(value).append(1, '&');
  return key.append(1, '\n').append(req.get_header_value("Accept"));
}

// True when an If-None-Match header names `tag` (or is "*").
bool Matches(const std::string& header, const std::string& tag) {
  if (header.empty()) return false;
  if (header == "*") return true;
  size_t at = 0;
  while (at < header.size()) {
    size_t comma = header.find(',', at);
    if (comma == std::string::npos) comma = header.size();
    std::string item = header.substr(at, comma - at);
    while (!item.empty() && item.front() == ' ') item.erase(0, 1);
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (item.rfind("W/", 0) == 0) item.erase(0, 2);
    if (item == tag) return true;
    at = comma + 1;
  }
  return false;
}

}  // namespace

void AddValidators(const httplib::Request& req, httplib::Response& res, const std::string& data_version,
                   std::string_view content_coding) {
  if (res.status != 200 || (req.method != "GET" && req.method != "HEAD")) return;
  if (res.has_header("Content-Range") || !req.ranges.empty()) return;
  // Bodies streamed by a content provider are not in res.body: left alone.
  if (res.body.empty() && res.get_header_value("Content-Length") != "0") return;
  const bool api = req.path.rfind("/api/", 0) == 0;
  // Health, the change feed and replication batches report live state (the
  // store may be ahead of the index): never tagged.
  if (api && (data_version.empty() || req.path == "/api/health" || req.path == "/api/changes" ||
              req.path.rfind("/api/replication/", 0) == 0))
    return;
  const std::string tag =
      api ? EntityTag(ApiKey(req, data_version), content_coding) : EntityTag(res.body, content_coding);
  res.set_header("ETag", tag);
  if (!res.has_header("Cache-Control")) res.set_header("Cache-Control", "no-cache");
  if (Matches(req.get_header_value("If-None-Match"), tag)) {
    res.status = 304;
    res.body.clear();
    res.headers.erase("Content-Length");
  }
}

}  // namespace citykb
