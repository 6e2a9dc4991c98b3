// The facet columns a search counts with are derived from the previous
// revision's after a write (only the changed documents are read): after any
// mix of additions, changes, removals and city deletions, every count equals
// the count of an index opened afresh (which loads the columns whole).
#include <catch2/catch.hpp>

#include <random>

#include "index/index.h"
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

IndexMatches Counts(const Index& index, const std::string& text, const std::string& theme) {
  IndexQuery q;
  q.text = text;
  q.limit = 0;
  if (!theme.empty()) q.filters["theme"] = {theme};
  auto r = index.Search(q);
  REQUIRE(r.ok());
  return *r;
}

}  // namespace

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
    // Browsing everything counts from the columns without the matcher; the
    // same documents selected through a filter on every kind are counted by
    // the matcher (the kind facet in a pass of its own).
    IndexQuery every_kind;
    every_kind.limit = 0;
    every_kind.filters["kind"] = {"profile", "role", "practice", "interview", "milestone"};
    auto matched = (*index)->Search(every_kind);
    REQUIRE(matched.ok());
    const IndexMatches browsed = Counts(**index, "", "");
    CHECK(browsed.total == matched->total);
    CHECK(browsed.facets == matched->facets);
  }
  // Every write was followed by a derived snapshot, never a whole reload.
  const SnapshotLoads loads = (*index)->FacetColumnLoads();
  CHECK(loads.whole == 1);
  CHECK(loads.derived == 30);
}
