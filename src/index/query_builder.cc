// Query building: plain words (with synonym expansion and stemming in both
// languages) or, when the user typed query syntax, Xapian's QueryParser.
#include <algorithm>
#include <regex>

#include "index/index_impl.h"
#include "index/index_schema.h"
#include "text/text_analysis.h"

namespace citykb {

namespace is = index_schema;

namespace {

constexpr Xapian::termcount kMaxWildcardExpansion = 64;
constexpr size_t kMaxQueryWords = 64;
// Coordination: each query word (or synonym expression) a document holds
// adds this constant to its BM25 weight, about what a well-matched word
// weighs, so that the documents holding every word come first, then those
// holding most of them; a very strong match of fewer words (the answer
// titled with two of three words) can still rank above a weak match of all.
constexpr double kWordBonus = 12.0;
// A theme, stakeholder or kind label weighs this much of a text match.
constexpr double kLabelWeight = 0.5;
// A synonym weighs this much of the expression typed.
constexpr double kSynonymWeight = 0.7;
// A role record of the person a query word names gets this bonus per name
// word: a person's role comes before their interviews.
constexpr double kRoleNameBonus = 8.0;

// True when the user typed query syntax: quotes, brackets, operators,
// field prefixes, +word, -word or word*.
bool HasSyntax(const std::string& raw) {
  static const std::regex syntax(R"((["()*])|(^|\s)[-+]\S|(^|[\s(])(AND|OR|NOT|XOR|NEAR)(\s|$)|[[:alpha:]]+:\S)");
  return std::regex_search(raw, syntax);
}

// Xapian 1.4.22's query parser leaks the NEAR and ADJ tokens it drops
// while recovering from a syntax error (96 bytes each: "x OR NEAR/6 y",
// "-sq NEAR/3 'a:b c", and without a distance "-a NEAR b c", "-a ADJ b c
// d"). Repeated, such queries would exhaust the server's memory, so a text
// holding NEAR or ADJ (the parser knows them in capitals only) is searched
// as plain words without asking the parser.
bool MayLeakInParser(const std::string& text) {
  return text.find("NEAR") != std::string::npos || text.find("ADJ") != std::string::npos;
}

// The stemmed term of a word: "Z", the language's prefix, the stem. Built
// by appending (GCC 12 reports a false -Wrestrict on "Z" + std::string).
std::string StemTerm(const char* prefix, const std::string& stem) {
  std::string out = "Z";
  out.append(prefix).append(stem);
  return out;
}

bool StartsWithDigit(const std::string& key) { return !key.empty() && key[0] >= '0' && key[0] <= '9'; }

// The query for one folded word, in both languages: its stems, and the word
// itself (numbers have no stemmed form; an exact form also ranks higher).
// The labels of the record's themes, stakeholders and kind count too, below
// the text (a theme's name is evidence, not a filter).
Xapian::Query WordQuery(const std::string& key, const Xapian::Stem& fr, const Xapian::Stem& en) {
  const Xapian::Query terms[] = {Xapian::Query(StemTerm("", fr(key))), Xapian::Query(StemTerm(is::kTextEn, en(key))),
                                 Xapian::Query(key), Xapian::Query(is::kTextEn + key)};
  const Xapian::Query labels[] = {Xapian::Query(StemTerm(is::kLabel, fr(key))),
                                  Xapian::Query(StemTerm(is::kLabel, en(key))), Xapian::Query(is::kLabel + key)};
  return Xapian::Query(
      Xapian::Query::OP_OR, Xapian::Query(Xapian::Query::OP_OR, std::begin(terms), std::end(terms)),
      Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                    Xapian::Query(Xapian::Query::OP_OR, std::begin(labels), std::end(labels)), kLabelWeight));
}

// A constant weight for every document `q` matches.
Xapian::Query Bonus(const Xapian::Query& q, double weight) {
  auto* source = new Xapian::FixedWeightPostingSource(weight);
  return Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(source->release()), q);
}

