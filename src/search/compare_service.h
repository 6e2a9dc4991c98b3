// Comparison: the city x theme (or stakeholder, kind) matrix with the best
// records of each cell and the cities' indicators aligned by name; the
// side-by-side view of one theme; the city pages. Knows nothing of HTTP.
// Thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "search/search_service.h"

namespace citykb {

struct CompareRequest {
  std::vector<std::string> cities;                          // empty = every city
  std::string rows = "theme";                               // theme, stakeholder or kind
  std::vector<std::string> values;                          // the rows shown; empty = every value of the facet
  std::string q;                                            // optional free text
  std::map<std::string, std::vector<std::string>> filters;  // other facets (not city, not rows)
  Lang lang = Lang::kFr;
  int top = 3;  // best records kept per cell
  // Every record of each cell instead of the `top` best (for exports): a
  // cell then lists exactly `count` records.
  bool every_record = false;
};

struct CompareCell {
  std::string city;
  std::string value;
  int64_t count = 0;            // equal to /api/search with this city and value
  std::vector<SearchHit> hits;  // the best `top`, or all `count` with every_record
};

// One indicator across cities; a city that did not report it has no value.
// A city may hold several observations: a series when their dates differ, a
// conflict when sources give different values for the same year.
struct IndicatorRow {
  std::string name;
  std::string label;
  std::map<std::string, std::optional<Indicator>> values;      // city slug -> latest observation
  std::map<std::string, std::vector<Indicator>> observations;  // city slug -> all, oldest first
  std::map<std::string, bool> conflicts;                       // city slug -> sources disagree
};

struct CompareResult {
  std::string rows;
  std::vector<CityRef> cities;
  std::vector<FacetValue> values;  // the rows, labelled, with their total count
  std::vector<CompareCell> cells;  // every city x value, empty ones included
  std::vector<IndicatorRow> indicators;
  int64_t total = 0;
  double took_ms = 0;
};

// For one theme: each city's practices and interview points.
struct SideBySideColumn {
  CityRef city;
  std::vector<SearchHit> practices;
  std::vector<SearchHit> interviews;
};

struct SideBySide {
  std::string theme;
  std::string label;
  std::vector<SideBySideColumn> columns;
  double took_ms = 0;
};

class CompareService {
 public:
  CompareService(const Store& store, const Index& index, const SearchService& search);

  Result<CompareResult> Compare(const CompareRequest& request) const;
  Result<SideBySide> SideBySideView(const std::string& theme, const std::vector<std::string>& cities,
                                    const std::string& q, Lang lang) const;

 private:
  std::vector<CityRef> SelectedCities(const Catalog& catalog, const std::vector<std::string>& slugs) const;

  const Store& store_;
  const Index& index_;
  const SearchService& search_;
};

}  // namespace citykb
