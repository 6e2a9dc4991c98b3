// The consistency rule of read replicas whose index is replicated
// (docs/cluster.md): the index may be ahead of the store for a moment, so a
// hit is kept only when the store holds its record, and its record page
// answers. Thread-safe (reads the store only).
#pragma once

#include <set>
#include <string>
#include <vector>

#include "util/status.h"

namespace citykb {

class Store;

// The ids among `ids` whose record `store` does not hold.
Result<std::set<std::string>> MissingFromStore(const Store& store, const std::vector<std::string>& ids);

}  // namespace citykb
