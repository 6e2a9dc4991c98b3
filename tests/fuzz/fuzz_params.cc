// libFuzzer target: the parsing of GET /api/search parameters
// (src/http/request_params.h). The input is read as a query string
// (key=value&..., percent-decoded the way the HTTP server does); whatever it
// holds, the parser either refuses it with kInvalidArgument naming a field
// or returns a request within the documented bounds.
#include <algorithm>
#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "http/request_params.h"
#include "text/text_analysis.h"

using citykb::fuzz::Check;

namespace {

int Hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string Decode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && Hex(s[i + 1]) >= 0 && Hex(s[i + 2]) >= 0) {
      out += static_cast<char>(Hex(s[i + 1]) * 16 + Hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = citykb::fuzz::AsText(data, size);
  citykb::QueryParams params;
  size_t start = 0;
  while (start <= text.size()) {
    size_t amp = text.find('&', start);
    if (amp == std::string_view::npos) amp = text.size();
    const std::string_view pair = text.substr(start, amp - start);
    const size_t eq = pair.find('=');
    // httplib drops parameters without a name ("=x"), so does this.
    if (!pair.empty() && eq != 0)
      params.emplace(Decode(pair.substr(0, eq)), eq == std::string_view::npos ? "" : Decode(pair.substr(eq + 1)));
    start = amp + 1;
  }

  auto request = citykb::ParseSearchRequest(params);
  if (!request.ok()) {
    Check(request.status().code() == citykb::StatusCode::kInvalidArgument, "a refusal is kInvalidArgument");
    Check(!request.status().field().empty(), "a refusal names its field");
    return 0;
  }
  Check(request->per_page >= 1 && request->per_page <= 100, "per_page within 1..100");
  Check(request->page >= 1 && (request->page - 1) * request->per_page <= 10000, "offset at most 10,000");
  Check(request->q.size() <= 2000 && citykb::IsValidUtf8(request->q), "q is short valid UTF-8");
  for (const auto& [facet, values] : request->filters) {
    Check(!values.empty() && values.size() <= 50, "1..50 values per facet");
    for (const auto& v : values)
      Check(!v.empty() && citykb::IsValidUtf8(v) &&
                std::count_if(v.begin(), v.end(),
                              [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }) <= 64,
            "facet values are valid UTF-8 of at most 64 characters");
  }
  // The helpers on their own.
  (void)citykb::ListParam(params, "cities");
  (void)citykb::IntParam(params, "limit", 5, 1, 50);
  (void)citykb::BoolParam(params, "same_city", false);
  return 0;
}
