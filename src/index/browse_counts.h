// Browsing without words: the total and the facet counts of the documents
// that pass the facet filters, read from the facet columns in one pass over
// the documents. The matcher would visit every passing document once, and
// once more per selected facet (each counted with every filter but its
// own); here one scan answers them all, and the matcher only ranks the
// page. Private to src/index/.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "index/snapshot.h"

namespace citykb {

struct BrowseCounts {
  int64_t total = 0;
  std::map<std::string, std::map<std::string, int64_t>> facets;  // facet -> value -> count
};

// `filters`: facet name -> selected values, OR-ed within a facet and AND-ed
// across facets (as IndexQuery::filters). `documents`: the database's
// document count, the total when nothing is selected (deleted documents
// hold combination 0 in every column, and pass no filter). With
// `with_facets`, every facet gets its counts (values counted 0 left out);
// a selected facet is counted with every filter but its own. nullopt when
// the snapshot lacks a facet's column.
std::optional<BrowseCounts> CountBrowse(const Snapshot& snapshot,
                                        const std::map<std::string, std::vector<std::string>>& filters,
                                        Xapian::doccount documents, bool with_facets);

}  // namespace citykb
