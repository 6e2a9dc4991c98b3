#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "test_support.h"
#include "text/text_analysis.h"

using namespace citykb;
using citykb::testing::OpenWithCorpus;
using citykb::testing::TempDir;

namespace {

std::vector<std::string> Ids(const SearchResult& r) {
  std::vector<std::string> out;
  for (const auto& h : r.hits) out.push_back(h.id);
  return out;
}

SearchResult MustSearch(KnowledgeBase& kb, SearchRequest request) {
  auto r = kb.search().Search(request);
  REQUIRE(r.ok());
  return *r;
}

SearchRequest Query(const std::string& q) {
  SearchRequest r;
  r.q = q;
  r.per_page = 100;
  return r;
}

bool HasAny(const std::vector<std::string>& have, const std::vector<std::string>& wanted) {
  for (const auto& w : wanted)
    if (std::find(have.begin(), have.end(), w) != have.end()) return true;
  return false;
}

std::vector<std::string> FieldOf(const Document& d, const std::string& facet) {
  // Records about no particular city have the city facet value kNoCity.
  if (facet == "city") return {d.city.empty() ? std::string(kNoCity) : d.city};
  if (facet == "theme") return d.themes;
  if (facet == "stakeholder") return d.stakeholders;
  return {d.kind};
}

}  // namespace

TEST_CASE("Accents and case do not change the results", "[search]") {
  TempDir dir;
  auto kb = OpenWithCorpus(dir.path());
  const auto a = Ids(MustSearch(*kb, Query("energie")));
  CHECK_FALSE(a.empty());
  CHECK(Ids(MustSearch(*kb, Query("énergie"))) == a);
  CHECK(Ids(MustSearch(*kb, Query("ÉNERGIE"))) == a);
  CHECK(Ids(MustSearch(*kb, Query("Energie"))) == a);
}

TEST_CASE("Elisions and stems match", "[search]") {
  TempDir dir;
  auto kb = OpenWithCorpus(dir.path());
  CHECK(MustSearch(*kb, Query("l'acculturation")).total == MustSearch(*kb, Query("acculturation")).total);
  CHECK(MustSearch(*kb, Query("d’innovation")).total == MustSearch(*kb, Query("innovation")).total);
  CHECK(MustSearch(*kb, Query("mobilite")).total > 0);
  CHECK(MustSearch(*kb, Query("partenaire")).total == MustSearch(*kb, Query("partenaires")).total);
}

TEST_CASE("Snippets highlight the original accented word", "[search]") {
  TempDir dir;
  auto kb = OpenWithCorpus(dir.path());
  SearchRequest r = Query("energie");
  r.filters["city"] = {"lyon"};
  const auto result = MustSearch(*kb, r);
  REQUIRE(result.total > 0);
  bool marked = false;
  for (const auto& h : result.hits) marked |= h.snippet.find("<mark>énergie</mark>") != std::string::npos;
  CHECK(marked);
}

TEST_CASE("Filters: OR within a facet, AND across facets", "[search][facets]") {
  TempDir dir;
  auto kb = OpenWithCorpus(dir.path());
  auto docs = kb->store().ListDocuments();
  REQUIRE(docs.ok());
  SearchRequest r = Query("");
  r.filters["city"] = {"lyon", "rennes"};
  r.filters["kind"] = {"interview"};
  std::set<std::string> expected;
  for (const auto& d : *docs)
    if ((d.city == "lyon" || d.city == "rennes") && d.kind == "interview") expected.insert(d.id);
  const auto result = MustSearch(*kb, r);
  const auto ids = Ids(result);
  CHECK(std::set<std::string>(ids.begin(), ids.end()) == expected);
  CHECK(result.total == static_cast<int64_t>(expected.size()));
}

