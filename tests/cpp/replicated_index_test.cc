// Read replicas whose index is kept by xapian-replicate: the index is a
// stub directory naming its live copy; a full copy switches the stub to a
// new copy and removes the old one. Simulated here with file copies of a
// writer's index: searches go on across the switch, and hits (and title
// suggestions) whose record the replica's store does not hold are dropped.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "replica/batch.h"
#include "test_support.h"

using namespace citykb;
using citykb::testing::OpenWithCorpus;
using citykb::testing::ReadSource;
using citykb::testing::TempDir;
namespace fs = std::filesystem;

namespace {

// Copies the writer's index into `stub_dir`/`copy` and points the stub at
// it, removing the previous copy, as xapian-replicate's full copy does.
void FullCopy(const std::string& writer_index, const std::string& stub_dir, const std::string& copy,
              const std::string& previous) {
  fs::create_directories(stub_dir);
  fs::copy(writer_index, stub_dir + "/" + copy, fs::copy_options::recursive);
  std::ofstream(stub_dir + "/XAPIANDB.tmp") << "auto " << copy << "\n";
  fs::rename(stub_dir + "/XAPIANDB.tmp", stub_dir + "/XAPIANDB");
  if (!previous.empty()) fs::remove_all(stub_dir + "/" + previous);
}

// A writer with the shipped corpus and a replicated copy of its index,
// opened read-only and searched once (its facet columns loaded).
struct ReplicatedCopy {
  TempDir w, r;
  std::unique_ptr<KnowledgeBase> writer = OpenWithCorpus(w.path());
  std::string stub = r.path() + "/xapian";
  std::unique_ptr<Index> index;
  IndexQuery everything;
  Result<IndexMatches> first = Status::Internal("not searched");

  ReplicatedCopy() {
    FullCopy(w.path() + "/xapian", stub, "replica_0", "");
    auto opened = Index::Open(stub, false);
    REQUIRE(opened.ok());
    index = std::move(*opened);
    first = index->Search(everything);
    REQUIRE(first.ok());
  }
};

int64_t Total(const KnowledgeBase& kb, const std::string& q) {
  SearchRequest request;
  request.q = q;
  auto result = kb.search().Search(request);
  REQUIRE(result.ok());
  return result->total;
}

// The record titles suggested for `typed`.
int Titles(const KnowledgeBase& kb, const std::string& typed) {
  auto suggestions = kb.search().Suggest(typed, Lang::kFr, 8);
  REQUIRE(suggestions.ok());
  return static_cast<int>(
      std::count_if(suggestions->begin(), suggestions->end(), [](const Suggestion& s) { return s.type == "title"; }));
}

}  // namespace

TEST_CASE("An index replaced by a full copy is opened again and searched without error", "[replica]") {
  ReplicatedCopy copy;
  auto& [w, r, writer, stub, index, everything, before] = copy;
  const auto revision = index->Revision();
  REQUIRE(revision.ok());

  REQUIRE(writer->PutBundle(ReadSource("tests/fixtures/bundles/valid-testville.json")).ok());
  FullCopy(w.path() + "/xapian", stub, "replica_1", "replica_0");
  // The pooled reader's copy is gone: it is opened afresh on the new one
  // (reopen() throws DatabaseNotFoundError), on the first call.
  auto seq = index->LastSeq();
  REQUIRE(seq.ok());
  CHECK(*seq == *writer->store().LastSeq());
  auto after = index->Search(everything);
  REQUIRE(after.ok());
  CHECK(after->total > before->total);
  CHECK(*index->Revision() != *revision);
  // Facet columns follow the new copy.
  CHECK(after->facets["city"].count("testville") == 1);
}

TEST_CASE("A replicated index moved a revision forward derives its facet columns from the touched log", "[replica]") {
  ReplicatedCopy copy;
  auto& [w, r, writer, stub, index, everything, first] = copy;

  REQUIRE(writer->PutBundle(ReadSource("tests/fixtures/bundles/valid-testville.json")).ok());
  // The new revision written over the live copy, as xapian-replicate
  // applies a changeset (the metadata, touched log included, comes along).
  fs::copy(w.path() + "/xapian", stub + "/replica_0",
           fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  auto after = index->Search(everything);
  REQUIRE(after.ok());
  CHECK(index->FacetColumnLoads().whole == 1);
  CHECK(index->FacetColumnLoads().derived == 1);
  auto expected = writer->index().Search(everything);
  REQUIRE(expected.ok());
  CHECK(after->total == expected->total);
  CHECK(after->facets == expected->facets);
}

TEST_CASE("A replica on a replicated index drops hits its store lacks, and batches leave the index alone",
          "[replica]") {
  TempDir w, r;
  auto writer = OpenWithCorpus(w.path());
  REQUIRE(writer->PutBundle(ReadSource("tests/fixtures/bundles/valid-testville.json")).ok());
  FullCopy(w.path() + "/xapian", r.path() + "/xapian", "replica_0", "");
  KnowledgeBaseOptions options;
  options.data_dir = r.path();
  options.index_dir = r.path() + "/xapian";
  options.replicated_index = true;
  auto replica = KnowledgeBase::Open(options);
  REQUIRE(replica.ok());

  // The index holds every record, the store none yet: no hit is shown.
  SearchRequest request;
  request.per_page = 100;
  auto empty_store = (*replica)->search().Search(request);
  REQUIRE(empty_store.ok());
  CHECK(empty_store->total > 0);
  CHECK(empty_store->hits.empty());
  CHECK(Titles(**replica, "mobilit") == 0);

  // The store follows; the index (read-only) is not touched.
  const std::string revision = *(*replica)->index().Revision();
  const int64_t last = *writer->store().LastSeq();
  auto exported = ExportBatch(writer->store(), 0, last, {});
  REQUIRE(exported.ok());
  auto batch = ParseBatch(nlohmann::json::parse(exported->dump()));
  REQUIRE(batch.ok());
  auto applied = (*replica)->ApplyReplicated(*batch);
  REQUIRE(applied.ok());
  CHECK(applied->seq == last);
  CHECK(*(*replica)->index().Revision() == revision);
  auto full = (*replica)->search().Search(request);
  REQUIRE(full.ok());
  CHECK(static_cast<int64_t>(full->hits.size()) == std::min<int64_t>(100, full->total));
  CHECK(Total(**replica, "") == Total(*writer, ""));
  CHECK(Titles(**replica, "mobilit") > 0);
}
