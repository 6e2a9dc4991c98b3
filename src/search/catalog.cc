#include "search/catalog.h"

#include "model/facet.h"
#include "store/store.h"

namespace citykb {

namespace {
const std::vector<TaxonomyEntry>* Entries(const Taxonomy& t, const std::string& facet) {
  const std::optional<Facet> f = FacetNamed(facet);
  return f ? TaxonomyEntries(t, *f) : nullptr;
}
}  // namespace

std::string Catalog::Label(const std::string& facet, const std::string& value, Lang lang) const {
  if (facet == Spec(Facet::kCity).name) {
    auto it = cities.find(value);
    if (it != cities.end()) return it->second.name;
    if (value == kNoCity)
      return lang == Lang::kFr ? "Le métier en général (sans ville)" : "The job in general (no city)";
    return value;
  }
  if (auto* entries = Entries(taxonomy, facet))
    for (const auto& e : *entries)
      if (e.slug == value) return e.label.In(lang);
  return value;
}

size_t Catalog::Order(const std::string& facet, const std::string& value) const {
  const auto values = Values(facet);
  for (size_t i = 0; i < values.size(); ++i)
    if (values[i] == value) return i;
  return values.size() + 1000;
}

std::vector<std::string> Catalog::Values(const std::string& facet) const {
  std::vector<std::string> out;
  if (facet == Spec(Facet::kCity).name) {
    std::vector<std::pair<std::string, std::string>> by_name;
    for (const auto& [slug, c] : cities) by_name.emplace_back(c.name, slug);
    std::sort(by_name.begin(), by_name.end());
    for (auto& [name, slug] : by_name) out.push_back(slug);
  } else if (auto* entries = Entries(taxonomy, facet)) {
    for (const auto& e : *entries) out.push_back(e.slug);
  }
  return out;
}

Result<std::shared_ptr<const Catalog>> Catalog::Load(const Store& store) {
  auto catalog = std::make_shared<Catalog>();
  auto tax = store.GetTaxonomy();
  if (!tax.ok()) return tax.status();
  catalog->taxonomy = std::move(*tax);
  auto cities = store.ListCities();
  if (!cities.ok()) return cities.status();
  for (auto& c : *cities) catalog->cities.emplace(c.city.slug, std::move(c.city));
  auto sources = store.ListSources();
  if (!sources.ok()) return sources.status();
  for (auto& s : *sources) catalog->sources.emplace(s.id, std::move(s));
  auto indicators = store.ListIndicatorDefinitions();
  if (!indicators.ok()) return indicators.status();
  for (auto& d : *indicators) catalog->indicators.emplace(d.name, std::move(d));
  return std::shared_ptr<const Catalog>(std::move(catalog));
}

CatalogHolder::Current CatalogHolder::Get() const {
  std::lock_guard<std::mutex> lock(mu_);
  return {catalog_, generation_};
}

Status CatalogHolder::Reload(const Store& store) {
  ASSIGN_OR_RETURN(auto catalog, Catalog::Load(store));
  std::lock_guard<std::mutex> lock(mu_);
  catalog_ = std::move(catalog);
  ++generation_;
  return Status::Ok();
}

}  // namespace citykb
