// The full-text index: a Xapian database derived from the store. One
// writer (the process that opened it writable) applies the store's change
// log in order and records the last sequence applied, committed with the
// documents; any number of threads may search at the same time, each on its
// own reader. Can always be rebuilt from the store.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "index/display_record.h"
#include "model/facet.h"
#include "model/model.h"
#include "util/status.h"

namespace citykb {

class Store;

// Called with (done, total) during long work.
using ProgressFn = std::function<void(int64_t done, int64_t total)>;

// kDate: when the facts hold (milestone date or as_of), newest first; kUpdated:
// when the record last changed in citykb.
enum class SortOrder { kRelevance, kUpdated, kCity, kDate };

// A search as the index understands it (already validated).
struct IndexQuery {
  std::string text;                                         // user syntax; empty = everything
  std::map<std::string, std::vector<std::string>> filters;  // facet -> values (OR-ed)
  SortOrder sort = SortOrder::kRelevance;
  int offset = 0;
  int limit = 10;
  bool synonyms = true;    // expand with the synonym groups
  bool spelling = true;    // also search the spelling correction of unknown words (false: only suggest it)
  bool facets = true;      // count facets
  std::string exclude_id;  // leave this document out
};

// The query's words as they can be found in a text, for highlighting and
// explanations: folded words, French and English stems, prefixes (word*).
struct QueryTerms {
  std::set<std::string> exact;
  std::set<std::string> stems_fr;
  std::set<std::string> stems_en;
  std::vector<std::string> prefixes;
  // Folded query word or synonym expression -> how it entered the query
  // ("query" or "synonym").
  std::map<std::string, std::string> origin;
};

struct IndexHit {
  double score = 0;      // relevance in percent (0-100)
  DisplayRecord record;  // stored with the document
};

struct IndexMatches {
  int64_t total = 0;  // exact number of matching documents
  std::vector<IndexHit> hits;
  std::map<std::string, std::map<std::string, int64_t>> facets;  // facet -> value -> count
  QueryTerms terms;
  std::vector<std::string> expanded;  // synonym expressions added
  std::string corrected;              // spelling-corrected query (folded), or empty
  bool relaxed = false;               // no document had every word: any word matched
};

// One cell of a city x facet matrix.
struct MatrixCell {
  int64_t count = 0;          // exact
  std::vector<IndexHit> top;  // the best-ranked documents of the cell
};

// A city x facet matrix: counts from one stock ValueCountMatchSpy pass over
// a slot holding city and facet values together.
struct IndexMatrix {
  std::map<std::string, std::map<std::string, MatrixCell>> cells;  // city -> row value -> cell
  int64_t total = 0;                                               // documents matching the query and filters
  QueryTerms terms;
  std::vector<std::string> expanded;
};

// How the facet columns searches read were obtained: loaded whole from the
// index, or derived from the previous revision's by reading only the
// documents its commits changed.
struct SnapshotLoads {
  int64_t whole = 0;
  int64_t derived = 0;
};

// One as-you-type completion.
struct Completion {
  std::string text;         // as it should be shown: a word (accents restored) or a record's title
  std::string type;         // "word" or "title"
  std::string id;           // for a title: the record's id
  std::string person_id;    // for a title: the record's person (empty when none)
  std::string person_name;  // and that person's name
  int64_t weight = 0;
};

class Index {
 public:
  // Opens the index in `dir` (created when absent). Only a writable index
  // can apply changes; a second writer gets kUnavailable.
  static Result<std::unique_ptr<Index>> Open(const std::string& dir, bool writable);
  ~Index();
  Index(const Index&) = delete;
  Index& operator=(const Index&) = delete;

  // Applies every change-log entry after LastSeq(), in order, and commits
  // with the new sequence. Returns the sequence reached. Serialised.
  Result<int64_t> CatchUp(const Store& store, const ProgressFn& progress = nullptr);
  // Re-creates the index from the store's current content.
  Result<int64_t> Rebuild(const Store& store, const ProgressFn& progress = nullptr);
  // How many threads CatchUp uses (1 or 2, the default): with 2, the next
  // batch of documents is read and built while this one is written.
  void SetBuildThreads(int threads);

  // Names the newest committed state of the index: it changes with every
  // commit (and when the index is rebuilt). Cheap.
  Result<std::string> Revision() const;
  // The last change-log sequence the index has applied (and committed).
  // Thread-safe, also while CatchUp runs.
  Result<int64_t> LastSeq() const;
  Result<int64_t> DocumentCount() const;
  // Every document id in the index.
  Result<std::vector<std::string>> DocumentIds() const;
  // The display record of one document, or kNotFound.
  Result<DisplayRecord> GetDisplayRecord(const std::string& id) const;

  // Runs a search. Thread-safe. A query the parser cannot read is
  // searched as plain words.
  Result<IndexMatches> Search(const IndexQuery& query) const;
  // How the facet columns were obtained so far (see SnapshotLoads).
  SnapshotLoads FacetColumnLoads() const;
  // Counts the documents matching `query` (its text and filters) in every
  // city x `rows` cell (rows: "theme", "stakeholder" or "kind") and keeps
  // the `top_per_cell` best of each cell, taken from the first `scan`
  // ranked matches. Counts are exact whatever `scan` is.
  Result<IndexMatrix> Matrix(const IndexQuery& query, const std::string& rows, int top_per_cell, int scan = 2000) const;
  // Documents like `id` (by its most significant terms). kNotFound if absent.
  Result<IndexMatches> Similar(const std::string& id, bool same_city, int limit) const;
  // Completions for what is being typed, from the texts in `lang`.
  Result<std::vector<Completion>> Suggest(const std::string& typed, Lang lang, int limit) const;

 private:
  class Impl;
  explicit Index(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace citykb
