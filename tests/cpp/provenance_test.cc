// Sources and time: validation of the new fields, the provenance service
// (sources, people, timeline), indicator series and conflicts, and the
// upgrade of a store written by the previous schema.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

#include "corpus/bundle_parser.h"
#include "corpus/corpus_loader.h"
#include "corpus/corpus_writer.h"
#include "corpus/problem_french.h"
#include "model/observations.h"
#include "test_support.h"

using namespace citykb;
using citykb::testing::OpenWithCorpus;
using citykb::testing::SourcePath;
using citykb::testing::TempDir;
using nlohmann::json;

namespace {

// A small valid bundle with a source of its own, a milestone, a practice
// sheet, a person with roles and two observations of one indicator.
json SampleBundle() {
  return json::parse(R"({
    "sources": [
      {"id": "testville-press-2020", "url": "https://example.org/a", "title": "Article A", "publisher": "Presse A",
       "published": "2020-03", "kind": "press", "lang": "fr"},
      {"id": "testville-official-2021", "url": "https://example.org/b", "title": "Page B", "publisher": "Ville B",
       "published": null, "kind": "official", "lang": "fr", "note": {"fr": "Date inconnue.", "en": "Date unknown."}}
    ],
    "city": {"slug": "testville", "name": "Testville", "organisation": "Testville Métropole",
             "organisation_kind": "métropole", "country": "FR", "region": "Nulle part",
             "summary": {"fr": "Ville de test.", "en": "Test city."},
             "indicators": [
               {"name": "communes", "value": 23, "unit": "communes", "as_of": "2020", "source": "testville-press-2020"},
               {"name": "communes", "value": 24, "unit": "communes", "as_of": "2020", "source": "testville-official-2021"},
               {"name": "population", "value": 1000, "unit": "inhabitants", "as_of": "2015", "source": "testville-press-2020"},
               {"name": "population", "value": 1200, "unit": "inhabitants", "as_of": "2020", "source": "testville-press-2020"}
             ]},
    "people": [{"id": "testville-person", "name": "Camille Test", "organisation": "Testville Métropole",
                "title": {"fr": "Directrice du numérique", "en": "Head of digital"},
                "roles": [{"title": {"fr": "Cheffe de projet", "en": "Project manager"}, "organisation": "Testville",
                           "from": "2015", "to": "2019", "source": "testville-press-2020"},
                          {"title": {"fr": "Directrice du numérique", "en": "Head of digital"},
                           "organisation": "Testville Métropole", "from": "2019", "source": "testville-official-2021"}]}],
    "documents": [
      {"id": "testville-profile", "kind": "profile", "title": {"fr": "Profil", "en": "Profile"},
       "body": {"fr": "Un profil zorglub.", "en": "A zorglub profile."}, "themes": ["strategy"], "stakeholders": [],
       "sources": ["testville-press-2020", "testville-official-2021"], "as_of": "2020"},
      {"id": "testville-milestone-portal", "kind": "milestone", "date": "2016-05-12",
       "title": {"fr": "Ouverture du portail", "en": "Portal opens"},
       "body": {"fr": "Le portail zorglub ouvre.", "en": "The zorglub portal opens."}, "themes": ["open-data"],
       "stakeholders": [], "sources": ["testville-press-2020"]},
      {"id": "testville-practice-lights", "kind": "practice", "person": "testville-person",
       "title": {"fr": "Éclairage piloté", "en": "Managed lighting"},
       "body": {"fr": "Un éclairage zorglub.", "en": "Zorglub lighting."}, "themes": ["public-lighting"],
       "stakeholders": ["companies"], "sources": ["testville-official-2021"], "as_of": "2021",
       "challenge": {"fr": "Trop de pannes.", "en": "Too many failures."},
       "partners": [{"name": "Entreprise X", "stakeholder": "companies"}],
       "budget": {"amount": 1000000, "currency": "EUR", "as_of": "2021", "source": "testville-official-2021"},
       "results": {"fr": "Moins de pannes.", "en": "Fewer failures."}}
    ]})");
}

// The problems of a bundle, as "path: reason" lines.
std::vector<std::string> Problems(std::unique_ptr<KnowledgeBase>& kb, const json& bundle) {
  auto r = kb->ValidateBundle(bundle.dump());
  std::vector<std::string> out;
  if (!r.ok())
    for (const auto& p : r.status().problems()) out.push_back(p.path + ": " + p.reason);
  return out;
}

