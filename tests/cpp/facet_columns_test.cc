// The facet columns a search counts with are derived from the previous
// revision's after a write (only the changed documents are read): after any
// mix of additions, changes, removals and city deletions, every count equals
// the count of an index opened afresh (which loads the columns whole).
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "index/index.h"
#include "model/facet.h"
#include "store/store.h"
#include "test_support.h"

using namespace citykb;
using citykb::testing::ShippedCorpusWith;
using citykb::testing::TempDir;

namespace {

const std::vector<std::string> kThemes = {"governance", "data", "mobility", "energy", "partnerships", "monitoring"};
const std::vector<std::string> kStakeholders = {"elected-officials", "municipal-services", "companies", "citizens"};

Bundle RandomCity(const std::string& slug, int docs, std::mt19937& rng) {
  Bundle b = citykb::testing::TestCity(slug);
  Person person;
  person.id = slug + "-person";
  person.name = "Personne " + slug;
  person.title = {"Chargée de mission", "Project officer"};
  b.people.push_back(person);
  auto pick = [&](const std::vector<std::string>& from) {
    std::vector<std::string> out;
    for (const auto& v : from)
      if (rng() % 3 == 0) out.push_back(v);
    if (out.empty()) out.push_back(from[rng() % from.size()]);
    return out;
  };
  for (int i = 0; i < docs; ++i) {
    Document d;
    d.id = slug + "-doc-" + std::to_string(i);
    const bool interview = rng() % 2 == 0;
    d.kind = interview ? "interview" : "practice";
    if (interview) d.person = person.id;
    d.themes = pick(kThemes);
    d.stakeholders = pick(kStakeholders);
    d.title = {"Pratique " + std::to_string(i), "Practice " + std::to_string(i)};
    d.body = {"Données ouvertes et mobilité, fiche " + std::to_string(i) + ".",
              "Open data and mobility, sheet " + std::to_string(i) + "."};
    b.documents.push_back(d);
  }
  return b;
}

IndexMatches Counts(const Index& index, const std::string& text, const std::string& theme,
                    const std::map<std::string, std::vector<std::string>>& filters = {}) {
  IndexQuery q;
  q.text = text;
  q.limit = 0;
  q.filters = filters;
  if (!theme.empty()) q.filters["theme"] = {theme};
  auto r = index.Search(q);
  REQUIRE(r.ok());
  return *r;
}

using Filters = std::map<std::string, std::vector<std::string>>;

// The total and facet counts of browsing with `filters`, computed from the
// store's records alone: a record passes a facet when one of its values is
// selected (or nothing is), and each facet counts the records that pass
// every other facet.
IndexMatches Expected(const std::vector<Document>& docs, const Filters& filters) {
  auto passes = [&](const Document& d, const FacetSpec& f) {
    auto it = filters.find(f.name);
    if (it == filters.end() || it->second.empty()) return true;
    for (const auto& v : FacetValues(d, f.facet))
      if (std::find(it->second.begin(), it->second.end(), v) != it->second.end()) return true;
    return false;
  };
  IndexMatches out;
  for (const FacetSpec& f : kFacets) out.facets[f.name];
  for (const Document& d : docs) {
    bool all = true;
    for (const FacetSpec& f : kFacets) all = all && passes(d, f);
    if (all) ++out.total;
    for (const FacetSpec& f : kFacets) {
      bool others = true;
      for (const FacetSpec& g : kFacets)
        if (&g != &f) others = others && passes(d, g);
      if (others)
        for (const auto& v : FacetValues(d, f.facet)) ++out.facets[f.name][v];
    }
  }
  return out;
}

// Filters drawn at random over the facets: none, some or all selected, one
// to three values each, now and then a value no record holds.
Filters RandomFilters(const std::vector<Document>& docs, std::mt19937& rng) {
  Filters out;
  for (const FacetSpec& f : kFacets) {
    if (rng() % 2 == 0) continue;
    const int n = 1 + static_cast<int>(rng() % 3);
    for (int i = 0; i < n; ++i) {
      const auto values = FacetValues(docs[rng() % docs.size()], f.facet);
      if (!values.empty()) out[f.name].push_back(values[rng() % values.size()]);
    }
    if (rng() % 8 == 0) out[f.name].push_back("no-such-value");
  }
  return out;
}

}  // namespace

