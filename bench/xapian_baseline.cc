#include "xapian_baseline.h"

#include <xapian.h>

#include <algorithm>

#include "text/text_analysis.h"

namespace citykb::bench {

namespace {

// Omega-style prefixes and slots, as in citykb's index.
constexpr char kTextEn[] = "XE";
struct Facet {
  const char* name;
  const char* prefix;
  Xapian::valueno slot;
  bool multi;
};
const Facet kFacets[] = {
    {"city", "XC", 0, false},
    {"theme", "XT", 1, true},
    {"stakeholder", "XS", 2, true},
    {"kind", "XK", 3, false},
};
constexpr int kCommitEvery = 5000;

std::string Joined(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : "|") + v;
  return out;
}

void AddCounts(const Xapian::ValueCountMatchSpy& spy, bool multi, std::map<std::string, int64_t>& counts) {
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
    const std::string combo = *it;
    const auto n = static_cast<int64_t>(it.get_termfreq());
    if (!multi) {
      counts[combo] += n;
      continue;
    }
    size_t start = 0;
    while (start < combo.size()) {
      size_t end = combo.find('|', start);
      if (end == std::string::npos) end = combo.size();
      if (end > start) counts[combo.substr(start, end - start)] += n;
      start = end + 1;
    }
  }
}

}  // namespace

Status BuildXapianIndex(const std::string& dir, const std::vector<DocTexts>& docs) {
  try {
    Xapian::WritableDatabase db(dir, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator tg;
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME_FULL_POS);
    const Xapian::Stem stems[2] = {Xapian::Stem("french"), Xapian::Stem("english")};
    int n = 0;
    for (const DocTexts& d : docs) {
      Xapian::Document xd;
      tg.set_document(xd);
      for (int l = 0; l < 2; ++l) {
        tg.set_stemmer(stems[l]);
        const std::string text_prefix = l == 0 ? "" : kTextEn;
        const std::string title = NormalizeText(d.title[l]);
        tg.index_text(title, 1, l == 0 ? "S" : "XES");
        tg.increase_termpos();
        tg.index_text(title, 3, text_prefix);
        tg.increase_termpos();
        tg.index_text(NormalizeText(d.body[l]), 1, text_prefix);
        tg.increase_termpos();
        tg.index_text(NormalizeText(d.names), 3, text_prefix);
        tg.increase_termpos();
        tg.index_text(NormalizeText(d.extra[l]), 1, text_prefix);
        tg.increase_termpos();
      }
      xd.add_boolean_term("Q" + d.id);
      xd.add_boolean_term("XK" + d.kind);
      if (!d.city.empty()) xd.add_boolean_term("XC" + d.city);
      if (!d.person.empty()) xd.add_boolean_term("XP" + d.person);
      for (const auto& t : d.themes) xd.add_boolean_term("XT" + t);
      for (const auto& s : d.stakeholders) xd.add_boolean_term("XS" + s);
      xd.add_value(0, d.city);
      xd.add_value(1, Joined(d.themes));
      xd.add_value(2, Joined(d.stakeholders));
      xd.add_value(3, d.kind);
      xd.set_data(d.data);
      db.replace_document("Q" + d.id, xd);
      if (++n % kCommitEvery == 0) db.commit();
    }
    db.commit();
    db.close();
  } catch (const Xapian::Error& e) {
    return Status::Internal("xapian baseline: " + e.get_description());
  }
  return Status::Ok();
}

class XapianSearcher::Impl {
 public:
  explicit Impl(const std::string& dir) : db(dir) {}
  Xapian::Database db;
  Xapian::Stem fr{"french"}, en{"english"};

