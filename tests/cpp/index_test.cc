// Index::CatchUp against the store's change log: every stored document is
// indexed, removed ones are not, changes to cities and people reach their
// documents, and the sequence is recorded only once everything is indexed.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>

#include "index/index.h"
#include "store/store.h"
#include "test_support.h"

using namespace citykb;
using citykb::testing::ShippedCorpusWith;
using citykb::testing::TempDir;

namespace {

// A city with `people` people and `docs` documents, each document written
// by one of the people in turn.
Bundle MakeCity(const std::string& slug, int people, int docs) {
  Bundle b = citykb::testing::TestCity(slug);
  for (int p = 0; p < people; ++p) {
    Person person;
    person.id = slug + "-person-" + std::to_string(p);
    person.name = "Personne " + std::to_string(p) + " " + slug;
    person.title = {"Chargée de mission", "Project officer"};
    b.people.push_back(person);
  }
  for (int i = 0; i < docs; ++i) {
    Document d;
    d.id = slug + "-doc-" + std::to_string(i);
    d.kind = "practice";
    d.themes = {"data"};
    d.title = {"Pratique " + std::to_string(i), "Practice " + std::to_string(i)};
    d.body = {"Données ouvertes et mobilité numéro " + std::to_string(i) + ".",
              "Open data and mobility number " + std::to_string(i) + "."};
    if (people > 0) d.person = b.people[static_cast<size_t>(i % people)].id;
    b.documents.push_back(d);
  }
  return b;
}

std::set<std::string> StoredIds(const Store& store) {
  auto ids = store.ListDocumentIds();
  REQUIRE(ids.ok());
  return {ids->begin(), ids->end()};
}

std::set<std::string> IndexedIds(const Index& index) {
  auto ids = index.DocumentIds();
  REQUIRE(ids.ok());
  return {ids->begin(), ids->end()};
}

// The display record the index holds for a document.
DisplayRecord Data(const Index& index, const std::string& id) {
  auto record = index.GetDisplayRecord(id);
  REQUIRE(record.ok());
  return *record;
}

struct Fixture {
  TempDir dir;
  std::unique_ptr<Store> store;
  std::unique_ptr<Index> index;
  Fixture() {
    auto s = Store::Open(dir.path() + "/citykb.sqlite");
    REQUIRE(s.ok());
    store = std::move(*s);
    auto i = Index::Open(dir.path() + "/xapian", true);
    REQUIRE(i.ok());
    index = std::move(*i);
  }
  int64_t CatchUp() {
    auto seq = index->CatchUp(*store);
    REQUIRE(seq.ok());
    auto stored = store->LastSeq();
    REQUIRE(stored.ok());
    CHECK(*seq == *stored);
    CHECK(*index->LastSeq() == *stored);
    return *seq;
  }
};

}  // namespace

TEST_CASE("CatchUp indexes every stored document, once", "[index][concurrency]") {
  // Also run under ThreadSanitizer: documents are built on a second thread.
  Fixture f;
  // More documents than one commit holds, in several cities.
  REQUIRE(
      f.store->PutCorpus(ShippedCorpusWith({MakeCity("aa", 3, 2600), MakeCity("bb", 2, 2600), MakeCity("cc", 0, 900)}))
          .ok());
  std::vector<std::pair<int64_t, int64_t>> calls;
  auto seq = f.index->CatchUp(*f.store, [&](int64_t done, int64_t total) { calls.emplace_back(done, total); });
  REQUIRE(seq.ok());
  CHECK(*seq == *f.store->LastSeq());
  CHECK(IndexedIds(*f.index) == StoredIds(*f.store));
  CHECK(*f.index->DocumentCount() == 6100);
  // Progress counts index updates: each document once.
  REQUIRE(!calls.empty());
  CHECK(calls.back() == std::make_pair(int64_t{6100}, int64_t{6100}));
  for (const auto& [done, total] : calls) CHECK(total == 6100);

  SECTION("nothing new: nothing to do") {
    CHECK(f.CatchUp() == *seq);
    CHECK(*f.index->DocumentCount() == 6100);
  }
}

