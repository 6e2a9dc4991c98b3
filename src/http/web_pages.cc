#include "http/web_pages.h"

#include <regex>

namespace citykb {

int WebPageStatus(ApiContext& ctx, const std::string& path) {
  static const std::regex fixed(R"(^/(search|compare|add|timeline|sources)?/?$)");
  static const std::regex record(R"(^/(documents|cities|people|sources)/([^/]+)/?$)");
  if (std::regex_match(path, fixed)) return 200;
  std::smatch m;
  if (!std::regex_match(path, m, record)) return 404;
  const std::string kind = m[1].str(), id = m[2].str();
  const auto catalog = ctx.kb.catalog();
  bool exists = false;
  if (kind == "documents")
    exists = ctx.kb.search().GetDocument(id).ok();
  else if (kind == "cities")
    exists = catalog->cities.count(id) > 0;
  else if (kind == "sources")
    exists = catalog->sources.count(id) > 0;
  else if (kind == "people")
    exists = ctx.kb.provenance().Person(id).ok();
  return exists ? 200 : 404;
}

}  // namespace citykb
