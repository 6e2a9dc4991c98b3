// Read replicas: a replication batch exported by a writer, applied to an
// empty replica, gives the same records, the writer's sequence, and is
// idempotent; a deleted city named by the replica is removed.
#include <catch2/catch.hpp>

#include "model/model_json.h"
#include "replica/batch.h"
#include "test_support.h"

using namespace citykb;
using citykb::testing::OpenWithCorpus;
using citykb::testing::ReadSource;
using citykb::testing::TempDir;

namespace {

// Brings `replica` up to `writer` in batches of at most `span` entries, as
// the follower does (without HTTP).
void Follow(KnowledgeBase& writer, KnowledgeBase& replica, int64_t span) {
  for (;;) {
    const int64_t since = *replica.store().LastSeq();
    auto changes = writer.store().ChangesSince(since, static_cast<int>(span));
    REQUIRE(changes.ok());
    if (changes->empty()) return;
    auto owners = OwnersOfDeleted(replica.store(), *changes);
    REQUIRE(owners.ok());
    auto exported = ExportBatch(writer.store(), since, changes->back().seq, *owners);
    REQUIRE(exported.ok());
    auto batch = ParseBatch(nlohmann::json::parse(exported->dump()));
    REQUIRE(batch.ok());
    REQUIRE(replica.ApplyReplicated(*batch).ok());
    // Applying the same batch again changes nothing.
    REQUIRE(replica.ApplyReplicated(*batch).ok());
  }
}

std::string Dump(KnowledgeBase& kb) {
  nlohmann::json out = nlohmann::json::array();
  auto docs = kb.store().ListDocuments();
  REQUIRE(docs.ok());
  for (const auto& d : *docs) out.push_back(nlohmann::json(d));
  auto cities = kb.store().ListCities();
  REQUIRE(cities.ok());
  for (const auto& c : *cities) {
    auto city = kb.store().GetCity(c.city.slug);
    REQUIRE(city.ok());
    REQUIRE(*city);
    out.push_back(nlohmann::json(**city));
  }
  return out.dump();
}

}  // namespace

TEST_CASE("A replica following a writer in batches holds the same records at the same sequence", "[replica]") {
  TempDir w, r;
  auto writer = OpenWithCorpus(w.path());
  REQUIRE(writer->PutBundle(ReadSource("tests/fixtures/bundles/valid-testville.json")).ok());
  KnowledgeBaseOptions options;
  options.data_dir = r.path();
  auto replica = KnowledgeBase::Open(options);
  REQUIRE(replica.ok());
  Follow(*writer, **replica, 100);
  CHECK(*(*replica)->store().LastSeq() == *writer->store().LastSeq());
  CHECK(*(*replica)->index().LastSeq() == *writer->store().LastSeq());
  CHECK(Dump(**replica) == Dump(*writer));

  // A deleted city and a bundle that drops documents reach the replica.
  auto testville = writer->store().GetBundle("testville");
  REQUIRE(testville.ok());
  REQUIRE(*testville);
  REQUIRE(writer->DeleteCity("testville").ok());
  Follow(*writer, **replica, 100);
  CHECK(!*(*replica)->store().GetCity("testville"));
  CHECK(Dump(**replica) == Dump(*writer));
  CHECK((*replica)->index().DocumentCount().value() == writer->index().DocumentCount().value());
}

TEST_CASE("Malformed replication batches are refused", "[replica]") {
  CHECK(!ParseBatch(nlohmann::json::object()).ok());
  CHECK(!ParseBatch(nlohmann::json::parse(R"({"since": 5, "changes": [{"seq": 3, "at": "", "entity": "city",
    "id": "x", "op": "upsert"}]})"))
             .ok());
}