  Xapian::Query TextQuery(const std::string& raw) const {
    const std::string text = NormalizeQuery(raw);
    if (text.find_first_of("\"*") != std::string::npos) {
      // Query syntax: Xapian's QueryParser, once per language.
      std::vector<Xapian::Query> both;
      for (bool french : {true, false}) {
        Xapian::QueryParser qp;
        qp.set_database(db);
        qp.set_stemmer(french ? fr : en);
        qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
        qp.set_default_op(Xapian::Query::OP_AND);
        qp.set_max_expansion(64, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
        both.push_back(qp.parse_query(text,
                                      Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
                                          Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD,
                                      french ? "" : kTextEn));
      }
      return Xapian::Query(Xapian::Query::OP_OR, both.begin(), both.end());
    }
    // Plain words, as citykb builds them: each word in either language,
    // stemmed or as written (the exact form ranks higher); any word matches
    // (citykb ranks the documents holding every word first).
    std::vector<Xapian::Query> words;
    for (const Word& w : SplitWords(text)) {
      const Xapian::Query forms[] = {Xapian::Query("Z" + fr(w.key)),
                                     Xapian::Query(std::string("Z") + kTextEn + en(w.key)), Xapian::Query(w.key),
                                     Xapian::Query(kTextEn + w.key)};
      words.emplace_back(Xapian::Query::OP_OR, std::begin(forms), std::end(forms));
    }
    if (words.empty()) return Xapian::Query::MatchAll;
    return Xapian::Query(Xapian::Query::OP_OR, words.begin(), words.end());
  }

  static Xapian::Query Filtered(const Xapian::Query& text, const BenchQuery& q, const char* skip) {
    std::vector<Xapian::Query> facets;
    for (const Facet& f : kFacets) {
      if (skip && std::string(skip) == f.name) continue;
      auto it = q.filters.find(f.name);
      if (it == q.filters.end() || it->second.empty()) continue;
      std::vector<Xapian::Query> values;
      for (const auto& v : it->second) values.emplace_back(f.prefix + v);
      facets.emplace_back(Xapian::Query::OP_OR, values.begin(), values.end());
    }
    if (facets.empty()) return text;
    return Xapian::Query(Xapian::Query::OP_FILTER, text,
                         Xapian::Query(Xapian::Query::OP_AND, facets.begin(), facets.end()));
  }
};

XapianSearcher::XapianSearcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
XapianSearcher::~XapianSearcher() = default;

Result<std::unique_ptr<XapianSearcher>> XapianSearcher::Open(const std::string& dir) {
  try {
    return std::unique_ptr<XapianSearcher>(new XapianSearcher(std::make_unique<Impl>(dir)));
  } catch (const Xapian::Error& e) {
    return Status::Internal("xapian baseline: " + e.get_description());
  }
}

int64_t XapianSearcher::DocumentCount() const { return static_cast<int64_t>(impl_->db.get_doccount()); }

Result<BenchAnswer> XapianSearcher::Search(const BenchQuery& q) {
  try {
    Xapian::Database& db = impl_->db;
    const Xapian::doccount all = std::max<Xapian::doccount>(db.get_doccount(), 1);
    const Xapian::Query text = impl_->TextQuery(q.text);
    BenchAnswer out;
    Xapian::Enquire enquire(db);
    enquire.set_query(Impl::Filtered(text, q, nullptr));
    std::vector<std::pair<const Facet*, std::unique_ptr<Xapian::ValueCountMatchSpy>>> spies;
    for (const Facet& f : kFacets) {
      if (q.filters.count(f.name)) continue;
      spies.emplace_back(&f, std::make_unique<Xapian::ValueCountMatchSpy>(f.slot));
      enquire.add_matchspy(spies.back().second.get());
    }
    const Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>((q.page - 1) * kPerPage), kPerPage, all);
    out.total = mset.get_matches_estimated();
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      const Xapian::Document doc = it.get_document();
      out.bytes += doc.get_data().size();  // the record an application shows
      auto term = doc.termlist_begin();
      term.skip_to("Q");
      if (term != doc.termlist_end() && (*term)[0] == 'Q') out.ids.push_back((*term).substr(1));
    }
    for (auto& [facet, spy] : spies) AddCounts(*spy, facet->multi, out.facets[facet->name]);
    for (const Facet& f : kFacets) {
      if (!q.filters.count(f.name)) continue;
      Xapian::Enquire pass(db);
      pass.set_query(Impl::Filtered(text, q, f.name));
      Xapian::ValueCountMatchSpy spy(f.slot);
      pass.add_matchspy(&spy);
      pass.get_mset(0, 0, all);
      AddCounts(spy, f.multi, out.facets[f.name]);
    }
    for (auto it = out.facets.begin(); it != out.facets.end();) it = it->second.empty() ? out.facets.erase(it) : ++it;
    return out;
  } catch (const Xapian::Error& e) {
    return Status::Internal("xapian baseline search: " + e.get_description());
  }
}

}  // namespace citykb::bench
