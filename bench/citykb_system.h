// citykb's side of the search benchmark: SearchService::Search as the web
// page calls it (10 results, all facets, snippets, labels), answers reduced
// to the common BenchAnswer shape.
#pragma once

#include "search/search_service.h"
#include "search_system.h"

namespace citykb::bench {

class CitykbSearcher : public SearchSystem {
 public:
  explicit CitykbSearcher(const SearchService& service) : service_(service) {}
  const char* name() const override { return "citykb"; }
  Result<BenchAnswer> Search(const BenchQuery& query) override {
    SearchRequest request;
    request.q = query.text;
    request.filters = query.filters;
    request.lang = query.lang;
    request.page = query.page;
    request.per_page = kPerPage;
    auto result = service_.Search(request);
    if (!result.ok()) return result.status();
    BenchAnswer out;
    // Synonyms, relaxing to any word and spelling corrections widen the
    // match: then other systems are not expected to agree.
    out.total = result->total;
    for (const auto& hit : result->hits) {
      out.ids.push_back(hit.id);
      out.bytes += hit.snippet.size() + hit.title.size();
    }
    for (const auto& [facet, values] : result->facets) {
      for (const auto& v : values)
        if (v.count > 0) out.facets[facet][v.value] = v.count;
    }
    out.literal = result->expanded.empty() && !result->relaxed && !result->suggestion;
    return out;
  }

 private:
  const SearchService& service_;
};

}  // namespace citykb::bench
