#include "index/completions.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "index/index_impl.h"
#include "index/index_schema.h"

namespace citykb {

namespace {

// Words under 3 letters are offered only when typed in full; stop words never.
bool Offerable(const std::string& key, const std::string& last) {
  if (key.size() < 3 && key != last) return false;
  return !IsStopWord(key);
}

// The form of a folded word shown to people (accents restored); empty for
// a term that is no word of the texts (the indexer records every word's form).
std::string Shown(const Xapian::Database& db, const std::string& key) {
  return db.get_metadata(std::string(index_schema::kMetaSurfaces) + ":" + key);
}

// Appends the offerable words of `ranked` (terms, best first) to `out`
// until it holds kMaxWords: only these few shown forms are looked up.
template <typename Ranked, typename WeightOf>
void KeepWords(const Xapian::Database& db, const TypedPrefix& typed, const Ranked& ranked, WeightOf weight_of,
               std::vector<WordChoice>& out) {
  for (const auto& entry : ranked) {
    if (out.size() >= kMaxWords) break;
    const std::string key = entry.term.substr(typed.lang_prefix.size());
    if (!Offerable(key, typed.last)) continue;
    std::string shown = Shown(db, key);
    if (!shown.empty()) out.push_back({entry.term, std::move(shown), weight_of(entry)});
  }
}

}  // namespace

PrefixWords ScanPrefix(const Xapian::Database& db, const TypedPrefix& typed, size_t max_terms) {
  struct Term {
    std::string term;
    Xapian::doccount freq;
  };
  std::vector<Term> terms;
  const std::string stem = typed.stem();
  for (auto it = db.allterms_begin(stem); it != db.allterms_end(stem); ++it) {
    if (max_terms && terms.size() >= max_terms) break;
    terms.push_back({*it, it.get_termfreq()});
  }
  // Most frequent first; equally frequent terms stay in alphabetical order.
  std::stable_sort(terms.begin(), terms.end(), [](const Term& a, const Term& b) { return a.freq > b.freq; });
  PrefixWords out;
  // Not the words never offered either: a stop word's postings are nearly
  // every document, and the query still finds the typed word itself.
  for (const Term& t : terms) {
    if (out.expansions.size() >= kMaxExpansions) break;
    if (Offerable(t.term.substr(typed.lang_prefix.size()), typed.last)) out.expansions.push_back(t.term);
  }
  KeepWords(
      db, typed, terms, [](const Term& t) { return static_cast<int64_t>(t.freq); }, out.words);
  return out;
}

bool IsShortPrefix(const std::string& last) {
  const auto letters = std::count_if(last.begin(), last.end(), [](char c) { return (c & 0xC0) != 0x80; });
  return letters <= 2;
}

std::shared_ptr<const PrefixWords> PrefixTable::Get(const Xapian::Database& db, const TypedPrefix& typed) {
  const std::string key = typed.stem();
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = entries_.find(key); it != entries_.end()) return it->second;
  }
  // Scanned without the lock: a request for another prefix need not wait.
  // Two first requests for one prefix may both scan; the first kept wins.
  auto built = std::make_shared<const PrefixWords>(ScanPrefix(db, typed, 0));
  std::lock_guard<std::mutex> lock(mu_);
  return entries_.emplace(key, std::move(built)).first->second;
}

std::vector<WordChoice> CoOccurringWords(const Xapian::Database& db, const Xapian::MSet& top, const TypedPrefix& typed,
                                         const std::vector<std::string>& skip) {
  struct Tally {
    Xapian::doccount docs = 0;  // top documents holding the term
    double wdf_part = 0;        // the sum of its (k + 1) wdf / (k + wdf), k = 1
  };
  // Each top document's terms from the prefix on: a skip_to, not its whole term list.
  std::map<std::string, Tally> tallies;
  const std::string stem = typed.stem();
  for (auto doc = top.begin(); doc != top.end(); ++doc) {
    Xapian::TermIterator t = db.termlist_begin(*doc);
    const Xapian::TermIterator end = db.termlist_end(*doc);
    for (t.skip_to(stem); t != end && (*t).compare(0, stem.size(), stem) == 0; ++t) {
      Tally& tally = tallies[*t];
      ++tally.docs;
      const double wdf = t.get_wdf();
      tally.wdf_part += 2 * wdf / (1 + wdf);
    }
  }
  // The Robertson/Sparck Jones relevance weight of the term for the top
  // documents, times its wdf part: what Xapian's TradEWeight gives with
  // every document of average length.
  struct Ranked {
    std::string term;
    double weight;
  };
  std::vector<Ranked> ranked;
  const double all = db.get_doccount(), rel = top.size();
  for (const auto& [term, tally] : tallies) {
    if (std::find(skip.begin(), skip.end(), term) != skip.end()) continue;
    if (!Offerable(term.substr(typed.lang_prefix.size()), typed.last)) continue;
    const double r = tally.docs, n = db.get_termfreq(term);
    double tw = (r + 0.5) * (all - rel - n + r + 0.5) / ((rel - r + 0.5) * (n - r + 0.5));
    if (tw < 2) tw = tw / 2 + 1;
    ranked.push_back({term, std::log(tw) * tally.wdf_part});
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) { return a.weight > b.weight; });
  std::vector<WordChoice> out;
  KeepWords(
      db, typed, ranked, [](const Ranked& r) { return static_cast<int64_t>(r.weight * 1000); }, out);
  return out;
}

}  // namespace citykb
