// What searches derive from one revision of the index, built once per
// revision and shared by every search on it: the synonym table, the
// facet columns (each document's facet values as small integers, so that
// counting facets reads an array instead of Xapian's value streams) and
// the most frequent words of short prefixes (filled by completions).
// Private to src/index/.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "index/completions.h"
#include "index/index_impl.h"

namespace citykb {

// One facet slot held in memory: the value combination of every document.
struct FacetColumn {
  Xapian::valueno slot = 0;
  bool multi = false;                                 // values joined by the separator
  std::vector<std::string> combos = {std::string()};  // combination 0 = no value
  std::vector<uint32_t> combo_of;                     // docid -> combination
  // The values each combination holds (split at the separator when
  // `multi`), as indexes into `values`.
  std::vector<std::string> values;
  std::vector<std::vector<uint32_t>> combo_values = {{}};

  // Reads the slot's value stream.
  static FacetColumn Load(const Xapian::Database& db, Xapian::valueno slot, bool multi);
  // Sets document `id`'s combination (empty: none), growing the column.
  void Assign(Xapian::docid id, const std::string& combo);
  uint32_t Of(Xapian::docid id) const { return id < combo_of.size() ? combo_of[id] : 0; }

 private:
  uint32_t ComboId(const std::string& combo);
  uint32_t ValueId(const std::string& value);
  std::unordered_map<std::string, uint32_t> combo_ids_, value_ids_;
};

// Counts, for the documents the matcher visits, how many hold each value
// combination of some facet columns (what Xapian's ValueCountMatchSpy
// counts, read from memory), then each value. One spy for all the columns
// of a pass: the matcher calls it once per document.
class FacetCountSpy : public Xapian::MatchSpy {
 public:
  explicit FacetCountSpy(std::vector<const FacetColumn*> columns) : columns_(std::move(columns)) {
    for (const FacetColumn* c : columns_) counts_.emplace_back(c->combos.size(), 0);
  }
  void operator()(const Xapian::Document& doc, double) override {
    const Xapian::docid id = doc.get_docid();
    for (size_t k = 0; k < columns_.size(); ++k) ++counts_[k][columns_[k]->Of(id)];
  }
  // Calls fn(value, count) for every value of column `k` seen.
  template <typename Fn>
  void ForEachValue(size_t k, Fn&& fn) const {
    ForEachValueOf(*columns_[k], counts_[k], fn);
  }
  // Calls fn(value, count) for every value of `column`, given how many
  // documents hold each of its combinations (values counted 0 left out).
  template <typename Fn>
  static void ForEachValueOf(const FacetColumn& column, const std::vector<int64_t>& per_combo, Fn&& fn) {
    std::vector<int64_t> per_value(column.values.size(), 0);
    for (size_t i = 1; i < per_combo.size(); ++i)
      if (per_combo[i] > 0)
        for (uint32_t v : column.combo_values[i]) per_value[v] += per_combo[i];
    for (size_t v = 0; v < per_value.size(); ++v)
      if (per_value[v] > 0) fn(column.values[v], per_value[v]);
  }

 private:
  std::vector<const FacetColumn*> columns_;
  std::vector<std::vector<int64_t>> counts_;
};

struct Snapshot {
  std::string uuid;  // a database overwritten by a rebuild gets another
  Xapian::rev revision = 0;
  std::string synonyms_json;  // as stored, to skip parsing it again
  SynonymTable synonyms;
  std::vector<FacetColumn> facets;  // in the order of the slots asked for
  // The most frequent words of short prefixes, filled as completions ask
  // for them. Never carried to another revision: the frequencies change.
  std::shared_ptr<PrefixTable> prefix_words = std::make_shared<PrefixTable>();

  const FacetColumn* Column(Xapian::valueno slot) const;
};

// Keeps the snapshot of the newest revision seen. A newer revision is
// derived from the current snapshot when the index recorded which
// documents its commits changed (touched_log.h): only those documents are
// read, so a small write costs O(changed), not O(documents).
class SnapshotCache {
 public:
  // The facet slots to hold, each with whether it is multi-valued.
  explicit SnapshotCache(std::vector<std::pair<Xapian::valueno, bool>> facet_slots) : slots_(std::move(facet_slots)) {}
  // The snapshot for `db`'s revision. A database behind the newest revision
  // seen is reopened first, so that searches only move forward.
  std::shared_ptr<const Snapshot> For(Xapian::Database& db);
  // How many snapshots were loaded whole and how many derived.
  SnapshotLoads Loads() const;

 private:
  std::shared_ptr<Snapshot> LoadWhole(const Xapian::Database& db) const;
  std::shared_ptr<Snapshot> Advance(const Snapshot& from, const Xapian::Database& db,
                                    const std::vector<Xapian::docid>& changed) const;

  std::vector<std::pair<Xapian::valueno, bool>> slots_;
  mutable std::mutex mu_;
  std::shared_ptr<const Snapshot> current_;
  SnapshotLoads loads_;
};

}  // namespace citykb
