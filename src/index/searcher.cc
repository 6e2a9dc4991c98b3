// Searching the index: matching, sorting, exact multi-select facet counts
// (read from the facet columns of the revision's snapshot), similar
// documents and completions.
#include <algorithm>

#include "index/browse_counts.h"
#include "index/completions.h"
#include "index/index_impl.h"
#include "index/index_schema.h"
#include "index/snapshot.h"
#include "text/text_analysis.h"

namespace citykb {

namespace is = index_schema;

namespace {

// Completions after earlier words come from this many of the best
// documents for those words. Each costs a read of its whole term list
// (about 25 us at M, most of such a completion's time): 30, the former
// expansion set's size, offered a few more words for twice the time.
constexpr Xapian::doccount kContextDocuments = 20;

// Fewer matching documents than this: a correct word the corpus does not
// use gets a spelling suggestion too.
constexpr int64_t kFewResults = 3;

// The filter for every selected facet except `skip` (nullptr = none).
Xapian::Query FilterQuery(const IndexQuery& q, const char* skip) {
  std::vector<Xapian::Query> facets;
  for (const FacetSpec& f : kFacets) {
    if (skip && std::string(skip) == f.name) continue;
    auto it = q.filters.find(f.name);
    if (it == q.filters.end() || it->second.empty()) continue;
    std::vector<Xapian::Query> values;
    for (const auto& v : it->second) values.emplace_back(f.prefix + v);
    facets.emplace_back(Xapian::Query::OP_OR, values.begin(), values.end());
  }
  if (facets.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_AND, facets.begin(), facets.end());
}

Xapian::Query Combine(const Xapian::Query& text, const Xapian::Query& filter, const IndexQuery& q) {
  // Not Xapian::Query::MatchAll: that shared object's reference count is
  // not thread-safe. The empty term matches every document too.
  Xapian::Query out = text.empty() ? Xapian::Query(std::string()) : text;
  if (!filter.empty()) out = Xapian::Query(Xapian::Query::OP_FILTER, out, filter);
  std::vector<Xapian::Query> excluded;
  if (!q.exclude_id.empty()) excluded.emplace_back(is::kId + q.exclude_id);
  for (const auto& e : excluded) out = Xapian::Query(Xapian::Query::OP_AND_NOT, out, e);
  return out;
}

// Adds the per-value counts of a spy's column `k` to `counts`.
void AddCounts(const FacetCountSpy& spy, size_t k, std::map<std::string, int64_t>& counts) {
  spy.ForEachValue(k, [&](const std::string& value, int64_t n) { counts[value] += n; });
}

void Configure(Xapian::Enquire& enquire, SortOrder sort) {
  switch (sort) {
    case SortOrder::kRelevance:
      break;
    case SortOrder::kUpdated:
      enquire.set_sort_by_value_then_relevance(is::kSlotUpdated, true);
      break;
    case SortOrder::kDate:
      enquire.set_sort_by_value_then_relevance(is::kSlotDate, true);
      break;
    case SortOrder::kCity:
      enquire.set_sort_by_value_then_relevance(is::kSlotCitySort, false);
      break;
  }
}

IndexMatches Run(Xapian::Database& db, const Snapshot& snapshot, const IndexQuery& q, const BuiltQuery& built,
                 bool relaxed) {
  IndexMatches out;
  out.terms = built.terms;
  out.expanded = built.expanded;
  out.relaxed = relaxed;
  const Xapian::Query& text = built.query;
  const Xapian::doccount all = std::max<Xapian::doccount>(db.get_doccount(), 1);
  auto selected = [&](const FacetSpec& f) {
    auto it = q.filters.find(f.name);
    return it != q.filters.end() && !it->second.empty();
  };

  Xapian::Enquire enquire(db);
  enquire.set_query(Combine(text, FilterQuery(q, nullptr), q));
  Configure(enquire, q.sort);
  auto read_hits = [&](const Xapian::MSet& mset) {
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      IndexHit hit;
      hit.record = DecodeDisplayRecord(it.get_document().get_data());
      hit.score = it.get_percent();
      out.hits.push_back(std::move(hit));
    }
  };
  // Browsing (no words): the total and the facet counts come from the
  // columns in one scan, and the matcher only ranks the page.
  if (text.empty() && q.exclude_id.empty()) {
    if (auto counted = CountBrowse(snapshot, q.filters, db.get_doccount(), q.facets)) {
      read_hits(enquire.get_mset(static_cast<Xapian::doccount>(q.offset), static_cast<Xapian::doccount>(q.limit),
                                 Xapian::doccount{0}));
      out.total = counted->total;
      out.facets = std::move(counted->facets);
      return out;
    }
  }
  // Facets without a selection are counted in the main pass.
  std::vector<const FacetSpec*> counted;
  std::vector<const FacetColumn*> columns;
  if (q.facets) {
    for (const FacetSpec& f : kFacets) {
      if (selected(f)) continue;
      counted.push_back(&f);
      columns.push_back(snapshot.Column(f.slot));
    }
  }
  FacetCountSpy spy(columns);
  if (!columns.empty()) enquire.add_matchspy(&spy);
  // Facet counts and the total are exact only when every match is visited.
  Xapian::MSet mset =
      enquire.get_mset(static_cast<Xapian::doccount>(q.offset), static_cast<Xapian::doccount>(q.limit), all);
  out.total = mset.get_matches_estimated();
  read_hits(mset);
  for (size_t k = 0; k < counted.size(); ++k) AddCounts(spy, k, out.facets[counted[k]->name]);
  // Each selected facet: counted with every filter but its own.
  if (q.facets) {
    for (const FacetSpec& f : kFacets) {
      if (!selected(f)) continue;
      Xapian::Enquire pass(db);
      pass.set_query(Combine(text, FilterQuery(q, f.name), q));
      FacetCountSpy own(std::vector<const FacetColumn*>{snapshot.Column(f.slot)});
      pass.add_matchspy(&own);
      pass.get_mset(0, 0, all);
      AddCounts(own, 0, out.facets[f.name]);
    }
  }
  return out;
}

template <typename Fn>
auto WithRetry(Fn fn) -> decltype(fn()) {
  for (int attempt = 0;; ++attempt) {
    try {
      return fn();
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt >= 3) throw;  // reopened on the next Reader
    } catch (const Xapian::DatabaseOpeningError&) {
      if (attempt >= 3) throw;  // a replicated copy removed mid-search: opened afresh by the next Reader
    }
  }
}

