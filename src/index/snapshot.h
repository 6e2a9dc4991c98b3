// What searches derive from one revision of the index, built once per
// revision and shared by every search on it: the synonym table and the
// facet columns (each document's facet values as small integers, so that
// counting facets reads an array instead of Xapian's value streams).
// Private to src/index/.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "index/index_impl.h"

namespace citykb {

// One facet slot held in memory: the value combination of every document.
struct FacetColumn {
  Xapian::valueno slot = 0;
  std::vector<std::string> combos = {std::string()};  // combination 0 = no value
  std::vector<uint32_t> combo_of;                     // docid -> combination

  // Reads the slot's value stream.
  static FacetColumn Load(const Xapian::Database& db, Xapian::valueno slot);
  uint32_t Of(Xapian::docid id) const { return id < combo_of.size() ? combo_of[id] : 0; }
};

// Counts, for the documents the matcher visits, how many hold each value
// combination of one facet column: what Xapian's ValueCountMatchSpy counts,
// read from memory.
class FacetCountSpy : public Xapian::MatchSpy {
 public:
  explicit FacetCountSpy(const FacetColumn& column) : column_(column), counts_(column.combos.size(), 0) {}
  void operator()(const Xapian::Document& doc, double) override { ++counts_[column_.Of(doc.get_docid())]; }
  // Calls fn(combination, count) for every combination seen, except "no value".
  template <typename Fn>
  void ForEach(Fn&& fn) const {
    for (size_t i = 1; i < counts_.size(); ++i)
      if (counts_[i] > 0) fn(column_.combos[i], counts_[i]);
  }

 private:
  const FacetColumn& column_;
  std::vector<int64_t> counts_;
};

struct Snapshot {
  std::string uuid;  // a database overwritten by a rebuild gets another
  Xapian::rev revision = 0;
  SynonymTable synonyms;
  std::vector<FacetColumn> facets;  // in the order of the slots asked for

  const FacetColumn* Column(Xapian::valueno slot) const;
};

// Keeps the snapshot of the newest revision seen.
class SnapshotCache {
 public:
  explicit SnapshotCache(std::vector<Xapian::valueno> facet_slots) : slots_(std::move(facet_slots)) {}
  // The snapshot for `db`'s revision. A database behind the newest revision
  // seen is reopened first, so that searches only move forward.
  std::shared_ptr<const Snapshot> For(Xapian::Database& db);

 private:
  std::vector<Xapian::valueno> slots_;
  std::mutex mu_;
  std::shared_ptr<const Snapshot> current_;
};

}  // namespace citykb
