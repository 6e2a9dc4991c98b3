// What the search benchmark runs: a query of the mix, the answer every
// system gives in the same shape (total, page of ids, facet counts), and the
// interface citykb and both baselines implement. A system is used from one
// thread.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "model/model.h"
#include "util/status.h"

namespace citykb::bench {

// One query of the mix, as the web page would send it: every query asks
// for all facets (city, theme, stakeholder, kind).
struct BenchQuery {
  std::string kind;  // frequent, mid, rare, zero-hit, two-words, phrase, filters, ...
  std::string text;  // as typed; empty = browse
  std::map<std::string, std::vector<std::string>> filters;  // facet -> selected values (OR-ed)
  int page = 1;                                             // 10 results a page
  Lang lang = Lang::kFr;
};

inline constexpr int kPerPage = 10;

struct BenchAnswer {
  int64_t total = 0;
  std::vector<std::string> ids;                                  // the page, best first
  std::map<std::string, std::map<std::string, int64_t>> facets;  // facet -> value -> count (> 0)
  size_t bytes = 0;                                              // of the records read for the page
  // False when the system did more than match the words (citykb added
  // synonyms or relaxed to any word), so other systems cannot agree.
  bool literal = true;
};

class SearchSystem {
 public:
  virtual ~SearchSystem() = default;
  virtual const char* name() const = 0;
  virtual Result<BenchAnswer> Search(const BenchQuery& query) = 0;
};

}  // namespace citykb::bench
