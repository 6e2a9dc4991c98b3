// JSON forms of the services' results, in the shapes PRODUCT.md gives for
// the API. Pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include "search/city_service.h"
#include "search/compare_service.h"
#include "search/provenance_service.h"
#include "search/search_service.h"
#include "store/store.h"

namespace citykb {

// The licence of the corpus texts, stated in the API (/api/sources, /api/health).
inline constexpr char kCorpusLicence[] = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)";

nlohmann::json SearchResultJson(const SearchResult& result, Lang lang, bool explain);
nlohmann::json HitJson(const SearchHit& hit, Lang lang, bool explain);
nlohmann::json DocumentJson(const DocumentView& view);
nlohmann::json TaxonomyJson(const Taxonomy& taxonomy);
nlohmann::json SuggestionsJson(const std::string& query, const std::vector<Suggestion>& suggestions);
nlohmann::json ChangesJson(const std::vector<Change>& changes, int64_t since, int64_t last);

nlohmann::json CitiesJson(const std::vector<CitySummary>& cities, Lang lang);
nlohmann::json CityPageJson(const CityPage& page, const Catalog& catalog);
nlohmann::json SimilarCitiesJson(const std::string& slug, const std::vector<SimilarCity>& similar, Lang lang);
nlohmann::json SourcesJson(const std::vector<SourceSummary>& sources);
nlohmann::json SourcePageJson(const SourcePage& page, const Catalog& catalog, Lang lang);
nlohmann::json PersonPageJson(const PersonPage& page, const Catalog& catalog, Lang lang);
nlohmann::json TimelineJson(const std::vector<TimelineEntry>& entries, Lang lang);
nlohmann::json CompareJson(const CompareResult& result, Lang lang, const Catalog& catalog);
nlohmann::json SideBySideJson(const SideBySide& view, Lang lang);

// The UTF-8 text of a JSON value (invalid UTF-8 replaced, never thrown).
std::string Dump(const nlohmann::json& j);

}  // namespace citykb
