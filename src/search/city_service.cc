#include "search/city_service.h"

#include <algorithm>

#include "model/facet.h"
#include "store/store.h"

namespace citykb {

Result<std::vector<CitySummary>> CityService::Cities() const { return store_.ListCities(); }

Result<CityPage> CityService::Page(const std::string& slug) const {
  auto city = store_.GetCity(slug);
  if (!city.ok()) return city.status();
  if (!*city) return Status::NotFound("no city '" + slug + "'");
  CityPage page;
  page.city = std::move(**city);
  auto people = store_.ListPeople(slug);
  if (!people.ok()) return people.status();
  page.people = std::move(*people);
  auto docs = store_.ListDocumentsOfCity(slug);
  if (!docs.ok()) return docs.status();
  const auto catalog = search_.catalog();
  for (const auto& kind : catalog->Values(Spec(Facet::kKind).name))
    page.documents.emplace_back(kind, std::vector<Document>{});
  for (auto& d : *docs) {
    auto it = std::find_if(page.documents.begin(), page.documents.end(),
                           [&](const auto& group) { return group.first == d.kind; });
    if (it == page.documents.end()) {
      page.documents.emplace_back(d.kind, std::vector<Document>{});
      it = page.documents.end() - 1;
    }
    it->second.push_back(std::move(d));
  }
  return page;
}

Result<std::vector<SimilarCity>> CityService::Similar(const std::string& slug, int limit) const {
  auto themes = store_.ThemeCountsByCity();
  if (!themes.ok()) return themes.status();
  return SimilarCities(*search_.catalog(), *themes, slug, limit);
}

}  // namespace citykb
