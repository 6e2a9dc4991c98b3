#include "http/compression.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace citykb {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

// The quality of one coding ("gzip;q=0.5" -> 0.5); 1 without a q parameter,
// 0 when the value does not read as a number.
double Quality(std::string_view params) {
  while (!params.empty()) {
    size_t semi = params.find(';');
    std::string_view param = Trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view() : params.substr(semi + 1);
    if (param.empty() || std::tolower(static_cast<unsigned char>(param[0])) != 'q') continue;
    std::string_view rest = Trim(param.substr(1));
    if (rest.empty() || rest.front() != '=') continue;
    std::string value(Trim(rest.substr(1)));
    char* end = nullptr;
    double q = std::strtod(value.c_str(), &end);
    if (value.empty() || end != value.c_str() + value.size() || !(q >= 0)) return 0;
    return q;
  }
  return 1;
}

}  // namespace

bool AcceptsGzip(std::string_view accept_encoding) {
  double gzip = -1;  // not named
  double any = -1;
  while (true) {
    size_t comma = accept_encoding.find(',');
    std::string_view item = accept_encoding.substr(0, comma);
    size_t semi = item.find(';');
    std::string_view name = Trim(item.substr(0, semi));
    double q = semi == std::string_view::npos ? 1 : Quality(item.substr(semi + 1));
    if (EqualsNoCase(name, "gzip") || EqualsNoCase(name, "x-gzip"))
      gzip = std::max(gzip, q);
    else if (name == "*")
      any = std::max(any, q);
    if (comma == std::string_view::npos) break;
    accept_encoding.remove_prefix(comma + 1);
  }
  return gzip >= 0 ? gzip > 0 : any > 0;
}

bool IsCompressibleJson(const httplib::Response& res) {
  return res.body.size() >= kMinGzipBytes && res.status != 206 && !res.has_header("Content-Encoding") &&
         !res.has_header("Content-Range") && res.get_header_value("Content-Type").rfind("application/json;", 0) == 0;
}

void GzipBody(httplib::Response& res) {
  z_stream zs{};
  // windowBits 15 + 16: the gzip wrapper.
  if (deflateInit2(&zs, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return;
  std::string out(deflateBound(&zs, static_cast<uLong>(res.body.size())), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(res.body.data());
  zs.avail_in = static_cast<uInt>(res.body.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int status = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  if (status != Z_STREAM_END) return;
  res.body = std::move(out);
  res.set_header("Content-Encoding", "gzip");
  // httplib set the length of the body as it was.
  res.headers.erase("Content-Length");
  res.set_header("Content-Length", std::to_string(res.body.size()));
}

}  // namespace citykb
