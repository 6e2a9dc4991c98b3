// The query mix, drawn (seeded) from the corpus itself so that every class
// means what it says at any size: frequent, mid-frequency and rare words
// (by document frequency), zero-hit words, two-word queries, quoted
// phrases, multi-select facet filters with and without words, prefixes as
// typed (word*), later pages, English queries and browsing with no text.
// Also the strings typed into the search box, for /api/suggest.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/model.h"
#include "search_system.h"

namespace citykb::bench {

struct QueryMix {
  std::vector<BenchQuery> search;
  std::vector<std::string> typed;  // growing prefixes, as sent to /api/suggest
};

// `count` search queries in a fixed proportion of classes.
QueryMix BuildQueryMix(const Corpus& corpus, int count, uint64_t seed);

// The query classes, in report order.
const std::vector<std::string>& QueryKinds();

// "/api/search?q=...&city=a&city=b&page=2&lang=fr" (percent-encoded).
std::string SearchPath(const BenchQuery& query);
std::string SuggestPath(const std::string& typed);

}  // namespace citykb::bench
