#include "index/browse_counts.h"

#include <algorithm>
#include <array>

#include "model/facet.h"

namespace citykb {

std::optional<BrowseCounts> CountBrowse(const Snapshot& snapshot,
                                        const std::map<std::string, std::vector<std::string>>& filters,
                                        Xapian::doccount documents, bool with_facets) {
  constexpr size_t kCount = kFacets.size();
  std::array<const FacetColumn*, kCount> columns{};
  std::array<bool, kCount> selected{};
  // Per facet and combination: whether the combination holds a selected value.
  std::array<std::vector<uint8_t>, kCount> passes;
  size_t last = 0;
  bool any_selected = false;
  for (size_t k = 0; k < kCount; ++k) {
    const FacetSpec& f = kFacets[k];
    columns[k] = snapshot.Column(f.slot);
    if (columns[k] == nullptr) return std::nullopt;
    const FacetColumn& column = *columns[k];
    last = std::max(last, column.combo_of.size());
    auto it = filters.find(f.name);
    if (it == filters.end() || it->second.empty()) continue;
    selected[k] = any_selected = true;
    std::vector<uint8_t> wanted(column.values.size(), 0);
    for (size_t v = 0; v < column.values.size(); ++v)
      wanted[v] = std::find(it->second.begin(), it->second.end(), column.values[v]) != it->second.end();
    passes[k].assign(column.combo_values.size(), 0);
    for (size_t c = 0; c < column.combo_values.size(); ++c)
      for (uint32_t v : column.combo_values[c])
        if (wanted[v]) passes[k][c] = 1;
  }

  BrowseCounts out;
  std::array<std::vector<int64_t>, kCount> per_combo;
  for (size_t k = 0; k < kCount; ++k) per_combo[k].assign(columns[k]->combo_values.size(), 0);
  int64_t passing = 0;
  std::array<uint32_t, kCount> combo{};
  for (Xapian::docid id = 1; id < last; ++id) {
    // How many filters the document fails, and the last one it fails.
    int failed = 0;
    size_t failed_facet = 0;
    for (size_t k = 0; k < kCount; ++k) {
      combo[k] = columns[k]->Of(id);
      if (selected[k] && !passes[k][combo[k]]) {
        ++failed;
        failed_facet = k;
      }
    }
    if (failed == 0) {
      ++passing;
      if (with_facets)
        for (size_t k = 0; k < kCount; ++k) ++per_combo[k][combo[k]];
    } else if (failed == 1 && with_facets) {
      // Counted in the facet it fails only: that facet's counts ignore its own filter.
      ++per_combo[failed_facet][combo[failed_facet]];
    }
  }
  out.total = any_selected ? passing : static_cast<int64_t>(documents);
  if (!with_facets) return out;
  for (size_t k = 0; k < kCount; ++k) {
    auto& counts = out.facets[kFacets[k].name];
    FacetCountSpy::ForEachValueOf(*columns[k], per_combo[k],
                                  [&](const std::string& value, int64_t n) { counts[value] += n; });
  }
  return out;
}

}  // namespace citykb