TEST_CASE("Multi-select facet counts equal brute-force counts", "[search][facets]") {
  TempDir dir;
  auto kb = OpenWithCorpus(dir.path());
  auto docs = kb->store().ListDocuments();
  REQUIRE(docs.ok());
  std::map<std::string, Document> by_id;
  for (const auto& d : *docs) by_id[d.id] = d;

  const std::vector<std::pair<std::string, std::map<std::string, std::vector<std::string>>>> cases = {
      {"", {}},
      {"", {{"city", {"lyon", "grenoble"}}}},
      {"", {{"theme", {"governance", "partnerships"}}, {"kind", {"practice"}}}},
      {"services", {{"stakeholder", {"municipal-services"}}, {"city", {"rennes"}}}},
      {"ville intelligente", {{"theme", {"strategy"}}}},
      {"partenaires", {}},
  };
  for (const auto& [q, filters] : cases) {
    CAPTURE(q);
    // The documents that match the text, whatever the filters.
    SearchRequest all = Query(q);
    const auto unfiltered = MustSearch(*kb, all);
    std::vector<const Document*> matching;
    for (all.page = 1; static_cast<int64_t>(matching.size()) < unfiltered.total && all.page <= 100; ++all.page)
      for (const auto& h : MustSearch(*kb, all).hits) matching.push_back(&by_id.at(h.id));
    REQUIRE(static_cast<int64_t>(matching.size()) == unfiltered.total);

    SearchRequest r = Query(q);
    r.filters = filters;
    const auto result = MustSearch(*kb, r);
    auto passes = [&](const Document& d, const std::string& skip) {
      for (const auto& [facet, values] : filters) {
        if (facet == skip) continue;
        const auto field = FieldOf(d, facet);
        if (!HasAny(field, values)) return false;
      }
      return true;
    };
    int64_t total = 0;
    for (const auto* d : matching) total += passes(*d, "");
    CHECK(result.total == total);
    for (const auto& [facet, values] : result.facets) {
      CAPTURE(facet);
      std::map<std::string, int64_t> expected;
      for (const auto* d : matching)
        if (passes(*d, facet))
          for (const auto& v : FieldOf(*d, facet)) ++expected[v];
      auto selected_it = filters.find(facet);
      for (const auto& v : values) {
        CAPTURE(v.value);
        CHECK(v.count == expected[v.value]);
        const bool is_selected =
            selected_it != filters.end() && std::count(selected_it->second.begin(), selected_it->second.end(), v.value);
        CHECK(v.selected == is_selected);
        expected.erase(v.value);
      }
      // Nothing with a count is missing from the answer.
      for (const auto& [value, count] : expected) {
        CAPTURE(value);
        CHECK(count == 0);
      }
    }
  }
}

TEST_CASE("The city facet selects the records about no particular city", "[search][facets]") {
  TempDir dir;
  auto kb = OpenWithCorpus(dir.path());
  SearchRequest r = Query("");
  r.filters["city"] = {kNoCity};
  const auto result = MustSearch(*kb, r);
  auto general = kb->store().ListDocumentsOfCity("");
  REQUIRE(general.ok());
  REQUIRE_FALSE(general->empty());
  CHECK(result.total == static_cast<int64_t>(general->size()));
  for (const auto& h : result.hits) CHECK_FALSE(h.city.has_value());
  bool labelled = false;
  for (const auto& [facet, values] : result.facets)
    for (const auto& v : values)
      if (facet == "city" && v.value == kNoCity) labelled = v.selected && v.label != v.value;
  CHECK(labelled);
}

TEST_CASE("Selected values are listed even at zero", "[search][facets]") {
  TempDir dir;
  auto kb = OpenWithCorpus(dir.path());
  SearchRequest r = Query("");
  r.filters["city"] = {"atlantis"};  // no such city
  const auto result = MustSearch(*kb, r);
  CHECK(result.total == 0);
  bool listed = false;
  for (const auto& [facet, values] : result.facets)
    for (const auto& v : values)
      if (facet == "city" && v.value == "atlantis") listed = v.selected && v.count == 0;
  CHECK(listed);
}

TEST_CASE("Pagination walks every result once", "[search]") {
  TempDir dir;
  auto kb = OpenWithCorpus(dir.path());
  SearchRequest r = Query("");
  r.per_page = 7;
  std::set<std::string> seen;
  int64_t total = 1;
  for (int page = 1; static_cast<int64_t>(page - 1) * r.per_page < total && page <= 1000; ++page) {
    r.page = page;
    const auto result = MustSearch(*kb, r);
    total = result.total;
    for (const auto& id : Ids(result)) CHECK(seen.insert(id).second);
  }
  CHECK(total > 7);
  CHECK(static_cast<int64_t>(seen.size()) == total);
}