TEST_CASE("The sequence is recorded only with the last commit", "[index]") {
  Fixture f;
  REQUIRE(f.store->PutCorpus(ShippedCorpusWith({MakeCity("aa", 2, 5600)})).ok());
  const std::string dir = f.dir.path() + "/xapian";
  int64_t seen_count = -1, seen_seq = -1;
  struct Stop {};
  // Look at the index from another reader once the first commit is done,
  // then stop the update midway, as a crash would.
  auto stop_midway = [&](int64_t done, int64_t) {
    if (done != 5500) return;
    auto reader = Index::Open(dir, false);
    REQUIRE(reader.ok());
    seen_count = *(*reader)->DocumentCount();
    seen_seq = *(*reader)->LastSeq();
    throw Stop{};
  };
  CHECK_THROWS_AS(f.index->CatchUp(*f.store, stop_midway), Stop);
  CHECK(seen_count >= 5000);  // documents were committed...
  CHECK(seen_seq == 0);       // ...but not the sequence
  CHECK(*f.index->LastSeq() == 0);

  // The next update replays the whole stretch and completes it.
  f.CatchUp();
  CHECK(IndexedIds(*f.index) == StoredIds(*f.store));
}

TEST_CASE("CatchUp applies removals and changes to cities and people", "[index]") {
  Fixture f;
  Bundle aa = MakeCity("aa", 3, 30);
  Bundle bb = MakeCity("bb", 2, 20);
  REQUIRE(f.store->PutCorpus(ShippedCorpusWith({aa, bb})).ok());
  f.CatchUp();
  REQUIRE(IndexedIds(*f.index).size() == 50);

  SECTION("documents left out of a bundle leave the index") {
    aa.documents.resize(10);
    REQUIRE(f.store->PutBundle(aa).ok());
    f.CatchUp();
    CHECK(IndexedIds(*f.index) == StoredIds(*f.store));
    CHECK(IndexedIds(*f.index).count("aa-doc-10") == 0);
    CHECK(IndexedIds(*f.index).count("aa-doc-9") == 1);
  }

  SECTION("a deleted city's documents leave the index") {
    REQUIRE(f.store->DeleteCity("bb").ok());
    f.CatchUp();
    CHECK(IndexedIds(*f.index) == StoredIds(*f.store));
    CHECK(IndexedIds(*f.index).size() == 30);
  }

  SECTION("a renamed city shows in all its documents, and only there") {
    aa.city.name = "Villeneuve";
    REQUIRE(f.store->PutBundle(aa).ok());
    f.CatchUp();
    for (const auto& d : aa.documents) CHECK(Data(*f.index, d.id).city->name == "Villeneuve");
    for (const auto& d : bb.documents) CHECK(Data(*f.index, d.id).city->name != "Villeneuve");
  }

  SECTION("a renamed person shows in their documents, and only there") {
    aa.people[1].name = "Camille Nouveau";
    REQUIRE(f.store->PutBundle(aa).ok());
    f.CatchUp();
    for (const auto& d : aa.documents) {
      CAPTURE(d.id);
      const bool theirs = d.person == aa.people[1].id;
      const DisplayRecord record = Data(*f.index, d.id);
      CHECK((record.person && record.person->name == "Camille Nouveau") == theirs);
    }
  }

  SECTION("a document added later is indexed") {
    Bundle cc = MakeCity("cc", 1, 5);
    REQUIRE(f.store->PutBundle(cc).ok());
    f.CatchUp();
    CHECK(IndexedIds(*f.index) == StoredIds(*f.store));
    CHECK(IndexedIds(*f.index).size() == 55);
  }

  SECTION("a rebuilt index holds the same documents") {
    REQUIRE(f.index->Rebuild(*f.store).ok());
    CHECK(IndexedIds(*f.index) == StoredIds(*f.store));
    CHECK(*f.index->LastSeq() == *f.store->LastSeq());
  }
}

