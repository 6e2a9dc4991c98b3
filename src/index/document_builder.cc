#include "index/document_builder.h"

#include <algorithm>

#include "index/display_record.h"
#include "index/index.h"
#include "index/index_schema.h"
#include "model/facet.h"
#include "text/text_analysis.h"

namespace citykb {

namespace is = index_schema;

namespace {

std::string Joined(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += is::kValueSeparator;
    out += v;
  }
  return out;
}

const TaxonomyEntry* Find(const std::vector<TaxonomyEntry>& entries, const std::string& slug) {
  for (const auto& e : entries)
    if (e.slug == slug) return &e;
  return nullptr;
}

// The labels of a document's facets, in one language, indexed (under their
// own prefix) so that "gouvernance" also finds records tagged governance.
std::string FacetLabels(const Document& doc, const Taxonomy& tax, Lang lang) {
  std::string out;
  for (const auto& t : doc.themes)
    if (auto* e = Find(tax.themes, t)) out += e->label.In(lang) + ". ";
  for (const auto& s : doc.stakeholders)
    if (auto* e = Find(tax.stakeholders, s)) out += e->label.In(lang) + ". ";
  if (auto* e = Find(tax.kinds, doc.kind)) out += e->label.In(lang) + ". ";
  return out;
}

DisplayRecord MakeDisplayRecord(const Document& doc, const DisplayContext& context) {
  DisplayRecord r;
  r.doc = doc;
  if (auto city = context.cities.find(doc.city); city != context.cities.end())
    r.city = CityRef{doc.city, city->second.name};
  if (auto person = context.people.find(doc.person); person != context.people.end())
    r.person = PersonRef{doc.person, person->second.name, person->second.title};
  for (const auto& id : doc.sources) {
    auto source = context.sources.find(id);
    if (source == context.sources.end()) continue;
    const Source& s = source->second;
    r.sources.push_back({id, s.title, s.publisher, s.published, s.url});
  }
  return r;
}

// Counts one word of `text` (found by SplitWords) into `tally`.
void CountWord(std::string_view text, Word& w, WordTally& tally) {
  if (w.key.size() < 3 || w.key.size() > 64) return;
  const std::string_view shown = text.substr(w.key_begin, w.end - w.key_begin);
  auto [it, inserted] = tally.words.try_emplace(std::move(w.key));
  WordTally::Seen& seen = it->second;
  ++seen.count;
  if (inserted) {
    seen.shown.assign(shown);
  } else if (seen.shown != shown) {
    // A word seen in lower case anywhere is shown in lower case.
    const std::string lower = Lower(shown);
    if (shown == lower) seen.shown = lower;
  }
}

void CountWords(std::string_view text, WordTally& tally) {
  for (Word& w : SplitWords(text)) CountWord(text, w, tally);
}

// NormalizeText(text), counting its words into `tally` on the way: one
// pass over the text for both.
std::string NormalizeCounting(std::string_view text, WordTally& tally) {
  std::string out;
  out.reserve(text.size());
  size_t last = 0;
  for (Word& w : SplitWords(text)) {
    out.append(text.substr(last, w.begin - last));
    out.append(w.key);
    last = w.end;
    CountWord(text, w, tally);
  }
  out.append(text.substr(last));
  return out;
}

}  // namespace