bool HasProblemAt(const std::vector<std::string>& problems, const std::string& path) {
  for (const auto& p : problems)
    if (p.rfind(path + ":", 0) == 0) return true;
  return false;
}

}  // namespace

TEST_CASE("Partial ISO dates", "[provenance]") {
  for (const char* ok : {"2019", "2019-06", "2019-06-19", "2020-02-29"}) CHECK(IsPartialDate(ok));
  for (const char* bad :
       {"", "19", "2019-13", "2019-00", "2019-6", "2019-06-31", "2019-02-29", "2019/06", "2019-06-19T"})
    CHECK_FALSE(IsPartialDate(bad));
}

TEST_CASE("A bundle with new sources, milestones, roles and observations validates and loads", "[provenance]") {
  TempDir dir;
  auto kb = OpenWithCorpus(dir.path());
  const json bundle = SampleBundle();
  CHECK(Problems(kb, bundle).empty());
  auto receipt = kb->PutBundle(bundle.dump());
  REQUIRE(receipt.ok());

  auto source = kb->store().GetSource("testville-official-2021");
  REQUIRE(source.ok());
  REQUIRE(source->has_value());
  CHECK((*source)->url == "https://example.org/b");
  CHECK((*source)->note.en == "Date unknown.");

  auto doc = kb->search().GetDocument("testville-profile");
  REQUIRE(doc.ok());
  CHECK(doc->document.sources == std::vector<std::string>{"testville-press-2020", "testville-official-2021"});
  CHECK(doc->document.source == "testville-press-2020");
  CHECK(doc->sources.size() == 2);
  CHECK(doc->document.as_of == "2020");

  SearchRequest request;
  request.q = "zorglub";
  request.sort = SortOrder::kDate;
  auto result = kb->search().Search(request);
  REQUIRE(result.ok());
  REQUIRE(result->hits.size() == 3);
  // Newest facts first: the practice (2021), the profile (2020), the milestone (2016-05-12).
  CHECK(result->hits[0].id == "testville-practice-lights");
  CHECK(result->hits[1].id == "testville-profile");
  CHECK(result->hits[2].id == "testville-milestone-portal");
  CHECK(result->hits[1].sources.size() == 2);
  CHECK(result->hits[1].sources[1].publisher == "Ville B");
  CHECK(result->hits[2].date == "2016-05-12");
}

TEST_CASE("Validation names every new problem with its JSON path", "[provenance]") {
  TempDir dir;
  auto kb = OpenWithCorpus(dir.path());
  struct Case {
    const char* what;
    std::function<void(json&)> spoil;
    const char* path;
  };
  const std::vector<Case> cases = {
      {"unknown source", [](json& b) { b["documents"][0]["sources"][1] = "nowhere"; }, "/documents/0/sources/1"},
      {"no source at all", [](json& b) { b["documents"][0].erase("sources"); }, "/documents/0/sources"},
      {"source without URL", [](json& b) { b["sources"][0].erase("url"); }, "/sources/0/url"},
      {"source URL not http", [](json& b) { b["sources"][0]["url"] = "javascript:alert(1)"; }, "/sources/0/url"},
      {"source kind", [](json& b) { b["sources"][0]["kind"] = "blog"; }, "/sources/0/kind"},
      {"malformed date", [](json& b) { b["documents"][0]["as_of"] = "2019-13"; }, "/documents/0/as_of"},
      {"malformed published", [](json& b) { b["sources"][1]["published"] = "June 2019"; }, "/sources/1/published"},
      {"to before from", [](json& b) { b["people"][0]["roles"][0]["to"] = "2014"; }, "/people/0/roles/0/to"},
      {"milestone without date", [](json& b) { b["documents"][1].erase("date"); }, "/documents/1/date"},
      {"date on a non-milestone", [](json& b) { b["documents"][0]["date"] = "2020"; }, "/documents/0/date"},
      {"unknown indicator", [](json& b) { b["city"]["indicators"][0]["name"] = "zorglubs"; },
       "/city/indicators/0/name"},
      {"unit mismatch", [](json& b) { b["city"]["indicators"][0]["unit"] = "towns"; }, "/city/indicators/0/unit"},
      {"same observation twice", [](json& b) { b["city"]["indicators"][1]["source"] = "testville-press-2020"; },
       "/city/indicators/1"},
      {"sheet on a profile",
       [](json& b) {
         b["documents"][0]["results"] = {{"fr", "x"}, {"en", "y"}};
       },
       "/documents/0/results"},
      {"budget without source", [](json& b) { b["documents"][2]["budget"].erase("source"); },
       "/documents/2/budget/source"},
      {"partner stakeholder", [](json& b) { b["documents"][2]["partners"][0]["stakeholder"] = "aliens"; },
       "/documents/2/partners/0/stakeholder"},
      {"role source unknown", [](json& b) { b["people"][0]["roles"][1]["source"] = "nowhere"; },
       "/people/0/roles/1/source"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.what);
    json bundle = SampleBundle();
    c.spoil(bundle);
    const auto problems = Problems(kb, bundle);
    CAPTURE(problems);
    CHECK(HasProblemAt(problems, c.path));
    // Every reason also reads in French (the form shows the page's language).
    auto r = kb->ValidateBundle(bundle.dump());
    REQUIRE_FALSE(r.ok());
    for (const auto& p : r.status().problems()) {
      CAPTURE(p.reason);
      CHECK(FrenchReason(p.reason) != p.reason);
    }
  }
}