// A multi-word expression as a phrase, in each language.
Xapian::Query PhraseQuery(const std::vector<std::string>& keys, const Xapian::Stem& fr, const Xapian::Stem& en) {
  if (keys.size() == 1) return WordQuery(keys[0], fr, en);
  std::vector<Xapian::Query> fr_terms, en_terms;
  for (const auto& k : keys) {
    // Numbers are indexed unstemmed only.
    fr_terms.emplace_back(StartsWithDigit(k) ? k : StemTerm("", fr(k)));
    en_terms.emplace_back(StartsWithDigit(k) ? is::kTextEn + k : StemTerm(is::kTextEn, en(k)));
  }
  return Xapian::Query(Xapian::Query::OP_OR,
                       Xapian::Query(Xapian::Query::OP_PHRASE, fr_terms.begin(), fr_terms.end(), keys.size()),
                       Xapian::Query(Xapian::Query::OP_PHRASE, en_terms.begin(), en_terms.end(), keys.size()));
}

std::vector<std::string> SplitSpace(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(' ', start);
    if (end == std::string::npos) end = s.size();
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool Known(const Xapian::Database& db, const std::string& key, const Xapian::Stem& fr, const Xapian::Stem& en) {
  return db.term_exists(StemTerm("", fr(key))) || db.term_exists(StemTerm(is::kTextEn, en(key))) ||
         db.term_exists(key) || db.term_exists(is::kLabel + key);
}

BuiltQuery PlainQuery(const std::string& text, bool use_synonyms, bool spelling, const Xapian::Database& db,
                      const SynonymTable& synonyms) {
  BuiltQuery out;
  const Xapian::Stem fr("french"), en("english");
  std::vector<std::string> words;
  for (const Word& w : SplitWords(text)) {
    if (words.size() >= kMaxQueryWords) break;
    words.push_back(w.key);
  }
  std::vector<Xapian::Query> units;
  std::vector<Xapian::Query> names;  // each single word as a word of a role record's person name
  for (size_t i = 0; i < words.size();) {
    // Longest synonym expression starting here.
    size_t take = 1;
    std::optional<size_t> group;
    if (use_synonyms) {
      for (size_t n = std::min(synonyms.longest, words.size() - i); n >= 1; --n) {
        std::string key;
        for (size_t k = 0; k < n; ++k) key += (k ? " " : "") + words[i + k];
        auto it = synonyms.group_of.find(key);
        if (it != synonyms.group_of.end()) {
          take = n;
          group = it->second;
          break;
        }
      }
    }
    std::vector<std::string> unit(words.begin() + static_cast<long>(i), words.begin() + static_cast<long>(i + take));
    i += take;
    if (!group && (IsStopWord(unit[0]) || unit[0].size() > 64)) continue;
    std::string unit_key;
    for (const auto& w : unit) unit_key += (unit_key.empty() ? "" : " ") + w;
    out.terms.origin.emplace(unit_key, "query");
    Xapian::Query q = PhraseQuery(unit, fr, en);
    if (group) {
      std::vector<Xapian::Query> alternatives = {q};
      const auto& members = synonyms.groups[*group];
      for (size_t m = 0; m < members.size(); ++m) {
        if (members[m] == unit_key) continue;
        alternatives.push_back(
            Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, PhraseQuery(SplitSpace(members[m]), fr, en), kSynonymWeight));
        out.expanded.push_back(synonyms.display[*group][m]);
        out.terms.origin.emplace(members[m], "synonym");
      }
      q = Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
    } else if (unit.size() == 1 && !Known(db, unit[0], fr, en)) {
      if (IsDictionaryWord(unit[0])) {
        // A correct word the corpus does not use: corrected only when the
        // query finds little (the searcher decides).
        out.unknown_words.push_back(unit[0]);
      } else {
        // A misspelt word: search its spelling correction too (unless asked
        // to search the words as typed: then it is only suggested).
        const std::string correction = unit[0].size() >= 3 ? db.get_spelling_suggestion(unit[0]) : "";
        if (!correction.empty()) {
          out.corrections.emplace_back(unit[0], correction);
          if (spelling) q = Xapian::Query(Xapian::Query::OP_OR, q, WordQuery(correction, fr, en));
        }
      }
    }
    units.push_back(q);
    if (unit.size() == 1) names.emplace_back(is::kRoleName + unit[0]);
  }
  if (units.empty()) return out;  // only stop words: empty query = everything
  out.all_words = Xapian::Query(Xapian::Query::OP_AND, units.begin(), units.end());
  out.several_words = units.size() > 1;
  // Ranked: any word matches; each word held adds a constant, so the
  // documents with every word come first, then those with most of them.
  std::vector<Xapian::Query> bonuses;
  if (units.size() > 1)
    for (const auto& u : units) bonuses.push_back(Bonus(u, kWordBonus));
  for (const auto& n : names) bonuses.push_back(Bonus(n, kRoleNameBonus));
  out.query = Xapian::Query(Xapian::Query::OP_OR, units.begin(), units.end());
  if (!bonuses.empty())
    out.query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, out.query,
                              Xapian::Query(Xapian::Query::OP_OR, bonuses.begin(), bonuses.end()));
  CollectQueryTerms(out.all_words, out.terms);
  return out;
}