TEST_CASE("Browsing with filters counts exactly what the records hold", "[index][facets]") {
  TempDir dir;
  auto store = Store::Open(dir.path() + "/citykb.sqlite");
  REQUIRE(store.ok());
  auto index = Index::Open(dir.path() + "/xapian", true);
  REQUIRE(index.ok());
  std::mt19937 rng(20261203);
  std::vector<Bundle> bundles;
  for (const char* slug : {"aa", "bb", "cc", "dd"}) bundles.push_back(RandomCity(slug, 30, rng));
  REQUIRE((*store)->PutCorpus(ShippedCorpusWith(bundles)).ok());
  REQUIRE((*store)->DeleteCity("bb").ok());  // deleted documents in the columns
  REQUIRE((*index)->CatchUp(**store).ok());
  auto docs = (*store)->ListDocuments();
  REQUIRE(docs.ok());
  REQUIRE(docs->size() >= 60);
  int filtered = 0;
  for (int i = 0; i < 200; ++i) {
    const Filters filters = i == 0 ? Filters{} : RandomFilters(*docs, rng);
    CAPTURE(i, filters);
    IndexQuery q;
    q.limit = 5;
    q.filters = filters;
    auto got = (*index)->Search(q);
    REQUIRE(got.ok());
    const IndexMatches want = Expected(*docs, filters);
    CHECK(got->total == want.total);
    CHECK(got->facets == want.facets);
    CHECK(got->hits.size() == static_cast<size_t>(std::min<int64_t>(5, want.total)));
    // Without facets, the total alone.
    q.facets = false;
    auto total_only = (*index)->Search(q);
    REQUIRE(total_only.ok());
    CHECK(total_only->total == want.total);
    CHECK(total_only->facets.empty());
    if (filters.size() > 1 && want.total > 0) ++filtered;
  }
  CHECK(filtered > 20);  // the draw did select several facets at once, with matches
}

TEST_CASE("Facet counts stay exact when columns are derived after writes", "[index][facets]") {
  TempDir dir;
  auto store = Store::Open(dir.path() + "/citykb.sqlite");
  REQUIRE(store.ok());
  auto index = Index::Open(dir.path() + "/xapian", true);
  REQUIRE(index.ok());
  std::mt19937 rng(20261202);
  std::map<std::string, Bundle> cities;
  for (const char* slug : {"aa", "bb", "cc"}) cities[slug] = RandomCity(slug, 25, rng);
  REQUIRE((*store)->PutCorpus(ShippedCorpusWith({cities["aa"], cities["bb"], cities["cc"]})).ok());
  REQUIRE((*index)->CatchUp(**store).ok());
  Counts(**index, "", "");  // the first search loads the columns whole

  int next_city = 0;
  for (int step = 0; step < 30; ++step) {
    CAPTURE(step);
    const int op = static_cast<int>(rng() % 4);
    if (op == 0 && cities.size() > 1) {  // a city goes
      auto it = std::next(cities.begin(), static_cast<long>(rng() % cities.size()));
      REQUIRE((*store)->DeleteCity(it->first).ok());
      cities.erase(it);
    } else if (op == 1) {  // a city comes
      const std::string slug = "new" + std::to_string(next_city++);
      cities[slug] = RandomCity(slug, 1 + static_cast<int>(rng() % 8), rng);
      REQUIRE((*store)->PutBundle(cities[slug]).ok());
    } else {  // one city's records change: new themes, some dropped, one added
      auto it = std::next(cities.begin(), static_cast<long>(rng() % cities.size()));
      Bundle changed = RandomCity(it->first, static_cast<int>(it->second.documents.size()), rng);
      if (op == 2 && changed.documents.size() > 1) changed.documents.pop_back();
      if (op == 3) changed.documents.push_back(RandomCity(it->first, 40, rng).documents.back());
      REQUIRE((*store)->PutBundle(changed).ok());
      it->second = changed;
    }
    REQUIRE((*index)->CatchUp(**store).ok());

    auto fresh = Index::Open(dir.path() + "/xapian", false);
    REQUIRE(fresh.ok());
    for (const auto& [text, theme] : std::vector<std::pair<std::string, std::string>>{
             {"", ""}, {"", "data"}, {"mobilité", ""}, {"practice", "governance"}}) {
      CAPTURE(text, theme);
      const IndexMatches derived = Counts(**index, text, theme);
      const IndexMatches whole = Counts(**fresh, text, theme);
      CHECK(derived.total == whole.total);
      CHECK(derived.facets == whole.facets);
    }
    CHECK((*fresh)->FacetColumnLoads().whole == 1);
    // Browsing counts from the derived columns what the records hold.
    auto docs = (*store)->ListDocuments();
    REQUIRE(docs.ok());
    for (const Filters& filters : {Filters{}, Filters{{"kind", {"practice"}}, {"theme", {"data", "energy"}}}}) {
      const IndexMatches browsed = Counts(**index, "", "", filters);
      const IndexMatches want = Expected(*docs, filters);
      CHECK(browsed.total == want.total);
      CHECK(browsed.facets == want.facets);
    }
  }
  // Every write was followed by a derived snapshot, never a whole reload.
  const SnapshotLoads loads = (*index)->FacetColumnLoads();
  CHECK(loads.whole == 1);
  CHECK(loads.derived == 30);
}