TEST_CASE("Store: document ids by city and by person", "[store][index]") {
  TempDir dir;
  auto store = Store::Open(dir.path() + "/citykb.sqlite");
  REQUIRE(store.ok());
  REQUIRE((*store)->PutCorpus(ShippedCorpusWith({MakeCity("aa", 2, 4), MakeCity("bb", 2, 4)})).ok());
  auto of = [&](std::set<std::string> cities, std::set<std::string> people) {
    auto ids = (*store)->DocumentIdsOf(cities, people);
    REQUIRE(ids.ok());
    CHECK(std::is_sorted(ids->begin(), ids->end()));
    return *ids;
  };
  CHECK(of({}, {}).empty());
  CHECK(of({"aa"}, {}) == std::vector<std::string>{"aa-doc-0", "aa-doc-1", "aa-doc-2", "aa-doc-3"});
  CHECK(of({}, {"bb-person-1"}) == std::vector<std::string>{"bb-doc-1", "bb-doc-3"});
  CHECK(of({"aa"}, {"aa-person-0", "bb-person-0"}) ==
        std::vector<std::string>{"aa-doc-0", "aa-doc-1", "aa-doc-2", "aa-doc-3", "bb-doc-0", "bb-doc-2"});

  auto docs = (*store)->GetDocuments({"bb-doc-2", "aa-doc-1", "zz-missing"});
  REQUIRE(docs.ok());
  REQUIRE(docs->size() == 2);
  CHECK((*docs)[0].id == "aa-doc-1");
  CHECK((*docs)[1].id == "bb-doc-2");
  CHECK((*docs)[1].person == "bb-person-0");
}