TEST_CASE("Sorting by city groups the cities in name order", "[search]") {
  TempDir dir;
  auto kb = OpenWithCorpus(dir.path());
  SearchRequest r = Query("");
  r.sort = SortOrder::kCity;
  const auto result = MustSearch(*kb, r);
  std::string last;
  for (const auto& h : result.hits) {
    const std::string name = h.city ? Fold(h.city->name) : std::string("\xff");
    CHECK(name >= last);
    last = name;
  }
}

TEST_CASE("A query the parser cannot read is searched as words", "[search]") {
  TempDir dir;
  auto kb = OpenWithCorpus(dir.path());
  for (const std::string q : {"((energie", "AND", "\"unterminated", "energie OR", "ville:", "*", "-", "a*"}) {
    CAPTURE(q);
    auto r = kb->search().Search(Query(q));
    CHECK(r.ok());
  }
}

TEST_CASE("English queries find records through their English texts", "[search]") {
  TempDir dir;
  auto kb = OpenWithCorpus(dir.path());
  CHECK(MustSearch(*kb, Query("steering committee")).total > 0);
  CHECK(MustSearch(*kb, Query("elected officials")).total > 0);
  SearchRequest en = Query("partners");
  en.lang = Lang::kEn;
  const auto result = MustSearch(*kb, en);
  REQUIRE(result.total > 0);
  bool marked = false;
  for (const auto& h : result.hits) marked |= h.snippet.find("<mark>") != std::string::npos;
  CHECK(marked);
}

TEST_CASE("Did you mean: misspelt words are corrected with their accents and searched", "[search]") {
  TempDir dir;
  auto kb = OpenWithCorpus(dir.path());
  auto r = MustSearch(*kb, Query("gouvernanse"));
  REQUIRE(r.suggestion.has_value());
  CHECK(*r.suggestion == "gouvernance");
  CHECK(r.total > 0);
  r = MustSearch(*kb, Query("Grenobel"));
  REQUIRE(r.suggestion.has_value());
  CHECK(*r.suggestion == "Grenoble");
  r = MustSearch(*kb, Query("energie"));
  CHECK_FALSE(r.suggestion.has_value());
}

TEST_CASE("Synonyms are applied, listed and can be turned off", "[search]") {
  TempDir dir;
  auto kb = OpenWithCorpus(dir.path());
  SearchRequest on = Query("smart city");
  const auto with = MustSearch(*kb, on);
  CHECK_FALSE(with.expanded.empty());
  SearchRequest off = on;
  off.synonyms = false;
  const auto without = MustSearch(*kb, off);
  CHECK(without.expanded.empty());
  // No text says "copil": only its synonyms find the steering committee.
  on.q = off.q = "copil";
  on.spelling = off.spelling = false;  // no spelling correction either
  CHECK(MustSearch(*kb, on).total > 0);
  CHECK(MustSearch(*kb, off).total == 0);
}

TEST_CASE("Numbers are searchable", "[search]") {
  TempDir dir;
  auto kb = OpenWithCorpus(dir.path());
  const auto r = MustSearch(*kb, Query("80"));
  REQUIRE(r.total > 0);
  CHECK(r.hits[0].snippet.find("<mark>80</mark>") != std::string::npos);
}

