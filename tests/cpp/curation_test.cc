#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

#include "corpus/corpus_loader.h"
#include "corpus/corpus_writer.h"
#include "test_support.h"

using namespace citykb;
using citykb::testing::OpenWithCorpus;
using citykb::testing::ReadSource;
using citykb::testing::TempDir;

namespace {

// A valid bundle for city `slug` with `docs` documents all holding `marker`.
std::string MakeBundle(const std::string& slug, int docs, const std::string& marker) {
  std::string out =
      R"({"city": {"slug": ")" + slug + R"(", "name": "Ville )" + slug +
      R"(", "organisation": "Test", "country": "FR", "summary": {"fr": "Ville de test.", "en": "Test city."}},
    "people": [], "documents": [)";
  for (int i = 0; i < docs; ++i) {
    if (i) out += ",";
    out += R"({"id": ")" + slug + "-doc-" + std::to_string(i) +
           R"(", "kind": "practice", "themes": ["data"], "sources": ["citykb-test-data"],
      "title": {"fr": "Pratique )" +
           std::to_string(i) + R"(", "en": "Practice"},
      "body": {"fr": "Texte )" +
           marker + R"(.", "en": "Text )" + marker + R"(."}})";
  }
  return out + "]}";
}

}  // namespace

TEST_CASE("Export writes bundles that load back to an identical store", "[curation]") {
  TempDir a, b, out;
  auto kb = OpenWithCorpus(a.path());
  REQUIRE(kb->PutBundle(ReadSource("tests/fixtures/bundles/valid-testville.json")).ok());
  auto files = ExportCorpus(kb->store(), out.path());
  REQUIRE(files.ok());
  CHECK(*files >= 8);

  KnowledgeBaseOptions options;
  options.data_dir = b.path();
  auto copy = KnowledgeBase::Open(options);
  REQUIRE(copy.ok());
  REQUIRE((*copy)->IngestCorpus(out.path()).ok());
  auto cities = kb->store().ListCities();
  REQUIRE(cities.ok());
  std::vector<std::string> slugs = {""};
  for (const auto& c : *cities) slugs.push_back(c.city.slug);
  for (const auto& slug : slugs) {
    CAPTURE(slug);
    auto left = kb->store().GetBundle(slug);
    auto right = (*copy)->store().GetBundle(slug);
    REQUIRE(left.ok());
    REQUIRE(right.ok());
    REQUIRE(left->has_value());
    REQUIRE(right->has_value());
    CHECK((*left)->city == (*right)->city);
    CHECK((*left)->people == (*right)->people);
    CHECK((*left)->documents == (*right)->documents);
  }
  CHECK(*kb->store().GetTaxonomy() == *(*copy)->store().GetTaxonomy());
  CHECK(*kb->store().ListSources() == *(*copy)->store().ListSources());
  CHECK(*kb->store().ListSynonyms() == *(*copy)->store().ListSynonyms());
}

TEST_CASE("A write is searchable when it returns and the change feed lists it", "[curation]") {
  TempDir dir;
  auto kb = OpenWithCorpus(dir.path());
  const int64_t before = *kb->store().LastSeq();
  auto receipt = kb->PutBundle(MakeBundle("testville", 3, "zorglub"));
  REQUIRE(receipt.ok());
  CHECK(receipt->seq > before);
  CHECK(*kb->index().LastSeq() == receipt->seq);
  SearchRequest r;
  r.q = "zorglub";
  CHECK(kb->search().Search(r)->total == 3);
  auto changes = kb->store().ChangesSince(before, 100);
  REQUIRE(changes.ok());
  std::set<std::string> ids;
  for (const auto& c : *changes) ids.insert(c.entity + ":" + c.entity_id);
  CHECK(ids.count("city:testville"));
  CHECK(ids.count("document:testville-doc-0"));
  CHECK(changes->back().seq == receipt->seq);
  SECTION("an invalid bundle writes nothing at all") {
    auto bad = kb->PutBundle(ReadSource("tests/fixtures/bundles/unknown-person.json"));
    CHECK(bad.status().code() == StatusCode::kValidationFailed);
    CHECK(*kb->store().LastSeq() == receipt->seq);
  }
  SECTION("a document id owned by another city is refused") {
    std::string stolen = MakeBundle("otherville", 1, "x");
    const std::string from = "otherville-doc-0";
    stolen.replace(stolen.find(from), from.size(), "lyon-profile");
    auto result = kb->PutBundle(stolen);
    CHECK(result.status().code() == StatusCode::kValidationFailed);
    bool named = false;
    for (const auto& problem : result.status().problems())
      named = named || problem.reason.find("already belongs to another city") != std::string::npos;
    CHECK(named);
  }
  SECTION("owners are looked up for the given ids only") {
    auto owners = kb->store().DocumentOwners({"lyon-profile", "testville-doc-0", "no-such-record"});
    REQUIRE(owners.ok());
    CHECK(*owners == std::map<std::string, std::string>{{"lyon-profile", "lyon"}, {"testville-doc-0", "testville"}});
    auto none = kb->store().PersonOwners(std::vector<std::string>{});
    REQUIRE(none.ok());
    CHECK(none->empty());
  }
}

