#include "index/document_builder.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "index/index_schema.h"
#include "model/model_json.h"
#include "text/text_analysis.h"

namespace citykb {

using nlohmann::json;
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

// The labels of a document's facets, in one language, indexed as text so
// that "gouvernance" also finds records tagged governance.
std::string FacetLabels(const Document& doc, const Taxonomy& tax, Lang lang) {
  std::string out;
  for (const auto& t : doc.themes)
    if (auto* e = Find(tax.themes, t)) out += e->label.In(lang) + ". ";
  for (const auto& s : doc.stakeholders)
    if (auto* e = Find(tax.stakeholders, s)) out += e->label.In(lang) + ". ";
  if (auto* e = Find(tax.kinds, doc.kind)) out += e->label.In(lang) + ". ";
  return out;
}

json DisplayRecord(const Document& doc, const DisplayContext& context) {
  json j = doc;
  auto city = context.cities.find(doc.city);
  j["city"] = city == context.cities.end() ? json(nullptr) : json{{"slug", doc.city}, {"name", city->second.name}};
  auto person = context.people.find(doc.person);
  j["person"] = person == context.people.end()
                    ? json(nullptr)
                    : json{{"id", doc.person}, {"name", person->second.name}, {"title", person->second.title}};
  auto source = context.sources.find(doc.source);
  j["source"] = source == context.sources.end() ? json(nullptr)
                                                 : json{{"id", doc.source}, {"title", source->second.title}};
  return j;
}

}  // namespace

Xapian::Document BuildDocument(const Document& doc, const DisplayContext& context) {
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
    tg.set_stemmer(Xapian::Stem(fr ? "french" : "english"));
    const std::string text_prefix = fr ? "" : is::kTextEn;
    const std::string title_prefix = fr ? is::kTitleFr : is::kTitleEn;
    const std::string title = NormalizeText(doc.title.In(lang));
    tg.index_text(title, 1, title_prefix);
    tg.increase_termpos();
    tg.index_text(title, 3, text_prefix);
    tg.increase_termpos();
    tg.index_text(NormalizeText(doc.body.In(lang)), 1, text_prefix);
    tg.increase_termpos();
    // Names weigh like a title: a search for a person or a city finds
    // their records first.
    tg.index_text(NormalizeText(names), 3, text_prefix);
    tg.increase_termpos();
    std::string extra;
    if (person) extra += person->title.In(lang) + ". ";
    extra += FacetLabels(doc, context.taxonomy, lang);
    tg.index_text(NormalizeText(extra), 1, text_prefix);
    tg.increase_termpos();
  }

  xd.add_boolean_term(is::kId + doc.id);
  xd.add_boolean_term(is::kKind + doc.kind);
  if (!doc.city.empty()) xd.add_boolean_term(is::kCity + doc.city);
  if (!doc.person.empty()) xd.add_boolean_term(is::kPerson + doc.person);
  for (const auto& t : doc.themes) xd.add_boolean_term(is::kTheme + t);
  for (const auto& s : doc.stakeholders) xd.add_boolean_term(is::kStakeholder + s);

  xd.add_value(is::kSlotCity, doc.city);
  xd.add_value(is::kSlotThemes, Joined(doc.themes));
  xd.add_value(is::kSlotStakeholders, Joined(doc.stakeholders));
  xd.add_value(is::kSlotKind, doc.kind);
  xd.add_value(is::kSlotUpdated, doc.updated_at);
  if (!doc.city.empty()) {
    const std::string city_key = doc.city + is::kCitySeparator;
    xd.add_value(is::kSlotCityThemes, city_key + Joined(doc.themes));
    xd.add_value(is::kSlotCityStakeholders, city_key + Joined(doc.stakeholders));
    xd.add_value(is::kSlotCityKind, city_key + doc.kind);
  }
  // Cross-city records sort after the cities.
  xd.add_value(is::kSlotCitySort, city ? Fold(city->name) : std::string("\xff"));

  xd.set_data(DisplayRecord(doc, context).dump());
  return xd;
}

void AddSpellingAndSurfaces(Xapian::WritableDatabase& db, const Document& doc, const DisplayContext& context,
                            std::map<std::string, std::string>& surfaces) {
  auto add = [&](const std::string& text) {
    for (const Word& w : SplitWords(text)) {
      if (w.key.size() < 3 || w.key.size() > 64) continue;
      db.add_spelling(w.key);
      const std::string shown = text.substr(w.key_begin, w.end - w.key_begin);
      const std::string lower = Lower(shown);
      auto [it, inserted] = surfaces.emplace(w.key, shown);
      // A word seen in lower case anywhere is shown in lower case.
      if (!inserted && it->second != lower && shown == lower) it->second = lower;
    }
  };
  for (Lang lang : {Lang::kFr, Lang::kEn}) {
    add(doc.title.In(lang));
    add(doc.body.In(lang));
    add(Lower(FacetLabels(doc, context.taxonomy, lang)));  // labels are capitalised by convention only
    if (auto it = context.people.find(doc.person); it != context.people.end()) add(it->second.title.In(lang));
  }
  if (auto it = context.cities.find(doc.city); it != context.cities.end()) add(it->second.name);
  if (auto it = context.people.find(doc.person); it != context.people.end()) add(it->second.name);
}

}  // namespace citykb
