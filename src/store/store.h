// The store: SQLite, the record of truth (cities, people, documents,
// sources, taxonomy, synonyms) plus an append-only change log that the index
// follows. Every write is one BEGIN IMMEDIATE transaction that also appends
// its change-log entries; it is durable (synchronous=FULL) when it returns.
// Thread-safe: writes are serialised on one connection, reads use a pool of
// connections and never wait for a writer (WAL).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model/model.h"
#include "util/status.h"

namespace citykb {

// One entry of the change log: something was written or removed.
struct Change {
  int64_t seq = 0;
  std::string at;  // ISO 8601 UTC time of the write
  // "document", "city", "person", "source", "taxonomy", "indicators", "synonyms"
  // ("sources": every source, in logs written before sources had their own entries)
  std::string entity;
  std::string entity_id;  // id or slug ("" for taxonomy, indicators, synonyms)
  std::string op;         // "upsert" or "delete"
};

// What a read replica applies in one transaction: the writer's change-log
// entries of a range of sequences and the current content they touch.
struct ReplicatedBatch {
  std::vector<Change> changes;  // the writer's entries, oldest first, copied verbatim
  // Taxonomy, indicator definitions, sources and synonyms (replaced when
  // they differ), then the bundles of the cities the range touched.
  Corpus content;
  std::vector<std::string> absent_cities;  // cities the writer no longer has
};

class Store {
 public:
  // Opens (creating and migrating as needed) the database at `path`.
  static Result<std::unique_ptr<Store>> Open(const std::string& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // --- Writes: each is one transaction; returns the last change-log sequence.
  // Loads a whole corpus: taxonomy, sources, synonyms, then every bundle.
  Result<int64_t> PutCorpus(const Corpus& corpus);
  // Creates or replaces a city bundle (or the cross-city bundle when the
  // city slug is empty): records the bundle no longer holds are removed.
  // Unchanged records keep their updated_at and log no change.
  Result<int64_t> PutBundle(const Bundle& bundle);
  // Removes a city with its people, documents and indicators. kNotFound if absent.
  Result<int64_t> DeleteCity(const std::string& slug);
  // Read replicas: applies a batch of the writer's changes in one
  // transaction. The store's own change log receives the writer's entries
  // (same sequences) instead of entries of its own, so LastSeq() is the
  // writer's sequence applied; entries already present are skipped, so a
  // batch applied twice (after a crash) changes nothing.
  Result<int64_t> ApplyReplicated(const ReplicatedBatch& batch);

  // --- Reads.
  Result<std::optional<Document>> GetDocument(const std::string& id) const;
  Result<std::vector<Document>> ListDocuments() const;
  Result<std::vector<Document>> ListDocumentsOfCity(const std::string& slug) const;
  // The stored documents among `ids`, in id order; ids not stored are left out.
  Result<std::vector<Document>> GetDocuments(const std::vector<std::string>& ids) const;
  // Every document id, in id order.
  Result<std::vector<std::string>> ListDocumentIds() const;
  // The ids of the documents of any of `cities` (slugs), any of `people`
  // (person ids) or citing any of `sources`, in id order. Uses the store's
  // indexes: costs what it finds.
  Result<std::vector<std::string>> DocumentIdsOf(const std::set<std::string>& cities,
                                                 const std::set<std::string>& people,
                                                 const std::set<std::string>& sources = {}) const;
  // The documents of one kind (milestone...), in city and bundle order.
  Result<std::vector<Document>> ListDocumentsOfKind(const std::string& kind) const;
  Result<std::optional<City>> GetCity(const std::string& slug) const;
  Result<std::vector<CitySummary>> ListCities() const;
  Result<std::optional<Person>> GetPerson(const std::string& id) const;
  Result<std::vector<Person>> ListPeople(const std::string& city) const;
  Result<std::vector<Source>> ListSources() const;
  Result<std::optional<Source>> GetSource(const std::string& id) const;
  // How many documents and indicator observations cite each source.
  Result<std::map<std::string, int>> SourceCitations() const;
  // The indicator observations citing a source, with their city slug.
  Result<std::vector<std::pair<std::string, Indicator>>> IndicatorsCiting(const std::string& source) const;
  Result<std::vector<IndicatorDefinition>> ListIndicatorDefinitions() const;
  // For every city, how many of its records carry each theme: city -> theme -> count.
  Result<std::map<std::string, std::map<std::string, int>>> ThemeCountsByCity() const;
  Result<Taxonomy> GetTaxonomy() const;
  Result<std::vector<SynonymGroup>> ListSynonyms() const;
  // The bundle of a city as it would be exported ("" = cross-city bundle).
  Result<std::optional<Bundle>> GetBundle(const std::string& slug) const;
  // Which city owns each document id and each person id ("" = cross-city).
  Result<std::map<std::string, std::string>> DocumentOwners() const;
  Result<std::map<std::string, std::string>> PersonOwners() const;
  // The same for the given ids only (the ids no record has are absent).
  Result<std::map<std::string, std::string>> DocumentOwners(const std::vector<std::string>& ids) const;
  Result<std::map<std::string, std::string>> PersonOwners(const std::vector<std::string>& ids) const;
  // Change-log entries with seq > `since`, oldest first, at most `limit`.
  Result<std::vector<Change>> ChangesSince(int64_t since, int limit) const;
  // The highest change-log sequence (0 when nothing was ever written).
  Result<int64_t> LastSeq() const;
  // Number of documents stored.
  Result<int64_t> CountDocuments() const;

  // Copies the database to `path` with SQLite's online backup; safe while serving.
  Status Backup(const std::string& path) const;

 private:
  class Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The current UTC time as ISO 8601 ("2026-11-25T10:00:00Z").
std::string NowIso8601();

}  // namespace citykb