TEST_CASE("A cached search is never answered after the data changed", "[curation][cache]") {
  TempDir dir;
  auto kb = OpenWithCorpus(dir.path(), 100);
  SearchRequest r;
  r.q = "zorglub";
  auto count = [&](const std::string& facet, const std::string& value) -> int64_t {
    auto result = kb->search().Search(r);
    REQUIRE(result.ok());
    for (const auto& [name, values] : result->facets)
      if (name == facet)
        for (const auto& v : values)
          if (v.value == value) return v.count;
    return 0;
  };
  CHECK(kb->search().Search(r)->total == 0);
  CHECK(kb->search().Search(r)->total == 0);  // now from the cache
  REQUIRE(kb->PutBundle(MakeBundle("testville", 3, "zorglub")).ok());
  CHECK(kb->search().Search(r)->total == 3);
  CHECK(count("city", "testville") == 3);
  REQUIRE(kb->PutBundle(MakeBundle("testville", 2, "zorglub")).ok());
  CHECK(kb->search().Search(r)->total == 2);
  CHECK(count("city", "testville") == 2);
  REQUIRE(kb->DeleteCity("testville").ok());
  CHECK(kb->search().Search(r)->total == 0);
  CHECK(count("city", "testville") == 0);
  // Suggestions too: a word added by a write is suggested at once.
  auto suggests = [&](const std::string& typed, const std::string& word) {
    auto list = kb->search().Suggest(typed, Lang::kFr, 8);
    REQUIRE(list.ok());
    for (const auto& s : *list)
      if (s.text.find(word) != std::string::npos) return true;
    return false;
  };
  CHECK_FALSE(suggests("zorg", "zorglub"));
  CHECK_FALSE(suggests("zorg", "zorglub"));  // now from the cache
  REQUIRE(kb->PutBundle(MakeBundle("testville", 2, "zorglub")).ok());
  CHECK(suggests("zorg", "zorglub"));
  REQUIRE(kb->DeleteCity("testville").ok());
  CHECK_FALSE(suggests("zorg", "zorglub"));
  // Repeated identical requests give identical answers.
  r.q = "mobilité";
  auto a = kb->search().Search(r);
  auto b = kb->search().Search(r);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(a->total == b->total);
  REQUIRE(a->hits.size() == b->hits.size());
  for (size_t i = 0; i < a->hits.size(); ++i) CHECK(a->hits[i].id == b->hits[i].id);
}

TEST_CASE("At start-up the index catches up with the change log", "[curation]") {
  TempDir dir;
  int64_t seq = 0;
  {
    auto kb = OpenWithCorpus(dir.path());
    // A write that reached the store but not the index, as after a crash
    // between the two.
    auto bundle = kb->ValidateBundle(MakeBundle("lateville", 2, "quasimodo"));
    REQUIRE(bundle.ok());
    auto stored = kb->store().PutBundle(*bundle);
    REQUIRE(stored.ok());
    seq = *stored;
    CHECK(*kb->index().LastSeq() < seq);
  }
  KnowledgeBaseOptions options;
  options.data_dir = dir.path();
  auto kb = KnowledgeBase::Open(options);
  REQUIRE(kb.ok());
  CHECK(*(*kb)->index().LastSeq() == seq);
  SearchRequest r;
  r.q = "quasimodo";
  CHECK((*kb)->search().Search(r)->total == 2);
}

TEST_CASE("Readers never see half a change while writers write", "[curation][concurrency]") {
  const size_t cache_entries = GENERATE(0, 64);  // without and with the search cache
  CAPTURE(cache_entries);
  TempDir dir;
  auto kb = OpenWithCorpus(dir.path(), cache_entries);
  constexpr int kDocs = 5;
  std::atomic<bool> done{false};
  std::atomic<int> errors{0}, partial{0}, searches{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&] {
      while (!done) {
        for (const char* city : {"alpha", "beta"}) {
          SearchRequest r;
          r.filters["city"] = {city};
          auto result = kb->search().Search(r);
          if (!result.ok()) {
            ++errors;
            continue;
          }
          ++searches;
          // A city is written whole: 0 or kDocs documents, never between.
          if (result->total != 0 && result->total != kDocs) ++partial;
          // Facet counts come from the same revision as the matches.
          int64_t kinds = 0;
          for (const auto& [facet, values] : result->facets)
            if (facet == "kind")
              for (const auto& v : values) kinds += v.count;
          if (kinds != result->total) ++partial;
          // All its documents come from the same write.
          std::set<std::string> markers;
          for (const auto& h : result->hits) markers.insert(h.snippet);
          if (markers.size() > 1) ++partial;
        }
      }
    });
  }
  std::vector<std::thread> writers;
  std::atomic<int> write_errors{0};
  for (const char* city : {"alpha", "beta"}) {
    writers.emplace_back([&, city] {
      for (int i = 0; i < 15; ++i) {
        auto r = kb->PutBundle(MakeBundle(city, kDocs, "generation" + std::to_string(i)));
        if (!r.ok()) ++write_errors;
        if (i % 5 == 4) {
          if (!kb->DeleteCity(city).ok()) ++write_errors;
        }
      }
    });
  }
  for (auto& w : writers) w.join();
  done = true;
  for (auto& r : readers) r.join();
  CHECK(write_errors == 0);
  CHECK(errors == 0);
  CHECK(partial == 0);
  CHECK(searches > 0);
  CHECK(*kb->index().LastSeq() == *kb->store().LastSeq());
}
