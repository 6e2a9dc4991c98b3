#include <catch2/catch.hpp>

#include "corpus/corpus_loader.h"
#include "store/store.h"
#include "test_support.h"

using namespace citykb;
using citykb::testing::SourcePath;
using citykb::testing::TempDir;

TEST_CASE("Store round trip: what goes in comes out", "[store]") {
  TempDir dir;
  auto store = Store::Open(dir.path() + "/s.sqlite");
  REQUIRE(store.ok());
  auto corpus = LoadCorpus(SourcePath("corpus"));
  REQUIRE(corpus.ok());
  auto seq = (*store)->PutCorpus(*corpus);
  REQUIRE(seq.ok());
  CHECK(*seq > 0);

  for (const Bundle& in : corpus->bundles) {
    auto out = (*store)->GetBundle(in.city.slug);
    REQUIRE(out.ok());
    REQUIRE(out->has_value());
    const Bundle& b = **out;
    REQUIRE(b.documents.size() == in.documents.size());
    for (size_t i = 0; i < b.documents.size(); ++i) {
      Document expected = in.documents[i];
      expected.city = in.city.slug;
      expected.updated_at = b.documents[i].updated_at;  // stamped by the store
      CHECK(b.documents[i] == expected);
      CHECK_FALSE(b.documents[i].updated_at.empty());
    }
    CHECK(b.people.size() == in.people.size());
    if (!in.city.slug.empty()) {
      City expected = in.city;
      expected.updated_at = b.city.updated_at;
      CHECK(b.city == expected);
    }
  }
  auto tax = (*store)->GetTaxonomy();
  REQUIRE(tax.ok());
  CHECK(*tax == corpus->taxonomy);
  auto synonyms = (*store)->ListSynonyms();
  REQUIRE(synonyms.ok());
  CHECK(*synonyms == corpus->synonyms);
}

TEST_CASE("The change log records real changes only, in order", "[store]") {
  TempDir dir;
  auto store = Store::Open(dir.path() + "/s.sqlite");
  REQUIRE(store.ok());
  auto corpus = LoadCorpus(SourcePath("corpus"));
  REQUIRE(corpus.ok());
  auto first = (*store)->PutCorpus(*corpus);
  REQUIRE(first.ok());
  SECTION("writing the same corpus again logs nothing") {
    auto again = (*store)->PutCorpus(*corpus);
    REQUIRE(again.ok());
    CHECK(*again == *first);
  }
  SECTION("changing one document logs that document") {
    Bundle lyon;
    for (const auto& b : corpus->bundles)
      if (b.city.slug == "lyon") lyon = b;
    lyon.documents[0].body.fr += " Ajout.";
    auto seq = (*store)->PutBundle(lyon);
    REQUIRE(seq.ok());
    auto changes = (*store)->ChangesSince(*first, 100);
    REQUIRE(changes.ok());
    REQUIRE(changes->size() == 1);
    CHECK(changes->front().entity == "document");
    CHECK(changes->front().entity_id == lyon.documents[0].id);
    CHECK(changes->front().seq == *first + 1);
  }
  SECTION("a document left out of a bundle is deleted") {
    Bundle lyon;
    for (const auto& b : corpus->bundles)
      if (b.city.slug == "lyon") lyon = b;
    const std::string gone = lyon.documents.back().id;
    lyon.documents.pop_back();
    REQUIRE((*store)->PutBundle(lyon).ok());
    auto doc = (*store)->GetDocument(gone);
    REQUIRE(doc.ok());
    CHECK_FALSE(doc->has_value());
    auto changes = (*store)->ChangesSince(*first, 100);
    REQUIRE(changes.ok());
    REQUIRE(changes->size() == 1);
    CHECK(changes->front().op == "delete");
  }
  SECTION("deleting a city removes its records and logs each") {
    auto seq = (*store)->DeleteCity("rennes");
    REQUIRE(seq.ok());
    auto docs = (*store)->ListDocumentsOfCity("rennes");
    REQUIRE(docs.ok());
    CHECK(docs->empty());
    auto city = (*store)->GetCity("rennes");
    REQUIRE(city.ok());
    CHECK_FALSE(city->has_value());
    CHECK((*store)->DeleteCity("rennes").status().code() == StatusCode::kNotFound);
  }
}

TEST_CASE("Store survives reopening and reports its schema version", "[store]") {
  TempDir dir;
  const std::string path = dir.path() + "/s.sqlite";
  {
    auto store = Store::Open(path);
    REQUIRE(store.ok());
    auto corpus = LoadCorpus(SourcePath("corpus"));
    REQUIRE(corpus.ok());
    REQUIRE((*store)->PutCorpus(*corpus).ok());
  }
  auto store = Store::Open(path);
  REQUIRE(store.ok());
  auto n = (*store)->CountDocuments();
  REQUIRE(n.ok());
  CHECK(*n > 20);
  SECTION("backup copies everything") {
    REQUIRE((*store)->Backup(dir.path() + "/copy.sqlite").ok());
    auto copy = Store::Open(dir.path() + "/copy.sqlite");
    REQUIRE(copy.ok());
    CHECK(*(*copy)->CountDocuments() == *n);
  }
}