TEST_CASE("Query syntax: phrases, operators, exclusion, prefixes and fields", "[search]") {
  TempDir dir;
  auto kb = OpenWithCorpus(dir.path());
  auto ids = [&](const std::string& q) {
    auto v = Ids(MustSearch(*kb, Query(q)));
    return std::set<std::string>(v.begin(), v.end());
  };
  auto cities_of = [&](const std::string& q) {
    std::set<std::string> out;
    for (const auto& h : MustSearch(*kb, Query(q)).hits) out.insert(h.city ? h.city->slug : "");
    return out;
  };
  const auto energie = ids("energie");
  const auto culture = ids("culture");
  SECTION("AND, OR, NOT combine result sets") {
    std::set<std::string> both, either, only;
    for (const auto& id : energie) (culture.count(id) ? both : only).insert(id);
    either = energie;
    either.insert(culture.begin(), culture.end());
    CHECK(ids("energie AND culture") == both);
    CHECK(ids("energie OR culture") == either);
    CHECK(ids("energie NOT culture") == only);
    CHECK(ids("energie -culture") == only);
  }
  SECTION("field prefixes in both languages") {
    CHECK(cities_of("ville:lyon energie") == std::set<std::string>{"lyon"});
    CHECK(cities_of("city:rennes") == std::set<std::string>{"rennes"});
    CHECK(ids("titre:pilotage").size() < ids("pilotage").size());
    CHECK_FALSE(ids("title:steering").empty());
    for (const auto& h : MustSearch(*kb, Query("kind:interview")).hits) CHECK(h.kind == "interview");
  }
  SECTION("a phrase is stricter than its words") {
    CHECK(ids("\"comité de pilotage\"").size() <= ids("comité pilotage").size());
    CHECK_FALSE(ids("\"comite de pilotage\"").empty());
  }
  SECTION("texts with NEAR or ADJ are searched as plain words") {
    // Xapian 1.4.22's parser leaks on these (the sanitizer runs of this
    // test report it); citykb searches them as words.
    for (const char* q : {"-energie NEAR culture pilotage", "-energie ADJ culture pilotage lyon",
                          "energie OR NEAR/6 culture", "-ab ADJ cd ef", "-a NEAR b c NEAR d"}) {
      CAPTURE(q);
      auto r = kb->search().Search(Query(q));
      CHECK(r.ok());
    }
  }
  SECTION("a prefix finds the words that start with it, highlighted") {
    const auto r = MustSearch(*kb, Query("mobilit*"));
    REQUIRE(r.total > 0);
    bool marked = false;
    for (const auto& h : r.hits) marked |= h.snippet.find("<mark>mobilités</mark>") != std::string::npos;
    CHECK(marked);
  }
}

TEST_CASE("Every record has related records in other cities", "[search]") {
  TempDir dir;
  auto kb = OpenWithCorpus(dir.path());
  auto docs = kb->store().ListDocuments();
  REQUIRE(docs.ok());
  for (const auto& d : *docs) {
    CAPTURE(d.id);
    auto similar = kb->search().Similar(d.id, false, Lang::kFr, 5);
    REQUIRE(similar.ok());
    CHECK_FALSE(similar->hits.empty());
    for (const auto& h : similar->hits) {
      REQUIRE(h.city.has_value());
      CHECK(h.city->slug != d.city);
    }
  }
}

TEST_CASE("Similar records share a theme or a stakeholder with their record", "[search][similar]") {
  TempDir dir;
  auto kb = OpenWithCorpus(dir.path());
  auto docs = kb->store().ListDocuments();
  REQUIRE(docs.ok());
  std::map<std::string, Document> by_id;
  for (const auto& d : *docs) by_id[d.id] = d;
  size_t shown = 0, sharing = 0;
  for (const auto& d : *docs) {
    auto similar = kb->search().Similar(d.id, false, Lang::kFr, 5);
    REQUIRE(similar.ok());
    for (const auto& h : similar->hits) {
      ++shown;
      CHECK(h.id != d.id);
      const Document& other = by_id.at(h.id);
      sharing += HasAny(other.themes, d.themes) || HasAny(other.stakeholders, d.stakeholders);
    }
  }
  REQUIRE(shown > 0);
  // Measured 0.94 on the shipped corpus; the contract asks at least 0.8.
  CHECK(double(sharing) / double(shown) >= 0.8);
}

// The examples of issue 16: ranking that degrades gracefully instead of
// requiring every word, themes as evidence, people, spelling, stop words.
TEST_CASE("A rare word no longer empties the list: every word first, then most of them", "[search][ranking]") {
  TempDir dir;
  auto kb = OpenWithCorpus(dir.path());
  auto r = MustSearch(*kb, Query("open data"));
  CHECK(r.total > 1);
  CHECK(r.hits.size() > 1);

  SearchRequest en = Query("partnership instead of client supplier relationship");
  en.lang = Lang::kEn;
  r = MustSearch(*kb, en);
  REQUIRE(r.hits.size() > 1);
  CHECK(r.hits[0].id == "rennes-practice-partnership-not-client-supplier");
  // Records without "instead" follow.
  CHECK(r.total > 3);

  en.q = "monitoring left to departments";
  r = MustSearch(*kb, en);
  REQUIRE(r.hits.size() > 1);
  CHECK(r.hits[0].id == "grenoble-practice-monitoring-left-to-departments");

  // The documents holding every word rank above those holding fewer.
  for (const std::string q : {"energie culture", "données partenaires entreprises"}) {
    CAPTURE(q);
    std::string all;
    for (const auto& w : SplitWords(q)) all += (all.empty() ? "" : " AND ") + w.key;
    const auto every = Ids(MustSearch(*kb, Query(all)));
    REQUIRE_FALSE(every.empty());
    SearchRequest plain = Query(q);
    plain.synonyms = false;  // as the AND query, which has none
    const auto ranked = Ids(MustSearch(*kb, plain));
    REQUIRE(ranked.size() > every.size());
    const std::set<std::string> first(ranked.begin(), ranked.begin() + static_cast<long>(every.size()));
    CHECK(first == std::set<std::string>(every.begin(), every.end()));
  }
}

