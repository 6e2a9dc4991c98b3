// Search phase: runs the query mix in one thread against citykb's search
// service and both baselines, interleaved query by query (the order of the
// systems rotates), for several rounds after a warm-up pass; then compares
// the warm-up answers to see whether the systems agree where they should.
#pragma once

#include <vector>

#include "results.h"
#include "search_system.h"

namespace citykb::bench {

// `systems`: citykb first, then raw Xapian, then FTS5.
Result<SearchReport> RunSearch(const std::vector<SearchSystem*>& systems, const std::vector<BenchQuery>& queries,
                               int rounds);

}  // namespace citykb::bench
