// The search service: a SearchRequest in, a SearchResult out. Runs the
// index search, labels facets, builds highlighted snippets and
// explanations. Knows nothing of HTTP or JSON. Thread-safe.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "index/index.h"
#include "model/model.h"
#include "search/catalog.h"
#include "search/compute_gate.h"
#include "search/highlight.h"
#include "search/result_cache.h"
#include "util/status.h"

namespace citykb {

class Store;

enum class FacetSort { kCount, kAlpha, kTaxonomy };

struct SearchRequest {
  std::string q;                                            // free text; empty = everything
  std::map<std::string, std::vector<std::string>> filters;  // city, theme, stakeholder, kind
  Lang lang = Lang::kFr;                                    // language of titles and snippets
  SortOrder sort = SortOrder::kRelevance;
  FacetSort facet_sort = FacetSort::kCount;
  int page = 1;       // 1-based
  int per_page = 10;  // 1..100
  bool explain = false;
  bool synonyms = true;
  bool spelling = true;  // false: search the words as typed (no correction)
  size_t snippet_words = 32;
};

struct FacetValue {
  std::string value;
  std::string label;
  int64_t count = 0;
  bool selected = false;
};

struct SearchHit {
  std::string id;
  std::string kind;
  std::optional<CityRef> city;
  std::string title;    // in the requested language
  std::string snippet;  // HTML: escaped text, matches in <mark>
  std::vector<std::string> themes;
  std::vector<std::string> stakeholders;
  std::optional<PersonRef> person;
  std::optional<SourceRef> source;  // the first of `sources`
  std::vector<SourceRef> sources;
  std::string as_of;  // when the facts hold
  std::string date;   // milestones
  std::string updated_at;
  double score = 0;
  std::vector<WordMatch> explain;  // filled when asked
};

struct SearchResult {
  std::string query;
  int64_t total = 0;
  int page = 1;
  int per_page = 10;
  std::vector<SearchHit> hits;
  std::vector<std::pair<std::string, std::vector<FacetValue>>> facets;  // in FacetNames() order
  std::optional<std::string> suggestion;
  std::vector<std::string> expanded;
  bool relaxed = false;
  double took_ms = 0;
};

// A full record for the document page.
struct DocumentView {
  Document document;
  std::optional<CityRef> city;
  std::optional<Person> person;
  std::optional<Source> source;  // the first of `sources`
  std::vector<Source> sources;
};

struct Suggestion {
  std::string text;
  std::string type;  // word, title, person, city
  std::string id;
};

class SearchService {
 public:
  // `catalogs`: the labels, reloaded by its owner after every write.
  // `cache_entries`: how many searches, and how many suggestion lists, to
  // keep for repeated requests (0 = none). `stored_hits_only`: drop hits
  // whose record the store does not hold (a replica whose index is
  // replicated ahead of its store; search/stored_hits.h).
  SearchService(const Store& store, const Index& index, const CatalogHolder& catalogs, size_t cache_entries = 0,
                bool stored_hits_only = false);

  // The current catalog (labels, taxonomy, cities, sources).
  std::shared_ptr<const Catalog> catalog() const { return catalogs_.catalog(); }

  Result<SearchResult> Search(const SearchRequest& request) const;
  // Names the state of the data answers are computed from (the index
  // revision and the catalog generation): it changes with every write.
  Result<std::string> DataVersion() const;
  Result<DocumentView> GetDocument(const std::string& id) const;
  // Related records, from other cities unless `same_city`.
  Result<SearchResult> Similar(const std::string& id, bool same_city, Lang lang, int limit) const;
  Result<std::vector<Suggestion>> Suggest(const std::string& typed, Lang lang, int limit) const;

 private:
  using CatalogState = CatalogHolder::Current;
  // The start of a cache key: the index revision and catalog an answer is
  // computed from; empty when the revision cannot be read (no caching).
  std::string DataKey(const CatalogState& state) const;
  // The search and the suggestions themselves, without the caches.
  Result<SearchResult> Compute(const SearchRequest& request, const Catalog& catalog) const;
  Result<std::vector<Suggestion>> ComputeSuggest(const std::string& typed, Lang lang, int limit,
                                                 const Catalog& catalog) const;

  // The hits whose record the store does not hold, when asked to drop them
  // (none otherwise).
  Result<std::set<std::string>> NotStored(const std::vector<IndexHit>& hits) const;

  const Store& store_;
  const Index& index_;
  const CatalogHolder& catalogs_;
  const bool stored_hits_only_;
  mutable ResultCache<SearchResult> cache_;
  mutable ResultCache<std::vector<Suggestion>> suggest_cache_;
  mutable ComputeGate gate_;  // searches computed at once: one per core, the others queue
};

}  // namespace citykb