TEST_CASE("Validation reasons in French", "[provenance]") {
  CHECK(FrenchReason("unknown theme 'x' (see /api/taxonomy)") == "thème inconnu « x » (voir /api/taxonomy)");
  CHECK(FrenchReason("must be a date: YYYY, YYYY-MM or YYYY-MM-DD (got '2019-13')") ==
        "doit être une date : AAAA, AAAA-MM ou AAAA-MM-JJ (reçu « 2019-13 »)");
  CHECK(FrenchReason("is required") == "est obligatoire");
  CHECK(FrenchReason("something new") == "something new");  // unknown reasons stay as they are
}

TEST_CASE("Series and conflicts of indicator observations", "[provenance]") {
  Indicator a{"communes", {}, 23, "communes", false, "2020", "s1", "", {}};
  Indicator b = a;
  b.value = 24;
  b.source = "s2";
  CHECK(HasConflict({a, b}));
  Indicator same_source = b;
  same_source.source = "s1";
  CHECK_FALSE(HasConflict({a, same_source}));  // one source revising itself is not a disagreement
  Indicator later = b;
  later.as_of = "2022";
  CHECK_FALSE(HasConflict({a, later}));  // a series
  Indicator agree = b;
  agree.value = 23;
  CHECK_FALSE(HasConflict({a, agree}));

  TempDir dir;
  auto kb = OpenWithCorpus(dir.path());
  REQUIRE(kb->PutBundle(SampleBundle().dump()).ok());
  CompareRequest request;
  request.cities = {"testville"};
  auto result = kb->compare().Compare(request);
  REQUIRE(result.ok());
  bool saw_communes = false, saw_population = false;
  for (const auto& row : result->indicators) {
    if (row.name == "communes") {
      saw_communes = true;
      CHECK(row.observations.at("testville").size() == 2);
      CHECK(row.conflicts.at("testville"));
    }
    if (row.name == "population") {
      saw_population = true;
      CHECK_FALSE(row.conflicts.at("testville"));
      CHECK(row.values.at("testville")->value == 1200);  // the latest of the series
    }
  }
  CHECK(saw_communes);
  CHECK(saw_population);
}

TEST_CASE("Sources, people and the timeline", "[provenance]") {
  TempDir dir;
  auto kb = OpenWithCorpus(dir.path());
  REQUIRE(kb->PutBundle(SampleBundle().dump()).ok());
  const auto& p = kb->provenance();

  auto sources = p.Sources("ville b");
  REQUIRE(sources.ok());
  REQUIRE(sources->size() == 1);
  CHECK((*sources)[0].source.id == "testville-official-2021");
  // The profile, the practice, one indicator observation and one role... roles are not counted:
  // documents and indicator observations only.
  CHECK((*sources)[0].citations == 3);

  auto page = p.Source("testville-press-2020");
  REQUIRE(page.ok());
  CHECK(page->documents.size() == 2);
  CHECK(page->indicators.size() == 3);
  CHECK(p.Source("nowhere").status().code() == StatusCode::kNotFound);

  auto person = p.Person("testville-person");
  REQUIRE(person.ok());
  CHECK(person->person.roles.size() == 2);
  CHECK(person->city->slug == "testville");
  REQUIRE(person->documents.size() == 1);
  CHECK(person->documents[0].id == "testville-practice-lights");
  CHECK(p.Person("nowhere").status().code() == StatusCode::kNotFound);

  TimelineRequest all;
  auto timeline = p.Timeline(all);
  REQUIRE(timeline.ok());
  bool found = false;
  for (size_t i = 0; i < timeline->size(); ++i) {
    if (i > 0) CHECK((*timeline)[i - 1].milestone.date <= (*timeline)[i].milestone.date);
    found = found || (*timeline)[i].milestone.id == "testville-milestone-portal";
  }
  CHECK(found);
  TimelineRequest filtered;
  filtered.cities = {"testville"};
  filtered.from = "2016";
  filtered.to = "2016-05";
  timeline = p.Timeline(filtered);
  REQUIRE(timeline.ok());
  REQUIRE(timeline->size() == 1);
  filtered.from = "2016-06";
  timeline = p.Timeline(filtered);
  REQUIRE(timeline.ok());
  CHECK(timeline->empty());
  filtered.from.clear();
  filtered.themes = {"energy"};
  timeline = p.Timeline(filtered);
  REQUIRE(timeline.ok());
  CHECK(timeline->empty());
}

