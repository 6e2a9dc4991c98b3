// What one small write costs the searches after it: a record of one city is
// edited through KnowledgeBase::PutBundle (as POST /api/cities does), then
// the first search on the new revision (browse everything, all facets) is
// timed, against a search never asked before on the same revision (so both
// miss the answer cache and only the first pays for bringing the facet
// columns forward).
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "kb/knowledge_base.h"

namespace citykb::bench {

struct WriteReport {
  int rounds = 0;
  double write_ms_p50 = 0;         // PutBundle, acknowledged (store + index committed)
  double first_search_ms_p50 = 0;  // the first search after the write
  double fresh_search_ms_p50 = 0;  // another uncached search on the same revision
  double whole_load_ms_p50 = 0;    // the same first search on an index just opened (columns loaded whole)
  int64_t columns_whole = 0;       // facet columns loaded whole during the rounds
  int64_t columns_derived = 0;     // and derived from the previous revision's
};

// Edits one record of the first city bundle of `corpus_dir` `rounds` times;
// `data_dir` is the knowledge base's directory (its index is also opened
// afresh, read-only, to time a first search that loads the columns whole).
Result<WriteReport> RunWriteThenSearch(KnowledgeBase& kb, const std::string& data_dir, const std::string& corpus_dir,
                                       int rounds);

nlohmann::json ToJson(const WriteReport& r);

}  // namespace citykb::bench
