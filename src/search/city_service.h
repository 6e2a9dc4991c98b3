// The cities: the list with document counts, a city's page (profile,
// people, indicators, documents by kind) and the cities most like it.
// Reads the store and the catalog; knows nothing of HTTP or JSON. Thread-safe.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "model/model.h"
#include "search/city_similarity.h"
#include "search/search_service.h"
#include "util/status.h"

namespace citykb {

class Store;

// A city page: profile, people, indicators, documents grouped by kind.
struct CityPage {
  City city;
  std::vector<Person> people;
  std::vector<std::pair<std::string, std::vector<Document>>> documents;  // kind -> documents, taxonomy order
};

class CityService {
 public:
  CityService(const Store& store, const SearchService& search) : store_(store), search_(search) {}

  Result<std::vector<CitySummary>> Cities() const;
  Result<CityPage> Page(const std::string& slug) const;
  // The `limit` cities most like `slug`, each with why.
  Result<std::vector<SimilarCity>> Similar(const std::string& slug, int limit) const;

 private:
  const Store& store_;
  const SearchService& search_;
};

}  // namespace citykb