// The documents whose words complete the typed ones for a title: the
// earlier words, stemmed, all required (as Xapian's QueryParser reads them),
// and the last one as any of `expansions` (the words it begins) or as
// itself, stemmed (what QueryParser's FLAG_PARTIAL gives, its wildcard
// limited to `expansions`). Throws Xapian::QueryParserError.
Xapian::Query TitleQuery(const std::string& before, const std::vector<std::string>& expansions,
                         const TypedPrefix& typed, Lang lang) {
  thread_local const Xapian::Stem french("french"), english("english");
  const Xapian::Stem& stemmer = lang == Lang::kFr ? french : english;
  Xapian::Query last("Z" + typed.lang_prefix + stemmer(typed.last));
  if (!expansions.empty())
    last = Xapian::Query(Xapian::Query::OP_OR,
                         Xapian::Query(Xapian::Query::OP_SYNONYM, expansions.begin(), expansions.end()), last);
  Xapian::QueryParser qp;
  qp.set_stemmer(stemmer);
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  qp.set_default_op(Xapian::Query::OP_AND);
  const Xapian::Query earlier = qp.parse_query(NormalizeText(before), 0, typed.lang_prefix);
  return earlier.empty() ? last : Xapian::Query(Xapian::Query::OP_AND, earlier, last);
}

}  // namespace

Result<std::string> Index::Revision() const {
  try {
    Impl::Reader reader(*impl_);
    return reader.db().get_uuid() + ":" + std::to_string(reader.db().get_revision());
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "index revision");
  }
}

SnapshotLoads Index::FacetColumnLoads() const { return impl_->snapshots->Loads(); }

