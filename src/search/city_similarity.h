// Cities like a given one: same kind of organisation, similar size, the
// same country, the themes their records cover, the indicators they report.
// Each result says why, in French and English. Reads the catalog and the
// store's theme counts; knows nothing of HTTP or JSON. Thread-safe.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "model/model.h"
#include "search/search_service.h"
#include "util/status.h"

namespace citykb {

class Store;

struct SimilarCity {
  CityRef city;
  double score = 0;                    // 0..1, higher is closer
  std::vector<LocalizedText> reasons;  // why, most telling first
};

// Theme counts of one city's records: theme -> number of records.
using ThemeProfile = std::map<std::string, int>;

// The `limit` cities most like `slug`, best first. kNotFound for an unknown city.
Result<std::vector<SimilarCity>> SimilarCities(const Catalog& catalog,
                                               const std::map<std::string, ThemeProfile>& themes,
                                               const std::string& slug, int limit);

}  // namespace citykb
