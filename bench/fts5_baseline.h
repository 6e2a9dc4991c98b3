// Baseline 2: SQLite FTS5, the usual "just use SQLite" answer. A document
// table with the texts, an external-content FTS5 table over them
// (tokenize = 'unicode61 remove_diacritics 2', no stemmer: FTS5 has none for
// French), theme and stakeholder link tables, and facet counts by GROUP BY,
// one query per facet with every filter but its own (the same multi-select
// semantics as citykb). Ranked by bm25 with titles weighted up.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "doc_texts.h"
#include "search_system.h"
#include "util/status.h"

namespace citykb::bench {

// Creates (overwriting) an SQLite database at `path` holding `docs`.
Status BuildFts5Index(const std::string& path, const std::vector<DocTexts>& docs);

class Fts5Searcher : public SearchSystem {
 public:
  static Result<std::unique_ptr<Fts5Searcher>> Open(const std::string& path);
  ~Fts5Searcher() override;
  const char* name() const override { return "fts5"; }
  Result<BenchAnswer> Search(const BenchQuery& query) override;
  int64_t DocumentCount() const;

 private:
  class Impl;
  explicit Fts5Searcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace citykb::bench