Result<IndexMatches> Index::Search(const IndexQuery& q) const {
  try {
    return WithRetry([&]() -> Result<IndexMatches> {
      Impl::Reader reader(*impl_);
      Xapian::Database& db = reader.db();
      const auto snapshot = impl_->snapshots->For(db);
      BuiltQuery built = BuildTextQuery(q.text, q.synonyms, q.spelling, db, snapshot->synonyms);
      // The ranked query matches any word; `relaxed` says that no document
      // (within the filters) holds every word.
      bool relaxed = false;
      if (built.several_words) {
        Xapian::Enquire every(db);
        every.set_query(Combine(built.all_words, FilterQuery(q, nullptr), q));
        relaxed = every.get_mset(0, 1).empty();
      }
      IndexMatches out = Run(db, *snapshot, q, built, relaxed);
      // A correct word the corpus does not use is corrected only when the
      // query finds few documents.
      if (out.total < kFewResults) {
        for (const std::string& word : built.unknown_words) {
          const std::string correction = word.size() >= 3 ? db.get_spelling_suggestion(word) : "";
          if (!correction.empty()) built.corrections.emplace_back(word, correction);
        }
      }
      // Spelling: the query as typed with each unknown word corrected.
      if (!built.corrections.empty()) {
        // Rebuilt from the text as typed: only the unknown words change.
        std::string corrected;
        size_t last = 0;
        bool changed = false;
        for (const Word& w : SplitWords(q.text)) {
          auto it = std::find_if(built.corrections.begin(), built.corrections.end(),
                                 [&](const auto& c) { return c.first == w.key; });
          if (it == built.corrections.end()) continue;
          const std::string shown = db.get_metadata(std::string(is::kMetaSurfaces) + ":" + it->second);
          corrected += q.text.substr(last, w.key_begin - last) + (shown.empty() ? it->second : shown);
          last = w.end;
          changed = true;
        }
        corrected += q.text.substr(last);
        if (changed) out.corrected = corrected;
      }
      return out;
    });
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "search");
  }
}

Result<IndexMatrix> Index::Matrix(const IndexQuery& q, const std::string& rows, int top_per_cell, int scan) const {
  const std::optional<Facet> row_facet = FacetNamed(rows);
  if (!row_facet || !Spec(*row_facet).city_slot)
    return Status::InvalidArgument("rows must be theme, stakeholder or kind", "rows");
  const Xapian::valueno slot = *Spec(*row_facet).city_slot;
  try {
    return WithRetry([&]() -> Result<IndexMatrix> {
      Impl::Reader reader(*impl_);
      Xapian::Database& db = reader.db();
      const auto snapshot = impl_->snapshots->For(db);
      BuiltQuery built = BuildTextQuery(q.text, q.synonyms, q.spelling, db, snapshot->synonyms);
      auto run = [&](const Xapian::Query& text) {
        IndexMatrix out;
        out.terms = built.terms;
        out.expanded = built.expanded;
        Xapian::Enquire enquire(db);
        enquire.set_query(Combine(text, FilterQuery(q, nullptr), q));
        Xapian::ValueCountMatchSpy spy(slot);
        enquire.add_matchspy(&spy);
        const Xapian::doccount all = std::max<Xapian::doccount>(db.get_doccount(), 1);
        Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(scan), all);
        out.total = mset.get_matches_estimated();
        auto split = [](const std::string& combo, auto&& fn) {
          const size_t hash = combo.find(is::kCitySeparator);
          if (hash == std::string::npos) return;
          const std::string city = combo.substr(0, hash);
          size_t start = hash + 1;
          while (start < combo.size()) {
            size_t end = combo.find(is::kValueSeparator, start);
            if (end == std::string::npos) end = combo.size();
            if (end > start) fn(city, combo.substr(start, end - start));
            start = end + 1;
          }
        };
        for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
          const int64_t n = it.get_termfreq();
          split(*it, [&](const std::string& city, const std::string& value) { out.cells[city][value].count += n; });
        }
        for (auto it = mset.begin(); it != mset.end(); ++it) {
          Xapian::Document doc = it.get_document();
          split(doc.get_value(slot), [&](const std::string& city, const std::string& value) {
            auto& top = out.cells[city][value].top;
            if (static_cast<int>(top.size()) >= top_per_cell) return;
            IndexHit hit;
            hit.record = DecodeDisplayRecord(doc.get_data());
            hit.score = it.get_percent();
            top.push_back(std::move(hit));
          });
        }
        return out;
      };
      // The same query as Search: a cell counts what its search finds.
      return run(built.query);
    });
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "compare");
  }
}

