// Baseline 1: raw Xapian, written from Xapian's documentation (simplesearch,
// facets.rst) with citykb's document layout: the same folded texts and term
// prefixes, positions, French and English stems, boolean filter terms and
// facet value slots, a display record per document. Search does the same
// facet work as citykb: stock ValueCountMatchSpy with exact counts
// (check_at_least = doccount), one extra pass per facet with a selection.
// No synonyms, spelling, snippets or labels.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "doc_texts.h"
#include "search_system.h"
#include "util/status.h"

namespace citykb::bench {

// Creates (overwriting) a Xapian database at `dir` holding `docs`.
Status BuildXapianIndex(const std::string& dir, const std::vector<DocTexts>& docs);

class XapianSearcher : public SearchSystem {
 public:
  static Result<std::unique_ptr<XapianSearcher>> Open(const std::string& dir);
  ~XapianSearcher() override;
  const char* name() const override { return "xapian"; }
  Result<BenchAnswer> Search(const BenchQuery& query) override;
  int64_t DocumentCount() const;

 private:
  class Impl;
  explicit XapianSearcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace citykb::bench
