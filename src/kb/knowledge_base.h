// The knowledge base, citykb's composition root: the store, the index, the
// catalog and the services over them, built by main (or a test) on one data
// directory. The HTTP layer reaches the data through its services and
// methods only. Owns the write path:
// validate -> store transaction with change log -> index catch-up -> catalog
// refresh, so that a write is searchable when it returns. Thread-safe;
// writes are serialised.
#pragma once

#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "index/index.h"
#include "replica/batch.h"
#include "search/catalog.h"
#include "search/city_service.h"
#include "search/compare_service.h"
#include "search/provenance_service.h"
#include "search/search_service.h"
#include "store/store.h"
#include "util/status.h"

namespace citykb {

struct KnowledgeBaseOptions {
  std::string data_dir = "index";   // holds citykb.sqlite and xapian/
  bool read_only_index = false;     // open the index for searching only
  size_t search_cache_entries = 0;  // search results kept for repeated searches (0 = none)
  // The index is a copy kept by xapian-replicate (docs/cluster.md): opened
  // read-only in `index_dir`, never written here; searches drop hits whose
  // record the store does not hold yet.
  bool replicated_index = false;
  std::string index_dir;        // the index's directory (default: data_dir/xapian)
  int index_build_threads = 2;  // threads that build the index's documents (1 or 2, Index::SetBuildThreads)
};

// The state /api/health reports.
struct HealthReport {
  int64_t documents = 0;  // in the index
  int64_t index_seq = 0;  // the last change-log sequence the index applied
  int64_t store_seq = 0;  // the store's last change-log sequence
};

// A page of the change log.
struct ChangesPage {
  std::vector<Change> changes;  // after `since`, in order
  int64_t last_seq = 0;         // the store's last sequence
};

// What a write reports.
struct WriteReceipt {
  int64_t seq = 0;   // change-log sequence reached (and applied to the index)
  std::string slug;  // the city written
  int documents = 0;
  int people = 0;
};

class KnowledgeBase {
 public:
  // Opens the store and the index in `options.data_dir` (created when absent)
  // and brings the index up to date with the store's change log.
  static Result<std::unique_ptr<KnowledgeBase>> Open(const KnowledgeBaseOptions& options,
                                                     const ProgressFn& progress = nullptr);

  // The store and the index themselves, for the command-line tools, the
  // benchmarks and the tests; the HTTP layer uses what follows.
  Store& store() { return *store_; }
  Index& index() { return *index_; }

  // The current catalog: taxonomy, cities, sources, indicator definitions.
  std::shared_ptr<const Catalog> catalog() const { return catalogs_.catalog(); }
  const SearchService& search() const { return *search_; }
  const CompareService& compare() const { return *compare_; }
  const ProvenanceService& provenance() const { return *provenance_; }
  const CityService& cities() const { return *cities_; }

  // Documents indexed and how far the index and the store are in the change log.
  Result<HealthReport> Health() const;
  // At most `limit` change-log entries after `since`.
  Result<ChangesPage> Changes(int64_t since, int limit) const;
  // The writer's side of replication: the content that changed in
  // (since, through], plus the given cities whole (replica/batch.h).
  Result<nlohmann::json> ExportBatch(int64_t since, int64_t through, const std::set<std::string>& cities) const;

  // True when the store holds no document yet.
  Result<bool> Empty() const;
  // Validates the whole corpus under `dir`, then stores and indexes it.
  Result<WriteReceipt> IngestCorpus(const std::string& dir, const ProgressFn& progress = nullptr);
  // Validates a city bundle (JSON text) against the stored taxonomy and sources.
  Result<Bundle> ValidateBundle(std::string_view json_text) const;
  // Validates then creates or replaces a city bundle.
  Result<WriteReceipt> PutBundle(std::string_view json_text);
  // Removes a city and its records.
  Result<WriteReceipt> DeleteCity(const std::string& slug);
  // Read replicas: applies a batch of the writer's changes to the store,
  // then to the index (unless the index is replicated), then refreshes the
  // catalog (the write path, without validation: the writer validated).
  Result<WriteReceipt> ApplyReplicated(const ReplicatedBatch& batch);
  // Rebuilds the index from the store.
  Result<int64_t> Reindex(const ProgressFn& progress = nullptr);

 private:
  KnowledgeBase() = default;
  Result<WriteReceipt> AfterWrite(const Result<int64_t>& seq, WriteReceipt receipt);

  std::unique_ptr<Store> store_;
  std::unique_ptr<Index> index_;
  CatalogHolder catalogs_;
  std::unique_ptr<SearchService> search_;
  std::unique_ptr<CompareService> compare_;
  std::unique_ptr<ProvenanceService> provenance_;
  std::unique_ptr<CityService> cities_;
  std::mutex write_mu_;
  bool replicated_index_ = false;
};

}  // namespace citykb