TEST_CASE("Export then ingest round-trips sources, roles, sheets and observations", "[provenance]") {
  TempDir a, b, out;
  auto kb = OpenWithCorpus(a.path());
  REQUIRE(kb->PutBundle(SampleBundle().dump()).ok());
  REQUIRE(ExportCorpus(kb->store(), out.path()).ok());
  KnowledgeBaseOptions options;
  options.data_dir = b.path();
  auto copy = KnowledgeBase::Open(options);
  REQUIRE(copy.ok());
  auto ingested = (*copy)->IngestCorpus(out.path());
  INFO((ingested.ok() ? std::string() : ingested.status().message()));
  REQUIRE(ingested.ok());
  auto left = kb->store().GetBundle("testville");
  auto right = (*copy)->store().GetBundle("testville");
  REQUIRE(left.ok());
  REQUIRE(right.ok());
  CHECK((*left)->city == (*right)->city);
  CHECK((*left)->people == (*right)->people);
  CHECK((*left)->documents == (*right)->documents);
  auto sources_left = kb->store().ListSources();
  auto sources_right = (*copy)->store().ListSources();
  REQUIRE(sources_left.ok());
  REQUIRE(sources_right.ok());
  CHECK(*sources_left == *sources_right);
  auto defs_left = kb->store().ListIndicatorDefinitions();
  auto defs_right = (*copy)->store().ListIndicatorDefinitions();
  REQUIRE(defs_left.ok());
  REQUIRE(defs_right.ok());
  CHECK(*defs_left == *defs_right);
  CHECK_FALSE(defs_left->empty());
}

TEST_CASE("A store written by schema 2 opens, upgrades in place and keeps every record", "[provenance][store]") {
  TempDir dir;
  const std::string db = dir.path() + "/citykb.sqlite";
  const std::string cmd = "sqlite3 '" + db + "' < '" + SourcePath("tests/fixtures/stores/schema-2.sql") + "'";
  REQUIRE(std::system(cmd.c_str()) == 0);
  KnowledgeBaseOptions options;
  options.data_dir = dir.path();
  auto kb = KnowledgeBase::Open(options);
  REQUIRE(kb.ok());
  auto docs = (*kb)->store().ListDocuments();
  REQUIRE(docs.ok());
  CHECK(docs->size() == 31);
  for (const auto& d : *docs) {
    CAPTURE(d.id);
    CHECK(d.sources == std::vector<std::string>{"article-chef-de-projet-smart-city"});
  }
  auto citations = (*kb)->store().SourceCitations();
  REQUIRE(citations.ok());
  CHECK(citations->at("article-chef-de-projet-smart-city") == 31 + 4);  // documents and indicators
  auto city = (*kb)->store().GetCity("grenoble");
  REQUIRE(city.ok());
  CHECK((*city)->indicators.size() == 3);
  auto sources = (*kb)->store().ListSources();
  REQUIRE(sources.ok());
  REQUIRE_FALSE(sources->empty());
  CHECK_FALSE(sources->front().note.fr.empty());  // the old one-string note is kept
  // The old store is searchable and writable after the upgrade.
  SearchRequest request;
  request.q = "pilotage";
  auto result = (*kb)->search().Search(request);
  REQUIRE(result.ok());
  CHECK(result->total > 0);
  REQUIRE_FALSE(result->hits.empty());
  CHECK(result->hits[0].sources.size() == 1);
  CHECK((*kb)->DeleteCity("rennes").ok());
}
