#include "search/stored_hits.h"

#include "store/store.h"

namespace citykb {

Result<std::set<std::string>> MissingFromStore(const Store& store, const std::vector<std::string>& ids) {
  std::set<std::string> missing(ids.begin(), ids.end());
  if (missing.empty()) return missing;
  // Which ids the store holds, without reading the records themselves.
  auto held = store.DocumentOwners(ids);
  if (!held.ok()) return held.status();
  for (const auto& [id, city] : *held) missing.erase(id);
  return missing;
}

}  // namespace citykb
