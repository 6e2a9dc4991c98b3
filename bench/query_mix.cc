#include "query_mix.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "random.h"
#include "text/text_analysis.h"
#include "word_lists.h"

namespace citykb::bench {

namespace {

constexpr size_t kSampleDocs = 20000;  // document frequencies are estimated on this many

// How many of each class in 100 queries.
const std::vector<std::pair<std::string, int>> kShares = {
    {"frequent", 12}, {"mid", 12},           {"rare", 8},   {"zero-hit", 5}, {"two-words", 12}, {"phrase", 8},
    {"filters", 12},  {"browse-filters", 6}, {"prefix", 8}, {"page", 6},     {"english", 8},    {"browse", 3},
};

struct WordStats {
  std::unordered_map<std::string, int> df;             // folded word -> documents of the sample holding it
  std::unordered_map<std::string, std::string> shown;  // folded word -> as written (lower case)
};

struct Bands {
  std::vector<std::string> frequent, mid, rare;  // folded words, sorted
};

bool Searchable(const std::string& key) {
  static const std::set<std::string> more_stop = {"comment", "quelle", "quels", "quelles", "notre", "votre",
                                                  "their",   "which",  "leurs", "meme",    "what",  "does"};
  if (key.size() < 4) return false;
  for (char c : key)
    if (c < 'a' || c > 'z') return false;
  if (more_stop.count(key)) return false;
  for (Lang lang : {Lang::kFr, Lang::kEn}) {
    const auto& fw = FunctionWords(lang);
    if (std::find(fw.begin(), fw.end(), key) != fw.end()) return false;
  }
  return true;
}

WordStats Count(const std::vector<const Document*>& docs, Lang lang) {
  WordStats stats;
  for (const Document* d : docs) {
    const std::string text = d->title.In(lang) + "\n" + d->body.In(lang);
    std::set<std::string> seen;
    for (const Word& w : SplitWords(text)) {
      if (!Searchable(w.key) || !seen.insert(w.key).second) continue;
      ++stats.df[w.key];
      auto [it, inserted] = stats.shown.emplace(w.key, std::string());
      if (inserted) it->second = Lower(text.substr(w.key_begin, w.end - w.key_begin));
    }
  }
  return stats;
}

Bands Split(const WordStats& stats, size_t sample) {
  const double n = static_cast<double>(sample);
  const int freq_lo = std::max(3, static_cast<int>(0.03 * n)), freq_hi = std::max(4, static_cast<int>(0.30 * n));
  const int mid_lo = std::max(2, static_cast<int>(0.002 * n)), mid_hi = std::max(3, static_cast<int>(0.01 * n));
  Bands b;
  for (const auto& [word, df] : stats.df) {
    if (df >= freq_lo && df <= freq_hi)
      b.frequent.push_back(word);
    else if (df >= mid_lo && df <= mid_hi)
      b.mid.push_back(word);
    else if (df <= 2)
      b.rare.push_back(word);
  }
  for (auto* v : {&b.frequent, &b.mid, &b.rare}) std::sort(v->begin(), v->end());
  if (b.frequent.empty()) b.frequent = b.mid;
  if (b.mid.empty()) b.mid = b.frequent;
  if (b.rare.empty()) b.rare = b.mid;
  return b;
}

template <typename T>
const T& Any(Rng& rng, const std::vector<T>& v) {
  return v[rng.Below(v.size())];
}

// A subset of 1..max distinct values.
std::vector<std::string> Some(Rng& rng, const std::vector<std::string>& values, int max) {
  std::vector<std::string> out;
  const size_t n = std::min<size_t>(values.size(), static_cast<size_t>(rng.Between(1, max)));
  while (out.size() < n) {
    const std::string& v = Any(rng, values);
    if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
  }
  return out;
}

// The first `chars` UTF-8 characters of `s`.
std::string Prefix(const std::string& s, size_t chars) {
  size_t i = 0, n = 0;
  while (i < s.size() && n < chars) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    ++n;
  }
  return s.substr(0, i);
}

size_t Chars(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string Encode(const std::string& s) {
  static const char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// A phrase of two adjacent words of a document, as written.
std::string Phrase(Rng& rng, const std::vector<const Document*>& docs) {
  for (int attempt = 0; attempt < 200; ++attempt) {
    const std::string& body = Any(rng, docs)->body.fr;
    const std::vector<Word> words = SplitWords(body);
    if (words.size() < 2) continue;
    const size_t start = rng.Below(words.size() - 1);
    for (size_t i = start; i + 1 < words.size(); ++i) {
      const Word &a = words[i], &b = words[i + 1];
      if (!Searchable(a.key) || !Searchable(b.key) || a.key_begin != a.begin || b.key_begin != b.begin) continue;
      if (body.substr(a.end, b.begin - a.end) != " ") continue;
      return "\"" + Lower(body.substr(a.begin, b.end - a.begin)) + "\"";
    }
  }
  return "\"" + SplitWords(docs.front()->body.fr).front().key + "\"";
}

}  // namespace

const std::vector<std::string>& QueryKinds() {
  static const std::vector<std::string> kinds = [] {
    std::vector<std::string> v;
    for (const auto& [kind, share] : kShares) v.push_back(kind);
    return v;
  }();
  return kinds;
}

QueryMix BuildQueryMix(const Corpus& corpus, int count, uint64_t seed) {
  Rng rng(seed ^ 0x9e3779b97f4a7c15ULL);
  std::vector<const Document*> all;
  std::vector<std::string> cities;
  for (const Bundle& b : corpus.bundles) {
    if (!b.city.slug.empty()) cities.push_back(b.city.slug);
    for (const Document& d : b.documents) all.push_back(&d);
  }
  std::vector<const Document*> sample;
  const size_t step = std::max<size_t>(1, all.size() / kSampleDocs);
  for (size_t i = 0; i < all.size(); i += step) sample.push_back(all[i]);
  const double scale = static_cast<double>(all.size()) / static_cast<double>(std::max<size_t>(sample.size(), 1));

  const WordStats fr = Count(sample, Lang::kFr), en = Count(sample, Lang::kEn);
  const Bands frb = Split(fr, sample.size()), enb = Split(en, sample.size());
  std::vector<std::string> themes, stakeholders, kinds;
  for (const auto& e : corpus.taxonomy.themes) themes.push_back(e.slug);
  for (const auto& e : corpus.taxonomy.stakeholders) stakeholders.push_back(e.slug);
  for (const auto& e : corpus.taxonomy.kinds) kinds.push_back(e.slug);

  // A word as someone would type it: mostly with its accents, sometimes without.
  auto typed = [&](const WordStats& stats, const std::string& key) {
    return rng.Chance(0.75) ? stats.shown.at(key) : key;
  };

  std::vector<std::string> slots;
  for (const auto& [kind, share] : kShares) slots.insert(slots.end(), static_cast<size_t>(share), kind);
  for (size_t i = slots.size(); i > 1; --i) std::swap(slots[i - 1], slots[rng.Below(i)]);

  QueryMix mix;
  for (int i = 0; i < count; ++i) {
    BenchQuery q;
    q.kind = slots[static_cast<size_t>(i) % slots.size()];
    if (q.kind == "frequent")
      q.text = typed(fr, Any(rng, frb.frequent));
    else if (q.kind == "mid")
      q.text = typed(fr, Any(rng, frb.mid));
    else if (q.kind == "rare")
      q.text = typed(fr, Any(rng, frb.rare));
    else if (q.kind == "zero-hit") {
      q.text = "qz";
      for (int k = rng.Between(5, 8); k > 0; --k) q.text += static_cast<char>('a' + rng.Below(26));
    } else if (q.kind == "two-words") {
      const auto& first = rng.Chance(0.5) ? frb.frequent : frb.mid;
      q.text = typed(fr, Any(rng, first)) + " " + typed(fr, Any(rng, frb.mid));
    } else if (q.kind == "phrase") {
      q.text = Phrase(rng, sample);
    } else if (q.kind == "filters") {
      q.text = typed(fr, Any(rng, rng.Chance(0.5) ? frb.frequent : frb.mid));
      q.filters["city"] = Some(rng, cities, 2);
      q.filters["theme"] = Some(rng, themes, 2);
      if (rng.Chance(0.3)) q.filters["stakeholder"] = Some(rng, stakeholders, 1);
    } else if (q.kind == "browse-filters") {
      q.filters["theme"] = Some(rng, themes, 2);
      q.filters["stakeholder"] = Some(rng, stakeholders, 1);
      if (rng.Chance(0.5)) q.filters["kind"] = Some(rng, kinds, 2);
      if (rng.Chance(0.3)) q.filters["city"] = Some(rng, cities, 3);
    } else if (q.kind == "prefix") {
      const std::string& word = Any(rng, rng.Chance(0.5) ? frb.frequent : frb.mid);
      q.text = word.substr(0, std::min(word.size() - 1, static_cast<size_t>(rng.Between(3, 5)))) + "*";
    } else if (q.kind == "page") {
      const std::string& word = Any(rng, frb.frequent);
      static const int pages[] = {2, 2, 3, 3, 4, 5, 8, 10, 20};
      q.page = pages[rng.Below(std::size(pages))];
      const double estimated = fr.df.at(word) * scale;
      if ((q.page - 1) * kPerPage >= estimated) q.page = 2;
      q.text = typed(fr, word);
    } else if (q.kind == "english") {
      const double u = rng.Unit();
      q.text = typed(en, Any(rng, u < 0.4 ? enb.frequent : u < 0.8 ? enb.mid : enb.rare));
      q.lang = Lang::kEn;
    } else {  // browse
      q.lang = rng.Chance(0.5) ? Lang::kFr : Lang::kEn;
    }
    mix.search.push_back(std::move(q));
  }

  // Typed into the search box, one character at a time.
  for (int i = 0; i < 40; ++i) {
    const std::string word = fr.shown.at(Any(rng, i % 2 ? frb.frequent : frb.mid));
    for (size_t n = 2; n <= std::min<size_t>(Chars(word), 9); ++n) mix.typed.push_back(Prefix(word, n));
  }
  for (int i = 0; i < 10; ++i) {
    const std::string first = fr.shown.at(Any(rng, frb.frequent)), second = fr.shown.at(Any(rng, frb.mid));
    for (size_t n = 2; n <= std::min<size_t>(Chars(second), 6); ++n)
      mix.typed.push_back(first + " " + Prefix(second, n));
  }
  return mix;
}

std::string SearchPath(const BenchQuery& q) {
  std::string path = "/api/search?q=" + Encode(q.text);
  for (const auto& [facet, values] : q.filters)
    for (const auto& v : values) path += "&" + facet + "=" + Encode(v);
  if (q.page > 1) path += "&page=" + std::to_string(q.page);
  path += std::string("&lang=") + LangCode(q.lang);
  return path;
}

std::string SuggestPath(const std::string& typed) { return "/api/suggest?q=" + Encode(typed) + "&lang=fr"; }

}  // namespace citykb::bench