TEST_CASE("A theme's name is evidence, not a filter", "[search][ranking]") {
  TempDir dir;
  auto kb = OpenWithCorpus(dir.path());
  auto docs = kb->store().ListDocuments();
  REQUIRE(docs.ok());
  std::set<std::string> governance;
  for (const auto& d : *docs)
    if (std::find(d.themes.begin(), d.themes.end(), "governance") != d.themes.end()) governance.insert(d.id);
  const auto r = MustSearch(*kb, Query("gouvernance donnees"));
  CHECK(r.total > 1);
  bool untagged = false;
  for (const auto& h : r.hits) untagged |= governance.count(h.id) == 0;
  CHECK(untagged);  // records about data without the governance theme are found too
  // The tagged records that also speak of data come first.
  REQUIRE_FALSE(r.hits.empty());
  CHECK(governance.count(r.hits[0].id) == 1);
}

TEST_CASE("A person's name ranks their role record first, then their interviews", "[search][ranking]") {
  TempDir dir;
  auto kb = OpenWithCorpus(dir.path());
  const auto r = MustSearch(*kb, Query("Laurent Deslattes"));
  REQUIRE(r.hits.size() > 5);
  CHECK(r.hits[0].id == "grenoble-role-digital-officer-smart-city-project-manager");
  // His four interviews are among the next records.
  int interviews = 0;
  for (size_t i = 1; i < 7 && i < r.hits.size(); ++i)
    interviews += r.hits[i].kind == "interview" && r.hits[i].person && r.hits[i].person->id == "laurent-deslattes";
  CHECK(interviews == 4);

  const auto glatron = MustSearch(*kb, Query("Marion Glatron"));
  REQUIRE(glatron.hits.size() > 2);
  CHECK(glatron.hits[0].kind == "role");
  CHECK(glatron.hits[1].kind == "role");
}

TEST_CASE("Did you mean stays quiet on correctly spelled words", "[search][spelling]") {
  TempDir dir;
  auto kb = OpenWithCorpus(dir.path());
  for (const std::string q : {"suit", "combien", "fait", "évoluent", "who chairs the steering committee in Rennes",
                              "combien de caméras à Nice", "comment les usages évoluent"}) {
    CAPTURE(q);
    SearchRequest fr = Query(q);
    CHECK_FALSE(MustSearch(*kb, fr).suggestion.has_value());
    SearchRequest en = fr;
    en.lang = Lang::kEn;
    CHECK_FALSE(MustSearch(*kb, en).suggestion.has_value());
  }
  // Misspelt words are still corrected.
  auto r = MustSearch(*kb, Query("steering comitee"));
  REQUIRE(r.suggestion.has_value());
  CHECK(r.suggestion->rfind("steering comit", 0) == 0);
}

TEST_CASE("Stop words of a question are not highlighted", "[search][highlight]") {
  TempDir dir;
  auto kb = OpenWithCorpus(dir.path());
  for (const std::string q : {"qui sont les élus du comité de pilotage de Rennes ?",
                              "comment la ville de Lyon fait-elle de l'acculturation des services ?"}) {
    CAPTURE(q);
    const auto r = MustSearch(*kb, Query(q));
    REQUIRE_FALSE(r.hits.empty());
    bool marked = false;
    for (const auto& h : r.hits) {
      const std::string lower = Lower(h.snippet);
      for (const char* stop : {"<mark>de</mark>", "<mark>du</mark>", "<mark>les</mark>", "<mark>la</mark>",
                               "<mark>qui</mark>", "<mark>comment</mark>", "<mark>des</mark>"})
        CHECK(lower.find(stop) == std::string::npos);
      marked |= h.snippet.find("<mark>") != std::string::npos;
    }
    CHECK(marked);  // the content words are
  }
}
