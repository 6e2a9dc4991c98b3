#include "search/stored_hits.h"

#include "store/store.h"

namespace citykb {

Result<std::set<std::string>> MissingFromStore(const Store& store, const std::vector<std::string>& ids) {
  std::set<std::string> missing(ids.begin(), ids.end());
  if (missing.empty()) return missing;
  auto docs = store.GetDocuments(ids);
  if (!docs.ok()) return docs.status();
  for (const auto& d : *docs) missing.erase(d.id);
  return missing;
}

}  // namespace citykb