Xapian::Document BuildDocument(const Document& doc, const DisplayContext& context, WordTally& tally) {
  Xapian::Document xd;
  Xapian::TermGenerator tg;
  tg.set_document(xd);
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME_FULL_POS);

  const City* city = nullptr;
  if (auto it = context.cities.find(doc.city); it != context.cities.end()) city = &it->second;
  const Person* person = nullptr;
  if (auto it = context.people.find(doc.person); it != context.people.end()) person = &it->second;

  // Names and labels are shared by both languages.
  std::string names;
  if (city) names += city->name + " " + city->organisation + ". ";
  if (person) names += person->name + ". ";

  for (Lang lang : {Lang::kFr, Lang::kEn}) {
    const bool fr = lang == Lang::kFr;
    thread_local const Xapian::Stem french("french"), english("english");
    tg.set_stemmer(fr ? french : english);
    const std::string text_prefix = fr ? "" : is::kTextEn;
    const std::string title_prefix = fr ? is::kTitleFr : is::kTitleEn;
    const std::string title = NormalizeCounting(doc.title.In(lang), tally);
    tg.index_text(title, 1, title_prefix);
    tg.increase_termpos();
    tg.index_text(title, 3, text_prefix);
    tg.increase_termpos();
    tg.index_text(NormalizeCounting(doc.body.In(lang), tally), 1, text_prefix);
    tg.increase_termpos();
    // Names weigh like a title: a search for a person or a city finds
    // their records first.
    tg.index_text(NormalizeText(names), 3, text_prefix);
    tg.increase_termpos();
    if (person) {
      tg.index_text(NormalizeText(person->title.In(lang)), 1, text_prefix);
      tg.increase_termpos();
    }
    // Labels under their own prefix: a query weighs them below the text.
    const std::string labels = FacetLabels(doc, context.taxonomy, lang);
    tg.index_text(NormalizeText(labels), 1, is::kLabel);
    tg.increase_termpos();
    // The spelling dictionary takes labels in lower case (they are
    // capitalised by convention only) and the person's title.
    CountWords(Lower(labels), tally);
    if (person) CountWords(person->title.In(lang), tally);
  }

  xd.add_boolean_term(is::kId + doc.id);
  if (!doc.person.empty()) xd.add_boolean_term(is::kPerson + doc.person);
  // A role record answers a search for its person's name first.
  if (person && doc.kind == "role")
    for (const Word& w : SplitWords(person->name)) xd.add_boolean_term(is::kRoleName + w.key);
  // Each facet: a filter term per value, its values in its slot, and with
  // the city in its city x facet slot.
  for (const FacetSpec& facet : kFacets) {
    const std::vector<std::string> values = FacetValues(doc, facet.facet);
    for (const auto& v : values) xd.add_boolean_term(facet.prefix + v);
    xd.add_value(facet.slot, Joined(values));
    if (facet.city_slot && !doc.city.empty())
      xd.add_value(*facet.city_slot, doc.city + is::kCitySeparator + Joined(values));
  }
  xd.add_value(is::kSlotUpdated, doc.updated_at);
  xd.add_value(is::kSlotDate, doc.date.empty() ? doc.as_of : doc.date);
  // Cross-city records sort after the cities.
  xd.add_value(is::kSlotCitySort, city ? Fold(city->name) : std::string("\xff"));

  if (city) CountWords(city->name, tally);
  if (person) CountWords(person->name, tally);

  const DisplayRecord record = MakeDisplayRecord(doc, context);
  xd.add_value(is::kSlotTitle, EncodeDisplayTitle(record));
  xd.set_data(EncodeDisplayRecord(record));
  return xd;
}

void WriteWordTally(Xapian::WritableDatabase& db, WordTally& tally) {
  // In key order: Xapian's pending spelling fragments and the metadata
  // B-tree are then filled front to back.
  std::vector<const std::pair<const std::string, WordTally::Seen>*> sorted;
  sorted.reserve(tally.words.size());
  for (const auto& entry : tally.words) sorted.push_back(&entry);
  std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->first < b->first; });
  for (const auto* entry : sorted) db.add_spelling(entry->first, entry->second.count);
  // Accented forms: a lower-case form replaces a capitalised one once seen.
  const std::string prefix = std::string(is::kMetaSurfaces) + ":";
  for (const auto* entry : sorted) {
    const std::string& shown = entry->second.shown;
    const std::string meta_key = prefix + entry->first;
    const std::string old = db.get_metadata(meta_key);
    if (old.empty() || (old != shown && Lower(old) == shown)) db.set_metadata(meta_key, shown);
  }
  tally.words.clear();
}

}  // namespace citykb
