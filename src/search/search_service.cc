#include "search/search_service.h"

#include <algorithm>
#include <chrono>

#include "search/hit_builder.h"
#include "search/stored_hits.h"
#include "store/store.h"
#include "util/clock.h"
#include "text/text_analysis.h"

namespace citykb {

namespace {

void SortFacet(std::vector<FacetValue>& values, FacetSort sort, const Catalog& catalog, const std::string& facet) {
  auto by_label = [](const FacetValue& a, const FacetValue& b) { return CompareFrench(a.label, b.label) < 0; };
  switch (sort) {
    case FacetSort::kCount:
      std::stable_sort(values.begin(), values.end(), [&](const FacetValue& a, const FacetValue& b) {
        if (a.count != b.count) return a.count > b.count;
        return by_label(a, b);
      });
      break;
    case FacetSort::kAlpha:
      std::stable_sort(values.begin(), values.end(), by_label);
      break;
    case FacetSort::kTaxonomy:
      std::stable_sort(values.begin(), values.end(), [&](const FacetValue& a, const FacetValue& b) {
        return catalog.Order(facet, a.value) < catalog.Order(facet, b.value);
      });
      break;
  }
}

// True when a word of `name` starts with `prefix` (folded).
bool PersonMatches(const std::string& name, const std::string& prefix) {
  if (prefix.empty()) return false;
  for (const Word& w : SplitWords(name))
    if (w.key.rfind(prefix, 0) == 0) return true;
  return false;
}

// Appends a field to a cache key, length first so that no text can
// imitate another field.
void KeyField(std::string& key, std::string_view field) {
  key += std::to_string(field.size());
  key += ':';
  key += field;
}

// Everything a search result depends on besides the data.
std::string RequestKey(const SearchRequest& r) {
  std::string key;
  KeyField(key, r.q);
  for (const auto& [facet, values] : r.filters) {
    if (values.empty()) continue;
    KeyField(key, facet);
    key += std::to_string(values.size());
    for (const auto& v : values) KeyField(key, v);
  }
  key += '|' + std::string(LangCode(r.lang));
  key += '|' + std::to_string(static_cast<int>(r.sort)) + '|' + std::to_string(static_cast<int>(r.facet_sort));
  key += '|' + std::to_string(r.page) + '|' + std::to_string(r.per_page);
  key += '|' + std::to_string(r.explain) + std::to_string(r.synonyms) + std::to_string(r.spelling) + '|' +
         std::to_string(r.snippet_words);
  return key;
}

}  // namespace

SearchService::SearchService(const Store& store, const Index& index, const CatalogHolder& catalogs,
                             size_t cache_entries, bool stored_hits_only)
    : store_(store),
      index_(index),
      catalogs_(catalogs),
      stored_hits_only_(stored_hits_only),
      cache_(cache_entries),
      suggest_cache_(cache_entries) {}

Result<std::set<std::string>> SearchService::NotStored(const std::vector<IndexHit>& hits) const {
  if (!stored_hits_only_ || hits.empty()) return std::set<std::string>();
  std::vector<std::string> ids;
  ids.reserve(hits.size());
  for (const auto& h : hits) ids.push_back(h.record.doc.id);
  return MissingFromStore(store_, ids);
}

std::string SearchService::DataKey(const CatalogState& state) const {
  auto revision = index_.Revision();
  if (!revision.ok()) return {};
  return *revision + '|' + std::to_string(state.generation) + '|';
}

Result<std::string> SearchService::DataVersion() const {
  std::string key = DataKey(catalogs_.Get());
  if (key.empty()) return Status::Unavailable("the index revision cannot be read");
  return key;
}

Result<SearchResult> SearchService::Search(const SearchRequest& request) const {
  const auto start = std::chrono::steady_clock::now();
  const CatalogState state = catalogs_.Get();
  // Repeated searches on unchanged data are answered from the cache.
  std::string key;
  if (cache_.enabled()) {
    key = DataKey(state);
    if (!key.empty()) {
      key += RequestKey(request);
      if (auto cached = cache_.Get(key)) {
        SearchResult out = *cached;
        out.took_ms = MillisSince(start);
        return out;
      }
    }
  }
  Result<SearchResult> result = [&] {
    ComputeGate::Pass pass(gate_);
    return Compute(request, *state.catalog);
  }();
  if (!result.ok()) return result;
  if (!key.empty()) cache_.Put(key, std::make_shared<const SearchResult>(*result));
  result->took_ms = MillisSince(start);
  return result;
}

Result<SearchResult> SearchService::Compute(const SearchRequest& request, const Catalog& catalog) const {
  const Catalog* cat = &catalog;
  IndexQuery q;
  q.text = request.q;
  q.filters = request.filters;
  q.sort = request.sort;
  q.offset = (request.page - 1) * request.per_page;
  q.limit = request.per_page;
  q.synonyms = request.synonyms;
  q.spelling = request.spelling;
  auto matches = index_.Search(q);
  if (!matches.ok()) return matches.status();

  SearchResult out;
  out.query = request.q;
  out.total = matches->total;
  out.page = request.page;
  out.per_page = request.per_page;
  out.expanded = matches->expanded;
  out.relaxed = matches->relaxed;
  if (!matches->corrected.empty()) out.suggestion = matches->corrected;
  Highlighter highlighter(matches->terms);
  ASSIGN_OR_RETURN(const auto not_stored, NotStored(matches->hits));
  for (const auto& hit : matches->hits)
    if (!not_stored.count(hit.record.doc.id))
      out.hits.push_back(MakeHit(hit, highlighter, request.lang, request.snippet_words, request.explain));

  for (const std::string& facet : FacetNames()) {
    std::vector<FacetValue> values;
    const auto& counts = matches->facets[facet];
    const auto selected_it = request.filters.find(facet);
    const std::vector<std::string> no_selection;
    const auto& selected = selected_it == request.filters.end() ? no_selection : selected_it->second;
    for (const auto& [value, count] : counts)
      values.push_back({value, cat->Label(facet, value, request.lang), count, false});
    for (const auto& s : selected) {
      auto it = std::find_if(values.begin(), values.end(), [&](const FacetValue& v) { return v.value == s; });
      if (it == values.end())
        values.push_back({s, cat->Label(facet, s, request.lang), 0, true});
      else
        it->selected = true;
    }
    SortFacet(values, request.facet_sort, *cat, facet);
    out.facets.emplace_back(facet, std::move(values));
  }
  return out;
}

Result<DocumentView> SearchService::GetDocument(const std::string& id) const {
  auto doc = store_.GetDocument(id);
  if (!doc.ok()) return doc.status();
  if (!*doc) return Status::NotFound("no document '" + id + "'");
  DocumentView view;
  view.document = std::move(**doc);
  const auto cat = catalog();
  if (auto it = cat->cities.find(view.document.city); it != cat->cities.end())
    view.city = CityRef{it->first, it->second.name};
  if (!view.document.person.empty()) {
    auto person = store_.GetPerson(view.document.person);
    if (!person.ok()) return person.status();
    view.person = *person;
  }
  for (const auto& source : view.document.sources)
    if (auto it = cat->sources.find(source); it != cat->sources.end()) view.sources.push_back(it->second);
  if (!view.sources.empty()) view.source = view.sources.front();
  return view;
}

Result<SearchResult> SearchService::Similar(const std::string& id, bool same_city, Lang lang, int limit) const {
  const auto start = std::chrono::steady_clock::now();
  ComputeGate::Pass pass(gate_);
  auto matches = index_.Similar(id, same_city, limit);
  if (!matches.ok()) return matches.status();
  SearchRequest request;
  request.lang = lang;
  SearchResult out;
  out.total = matches->total;
  out.per_page = limit;
  QueryTerms none;
  Highlighter highlighter(none);
  ASSIGN_OR_RETURN(const auto not_stored, NotStored(matches->hits));
  for (const auto& hit : matches->hits)
    if (!not_stored.count(hit.record.doc.id))
      out.hits.push_back(MakeHit(hit, highlighter, request.lang, request.snippet_words, request.explain));
  out.took_ms = MillisSince(start);
  return out;
}

Result<std::vector<Suggestion>> SearchService::Suggest(const std::string& typed, Lang lang, int limit) const {
  const CatalogState state = catalogs_.Get();
  // What many people type (the first letters of common words) is answered
  // from the cache while the data is unchanged.
  std::string key;
  if (suggest_cache_.enabled()) {
    key = DataKey(state);
    if (!key.empty()) {
      KeyField(key, typed);
      key += '|' + std::string(LangCode(lang)) + '|' + std::to_string(limit);
      if (auto cached = suggest_cache_.Get(key)) return *cached;
    }
  }
  Result<std::vector<Suggestion>> out = [&] {
    ComputeGate::Pass pass(gate_);
    return ComputeSuggest(typed, lang, limit, *state.catalog);
  }();
  if (out.ok() && !key.empty()) suggest_cache_.Put(key, std::make_shared<const std::vector<Suggestion>>(*out));
  return out;
}

Result<std::vector<Suggestion>> SearchService::ComputeSuggest(const std::string& typed, Lang lang, int limit,
                                                              const Catalog& catalog) const {
  auto completions = index_.Suggest(typed, lang, limit);
  if (!completions.ok()) return completions.status();
  std::vector<Suggestion> out;
  const std::string folded = Fold(typed);
  // Cities and people whose name starts with what is typed come first.
  const Catalog* cat = &catalog;
  for (const auto& [slug, city] : cat->cities) {
    const std::string name = Fold(city.name);
    if (!folded.empty() && name.rfind(folded, 0) == 0) out.push_back({city.name, "city", slug});
  }
  const std::vector<Word> typed_words = SplitWords(typed);
  const std::string last_word = typed_words.empty() ? std::string() : typed_words.back().key;
  std::vector<std::string> seen;
  for (const auto& c : *completions) {
    // A title's person whose name the last word begins comes before it.
    if (c.type == "title" && !c.person_id.empty() && PersonMatches(c.person_name, last_word) &&
        std::find(seen.begin(), seen.end(), "person:" + c.person_id) == seen.end()) {
      seen.push_back("person:" + c.person_id);
      out.push_back({c.person_name, "person", c.person_id});
    }
    Suggestion s{c.text, c.type, c.id};
    if (std::find(seen.begin(), seen.end(), s.type + ":" + s.text) != seen.end()) continue;
    seen.push_back(s.type + ":" + s.text);
    out.push_back(std::move(s));
  }
  if (stored_hits_only_) {
    // A title leads to its record page: as for hits, only stored records.
    std::vector<std::string> ids;
    for (const auto& s : out)
      if (s.type == "title") ids.push_back(s.id);
    auto missing = MissingFromStore(store_, ids);
    if (!missing.ok()) return missing.status();
    std::erase_if(out, [&](const Suggestion& s) { return s.type == "title" && missing->count(s.id) > 0; });
  }
  if (static_cast<int>(out.size()) > limit) out.resize(static_cast<size_t>(limit));
  return out;
}

}  // namespace citykb