Result<IndexMatches> Index::Similar(const std::string& id, bool same_city, int limit) const {
  try {
    return WithRetry([&]() -> Result<IndexMatches> {
      Impl::Reader reader(*impl_);
      Xapian::Database& db = reader.db();
      const std::string idterm = is::kId + id;
      Xapian::PostingIterator p = db.postlist_begin(idterm);
      if (p == db.postlist_end(idterm)) return Status::NotFound("no document '" + id + "'");
      const Xapian::Document doc = db.get_document(*p);
      Xapian::RSet rset;
      rset.add_document(*p);
      Xapian::Enquire enquire(db);
      enquire.set_query(Xapian::Query(idterm));
      // Text terms that other documents share (a term of this document
      // alone cannot relate it to anything).
      struct SharedTextTerms : Xapian::ExpandDecider {
        const Xapian::Database* db = nullptr;
        bool operator()(const std::string& term) const override {
          const bool text = !term.empty() && (term[0] == 'Z' || (term[0] >= 'a' && term[0] <= 'z') ||
                                              static_cast<unsigned char>(term[0]) >= 0x80);
          return text && db->get_termfreq(term) > 1;
        }
      } decider;
      decider.db = &db;
      Xapian::ESet eset = enquire.get_eset(60, rset, &decider);
      std::vector<Xapian::Query> terms;
      for (auto it = eset.begin(); it != eset.end(); ++it) terms.emplace_back(*it);
      IndexQuery q;
      q.limit = limit;
      q.facets = false;
      q.exclude_id = id;
      const FacetSpec& city_facet = Spec(Facet::kCity);
      const std::string city = doc.get_value(city_facet.slot);
      if (!same_city) {
        // Records of the other cities only (not the cross-city ones).
        const std::string prefix = city_facet.prefix;
        auto& cities = q.filters[city_facet.name];
        for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
          const std::string other = (*it).substr(prefix.size());
          if (other != city && other != kNoCity) cities.push_back(other);
        }
        if (cities.empty()) return IndexMatches{};
      }
      BuiltQuery built;
      built.query = Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
      return Run(db, *impl_->snapshots->For(db), q, built, false);
    });
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "similar documents");
  }
}

Result<std::vector<Completion>> Index::Suggest(const std::string& text, Lang lang, int limit) const {
  try {
    return WithRetry([&]() -> Result<std::vector<Completion>> {
      Impl::Reader reader(*impl_);
      Xapian::Database& db = reader.db();
      std::vector<Completion> out;
      const std::vector<Word> words = SplitWords(text);
      if (words.empty()) return out;
      const TypedPrefix typed{lang == Lang::kFr ? "" : is::kTextEn, words.back().key};
      if (typed.last.size() > 64) return out;
      const std::string before = text.substr(0, words.back().key_begin);
      // The words starting with the last one, most frequent first: for a
      // short prefix (thousands of terms) from the revision's table.
      const std::shared_ptr<const PrefixWords> frequent =
          IsShortPrefix(typed.last) ? impl_->snapshots->For(db)->prefix_words->Get(db, typed)
                                    : std::make_shared<const PrefixWords>(ScanPrefix(db, typed, kMaxScannedTerms));
      std::vector<std::string> expansions = frequent->expansions;
      std::vector<WordChoice> offered = frequent->words;
      // What was typed before the last word narrows the completions to the
      // words of the documents it finds.
      if (words.size() > 1) {
        const SynonymTable none;
        const Xapian::Query context = BuildTextQuery(before, false, false, db, none).query;
        if (!context.empty()) {
          Xapian::Enquire enquire(db);
          enquire.set_query(context);
          const std::vector<std::string> typed_terms(context.get_unique_terms_begin(), context.get_unique_terms_end());
          offered = CoOccurringWords(db, enquire.get_mset(0, kContextDocuments), typed, typed_terms);
          for (const WordChoice& w : offered)
            if (std::find(expansions.begin(), expansions.end(), w.term) == expansions.end())
              expansions.push_back(w.term);
        }
      }
      for (const WordChoice& w : offered) {
        if (static_cast<int>(out.size()) >= (limit + 1) / 2) break;
        out.push_back({before + w.shown, "word", "", "", "", w.weight});
      }
      // Titles: documents with the typed words, the last one as a prefix.
      Xapian::Query query;
      try {
        query = TitleQuery(before, expansions, typed, lang);
      } catch (const Xapian::QueryParserError&) {
        return out;
      }
      Xapian::Enquire enquire(db);
      enquire.set_query(query);
      const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
      for (auto it = mset.begin(); it != mset.end() && static_cast<int>(out.size()) < limit; ++it) {
        // From the title's value slot; an index written before it had one
        // reads the whole stored record.
        const Xapian::Document doc = it.get_document();
        const std::string part = doc.get_value(is::kSlotTitle);
        DisplayTitle title = DecodeDisplayTitle(part.empty() ? doc.get_data() : part);
        out.push_back({title.title.In(lang), "title", std::move(title.id), std::move(title.person_id),
                       std::move(title.person_name), it.get_percent()});
      }
      return out;
    });
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "suggest");
  }
}

}  // namespace citykb