TEST_CASE("A display record decodes to what was encoded", "[index]") {
  DisplayRecord r;
  r.doc.id = "lyon-practice-1";
  r.doc.kind = "practice";
  r.doc.city = "lyon";
  r.doc.title = {"Données ouvertes", "Open data"};
  r.doc.body = {"Un texte « cité ».", "A quoted \"text\"."};
  r.doc.person = "lyon-cdo";
  r.doc.themes = {"data", "governance"};
  r.doc.sources = {"s1", "s2"};
  r.doc.source = "s1";
  r.doc.as_of = "2024-05";
  r.doc.updated_at = "2026-01-02T03:04:05Z";
  r.city = CityRef{"lyon", "Lyon"};
  r.person = PersonRef{"lyon-cdo", "Camille Martin", {"Directrice", "Director"}};
  r.sources = {{"s1", "Rapport", "Métropole", "2024", "https://example.org/1"},
               {"s2", "Article", "", "", "https://example.org/2"}};

  const DisplayRecord back = DecodeDisplayRecord(EncodeDisplayRecord(r));
  CHECK(back.doc == r.doc);
  REQUIRE(back.city);
  CHECK(back.city->name == "Lyon");
  REQUIRE(back.person);
  CHECK(back.person->title.en == "Director");
  REQUIRE(back.sources.size() == 2);
  CHECK(back.sources[1].url == "https://example.org/2");
  CHECK(back.source()->id == "s1");

  SECTION("a completion reads the same id, title and person without the rest") {
    const DisplayTitle title = DecodeDisplayTitle(EncodeDisplayRecord(r));
    CHECK(title.id == r.doc.id);
    CHECK(title.title == r.doc.title);
    CHECK(title.person_id == "lyon-cdo");
    CHECK(title.person_name == "Camille Martin");
    DisplayRecord bare;
    bare.doc.id = "general-role-1";
    bare.doc.title = {"Rôle", "Role"};
    const DisplayTitle no_person = DecodeDisplayTitle(EncodeDisplayRecord(bare));
    CHECK(no_person.id == "general-role-1");
    CHECK(no_person.title.en == "Role");
    CHECK(no_person.person_id.empty());
    // The title part kept in its own value slot reads the same.
    const std::string part = EncodeDisplayTitle(r);
    CHECK(EncodeDisplayRecord(r).rfind(part, 0) == 0);
    const DisplayTitle from_part = DecodeDisplayTitle(part);
    CHECK(from_part.id == title.id);
    CHECK(from_part.title == title.title);
    CHECK(from_part.person_name == "Camille Martin");
    CHECK(DecodeDisplayTitle("not json").id.empty());
    const std::string stored = EncodeDisplayRecord(r);
    CHECK(DecodeDisplayTitle(stored.substr(0, 12)).id.empty());
    CHECK(DecodeDisplayTitle(R"({"id": "x", "title": {"fr": "T")").id.empty());
  }
  SECTION("a record without city, person or sources") {
    DisplayRecord bare;
    bare.doc.id = "general-role-1";
    const DisplayRecord decoded = DecodeDisplayRecord(EncodeDisplayRecord(bare));
    CHECK(decoded.doc.id == "general-role-1");
    CHECK_FALSE(decoded.city);
    CHECK_FALSE(decoded.person);
    CHECK_FALSE(decoded.source());
  }
  SECTION("a practice sheet with partners and a budget") {
    DisplayRecord p = r;
    p.doc.practice.challenge = {"Défi", "Challenge"};
    p.doc.practice.lessons = {"Leçons", "Lessons"};
    p.doc.practice.partners = {Partner{"Enedis", "operator"}};
    p.doc.practice.budget = Budget{1.5e6, "EUR", true, "2024", "s1"};
    CHECK(DecodeDisplayRecord(EncodeDisplayRecord(p)).doc == p.doc);
  }
  SECTION("unreadable data gives an empty record") {
    CHECK(DecodeDisplayRecord("not json").doc.id.empty());
    CHECK(DecodeDisplayRecord("").doc.id.empty());
    // Every cut of a valid record is refused, not read past its end.
    const std::string full = EncodeDisplayRecord(r);
    for (size_t n = 1; n < full.size(); ++n) CHECK(DecodeDisplayRecord(full.substr(0, n)).doc.id.empty());
    CHECK(DecodeDisplayRecord(full + "x").doc.id.empty());
    // JSON of the earlier form with fields of the wrong type.
    CHECK(DecodeDisplayRecord(R"({"id":"x","themes":[{"id":"s1"}]})").doc.id.empty());
  }
  SECTION("the binary form written by this version reads back (a stored index stays readable)") {
    std::ifstream in(std::string(CITYKB_SOURCE_DIR) + "/tests/fuzz/corpus/fuzz_record/binary", std::ios::binary);
    const std::string stored((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const DisplayRecord read = DecodeDisplayRecord(stored);
    CHECK(read.doc.id == "lyon-practice-1");
    CHECK(read.doc.body.fr == "L’Énergie d'abord");
    CHECK(read.doc.practice.partners.size() == 1);
    REQUIRE(read.doc.practice.budget);
    CHECK(read.doc.practice.budget->amount == 1500000);
    REQUIRE(read.person);
    CHECK(read.person->title.en == "Director");
    CHECK(read.doc.sources == std::vector<std::string>{"s1", "s2"});
    CHECK(EncodeDisplayRecord(read) == stored);
  }
  SECTION("the JSON form of earlier versions still reads") {
    const DisplayRecord old = DecodeDisplayRecord(
        R"({"id":"lyon-1","kind":"practice","title":{"fr":"Données","en":"Data"},"body":{"fr":"Texte","en":"Text"},)"
        R"("themes":["data"],"stakeholders":[],"as_of":"2024","city":{"slug":"lyon","name":"Lyon"},"person":null,)"
        R"("source":{"id":"s1","title":"T","publisher":"P","published":"2024","url":"https://example.org/1"},)"
        R"("sources":[{"id":"s1","title":"T","publisher":"P","published":"2024","url":"https://example.org/1"}]})");
    CHECK(old.doc.id == "lyon-1");
    CHECK(old.doc.title.en == "Data");
    CHECK(old.doc.city == "lyon");
    REQUIRE(old.city);
    CHECK(old.city->name == "Lyon");
    CHECK_FALSE(old.person);
    CHECK(old.doc.sources == std::vector<std::string>{"s1"});
  }
}

TEST_CASE("The index built on one thread equals the one built on two", "[index]") {
  // 1,300 documents: three batches, built ahead on a second thread or in
  // turn on one.
  TempDir dir;
  auto store = Store::Open(dir.path() + "/citykb.sqlite");
  REQUIRE(store.ok());
  REQUIRE((*store)->PutCorpus(ShippedCorpusWith({MakeCity("aa", 7, 700), MakeCity("bb", 3, 600)})).ok());
  std::vector<IndexMatches> answers;
  for (int threads : {1, 2}) {
    auto index = Index::Open(dir.path() + "/xapian-" + std::to_string(threads), true);
    REQUIRE(index.ok());
    (*index)->SetBuildThreads(threads);
    REQUIRE((*index)->CatchUp(**store).ok());
    auto ids = (*index)->DocumentIds();
    REQUIRE(ids.ok());
    CHECK(ids->size() >= 1300);
    IndexQuery q;
    q.text = "mobilité";
    q.limit = 20;
    auto r = (*index)->Search(q);
    REQUIRE(r.ok());
    answers.push_back(*r);
  }
  CHECK(answers[0].total == answers[1].total);
  CHECK(answers[0].facets == answers[1].facets);
  REQUIRE(answers[0].hits.size() == answers[1].hits.size());
  for (size_t i = 0; i < answers[0].hits.size(); ++i)
    CHECK(answers[0].hits[i].record.doc == answers[1].hits[i].record.doc);
}