class StopWords : public Xapian::Stopper {
 public:
  bool operator()(const std::string& term) const override { return IsStopWord(term); }
};

void AddPrefixes(Xapian::QueryParser& qp, bool fr) {
  for (const char* f : {"titre", "title"}) qp.add_prefix(f, fr ? is::kTitleFr : is::kTitleEn);
  for (const FacetSpec& facet : kFacets)
    for (const char* f : facet.query_fields)
      if (f) qp.add_boolean_prefix(f, facet.prefix);
  for (const char* f : {"personne", "person"}) qp.add_boolean_prefix(f, is::kPerson);
}

BuiltQuery SyntaxQuery(const std::string& text, const Xapian::Database& db) {
  const StopWords stopper;  // per call: Xapian's reference counts are not thread-safe
  const unsigned flags = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
                         Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
                         Xapian::QueryParser::FLAG_PURE_NOT;
  std::vector<Xapian::Query> both;
  for (bool fr : {true, false}) {
    Xapian::QueryParser qp;
    qp.set_database(db);
    qp.set_stemmer(Xapian::Stem(fr ? "french" : "english"));
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_stopper(&stopper);
    qp.set_default_op(Xapian::Query::OP_AND);
    qp.set_max_expansion(kMaxWildcardExpansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    AddPrefixes(qp, fr);
    // Words without a field: the text of the language and the labels.
    qp.add_prefix("", fr ? "" : is::kTextEn);
    qp.add_prefix("", is::kLabel);
    both.push_back(qp.parse_query(text, flags));
  }
  BuiltQuery out;
  out.query = Xapian::Query(Xapian::Query::OP_OR, both.begin(), both.end());
  out.all_words = out.query;
  CollectQueryTerms(out.query, out.terms);
  static const std::regex wildcard(R"(([[:alnum:]\x80-\xff]+)\*)");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), wildcard); it != std::sregex_iterator(); ++it)
    out.terms.prefixes.push_back((*it)[1]);
  for (const Word& w : SplitWords(text)) out.terms.origin.emplace(w.key, "query");
  return out;
}

}  // namespace

void CollectQueryTerms(const Xapian::Query& query, QueryTerms& terms) {
  for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
    std::string t = *it;
    const bool stemmed = !t.empty() && t[0] == 'Z';
    if (stemmed) t.erase(0, 1);
    Lang lang = Lang::kFr;
    if (t.rfind(is::kTitleEn, 0) == 0) {
      t.erase(0, 3);
      lang = Lang::kEn;
    } else if (t.rfind(is::kTextEn, 0) == 0) {
      t.erase(0, 2);
      lang = Lang::kEn;
    } else if (t.rfind(is::kTitleFr, 0) == 0) {
      t.erase(0, 1);
    } else if (!t.empty() && t[0] >= 'A' && t[0] <= 'Z') {
      continue;  // a boolean filter term, a label or a role's name
    }
    if (t.empty() || IsStopWord(t)) continue;  // "de" of "comité de pilotage" is not highlighted
    if (!stemmed)
      terms.exact.insert(t);
    else if (lang == Lang::kFr)
      terms.stems_fr.insert(t);
    else
      terms.stems_en.insert(t);
  }
}

BuiltQuery BuildTextQuery(const std::string& raw, bool use_synonyms, bool spelling, const Xapian::Database& db,
                          const SynonymTable& synonyms) {
  const std::string text = NormalizeQuery(raw);
  if (HasSyntax(text) && !MayLeakInParser(text)) {
    try {
      return SyntaxQuery(text, db);
    } catch (const Xapian::QueryParserError&) {
      // A person typing never gets an error: search the words instead.
    }
  }
  return PlainQuery(text, use_synonyms, spelling, db, synonyms);
}

}  // namespace citykb
