#include "model/model_json.h"

namespace citykb {

using nlohmann::json;

namespace {

void PutIfNotEmpty(json& j, const char* key, const std::string& value) {
  if (!value.empty()) j[key] = value;
}

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

void to_json(json& j, const LocalizedText& t) { j = json{{"fr", t.fr}, {"en", t.en}}; }
void from_json(const json& j, LocalizedText& t) {
  t.fr = Str(j, "fr");
  t.en = Str(j, "en");
}

namespace {

bool Empty(const LocalizedText& t) { return t.fr.empty() && t.en.empty(); }

void PutIfNotEmpty(json& j, const char* key, const LocalizedText& value) {
  if (!Empty(value)) j[key] = value;
}

void GetText(const json& j, const char* key, LocalizedText& out) {
  auto it = j.find(key);
  if (it == j.end()) return;
  if (it->is_object())
    it->get_to(out);
  else if (it->is_string())
    out.fr = out.en = it->get<std::string>();  // stores written before notes were {fr,en}
}

}  // namespace

void to_json(json& j, const Indicator& i) {
  j = json{{"name", i.name}};
  PutIfNotEmpty(j, "label", i.label);
  j["value"] = i.value;
  j["unit"] = i.unit;
  if (i.approximate) j["approximate"] = true;
  PutIfNotEmpty(j, "as_of", i.as_of);
  PutIfNotEmpty(j, "source", i.source);
  PutIfNotEmpty(j, "document", i.document);
  PutIfNotEmpty(j, "note", i.note);
}
void from_json(const json& j, Indicator& i) {
  i.name = Str(j, "name");
  GetText(j, "label", i.label);
  i.value = j.value("value", 0.0);
  i.unit = Str(j, "unit");
  i.approximate = j.value("approximate", false);
  i.as_of = Str(j, "as_of");
  i.source = Str(j, "source");
  i.document = Str(j, "document");
  GetText(j, "note", i.note);
}

void to_json(json& j, const IndicatorDefinition& d) {
  j = json{{"name", d.name}, {"label", d.label}, {"unit", d.unit}, {"definition", d.definition}};
}
void from_json(const json& j, IndicatorDefinition& d) {
  d.name = Str(j, "name");
  GetText(j, "label", d.label);
  d.unit = Str(j, "unit");
  GetText(j, "definition", d.definition);
}

void to_json(json& j, const Role& r) {
  j = json{{"title", r.title}};
  PutIfNotEmpty(j, "organisation", r.organisation);
  PutIfNotEmpty(j, "city", r.city);
  PutIfNotEmpty(j, "from", r.from);
  PutIfNotEmpty(j, "to", r.to);
  PutIfNotEmpty(j, "as_of", r.as_of);
  PutIfNotEmpty(j, "source", r.source);
}
void from_json(const json& j, Role& r) {
  GetText(j, "title", r.title);
  r.organisation = Str(j, "organisation");
  r.city = Str(j, "city");
  r.from = Str(j, "from");
  r.to = Str(j, "to");
  r.as_of = Str(j, "as_of");
  r.source = Str(j, "source");
}

void to_json(json& j, const Partner& p) {
  j = json{{"name", p.name}};
  PutIfNotEmpty(j, "stakeholder", p.stakeholder);
}
void from_json(const json& j, Partner& p) {
  p.name = Str(j, "name");
  p.stakeholder = Str(j, "stakeholder");
}

void to_json(json& j, const Budget& b) {
  j = json{{"amount", b.amount}, {"currency", b.currency}};
  if (b.approximate) j["approximate"] = true;
  PutIfNotEmpty(j, "as_of", b.as_of);
  PutIfNotEmpty(j, "source", b.source);
}
void from_json(const json& j, Budget& b) {
  b.amount = j.value("amount", 0.0);
  b.currency = Str(j, "currency");
  b.approximate = j.value("approximate", false);
  b.as_of = Str(j, "as_of");
  b.source = Str(j, "source");
}

void to_json(json& j, const City& c) {
  j = json{{"slug", c.slug}, {"name", c.name}, {"organisation", c.organisation}};
  PutIfNotEmpty(j, "organisation_kind", c.organisation_kind);
  PutIfNotEmpty(j, "country", c.country);
  PutIfNotEmpty(j, "region", c.region);
  j["summary"] = c.summary;
  j["indicators"] = c.indicators;
  PutIfNotEmpty(j, "updated_at", c.updated_at);
}
void from_json(const json& j, City& c) {
  c.slug = Str(j, "slug");
  c.name = Str(j, "name");
  c.organisation = Str(j, "organisation");
  c.organisation_kind = Str(j, "organisation_kind");
  c.country = Str(j, "country");
  c.region = Str(j, "region");
  if (j.contains("summary")) j.at("summary").get_to(c.summary);
  if (j.contains("indicators")) j.at("indicators").get_to(c.indicators);
  c.updated_at = Str(j, "updated_at");
}

void to_json(json& j, const Person& p) {
  j = json{{"id", p.id}, {"name", p.name}};
  PutIfNotEmpty(j, "city", p.city);
  j["title"] = p.title;
  PutIfNotEmpty(j, "organisation", p.organisation);
  if (!p.roles.empty()) j["roles"] = p.roles;
}
void from_json(const json& j, Person& p) {
  p.id = Str(j, "id");
  p.name = Str(j, "name");
  p.city = Str(j, "city");
  if (j.contains("title")) j.at("title").get_to(p.title);
  p.organisation = Str(j, "organisation");
  if (auto it = j.find("roles"); it != j.end() && it->is_array()) it->get_to(p.roles);
}

void to_json(json& j, const Document& d) {
  j = json{{"id", d.id}, {"kind", d.kind}};
  PutIfNotEmpty(j, "city", d.city);
  j["title"] = d.title;
  j["body"] = d.body;
  PutIfNotEmpty(j, "person", d.person);
  j["themes"] = d.themes;
  j["stakeholders"] = d.stakeholders;
  PutIfNotEmpty(j, "source", d.source);
  if (!d.sources.empty()) j["sources"] = d.sources;
  j["as_of"] = d.as_of.empty() ? json(nullptr) : json(d.as_of);
  PutIfNotEmpty(j, "date", d.date);
  const PracticeSheet& p = d.practice;
  PutIfNotEmpty(j, "challenge", p.challenge);
  PutIfNotEmpty(j, "approach", p.approach);
  if (!p.partners.empty()) j["partners"] = p.partners;
  if (p.budget) j["budget"] = *p.budget;
  PutIfNotEmpty(j, "results", p.results);
  PutIfNotEmpty(j, "lessons", p.lessons);
  PutIfNotEmpty(j, "updated_at", d.updated_at);
}
void from_json(const json& j, Document& d) {
  d.id = Str(j, "id");
  d.kind = Str(j, "kind");
  d.city = Str(j, "city");
  if (j.contains("title")) j.at("title").get_to(d.title);
  if (j.contains("body")) j.at("body").get_to(d.body);
  d.person = Str(j, "person");
  if (j.contains("themes")) j.at("themes").get_to(d.themes);
  if (j.contains("stakeholders")) j.at("stakeholders").get_to(d.stakeholders);
  d.source = Str(j, "source");
  if (auto it = j.find("sources"); it != j.end() && it->is_array()) it->get_to(d.sources);
  if (d.sources.empty() && !d.source.empty()) d.sources.push_back(d.source);  // records stored before `sources`
  if (!d.sources.empty()) d.source = d.sources.front();
  d.as_of = Str(j, "as_of");
  d.date = Str(j, "date");
  PracticeSheet& p = d.practice;
  GetText(j, "challenge", p.challenge);
  GetText(j, "approach", p.approach);
  if (auto it = j.find("partners"); it != j.end() && it->is_array()) it->get_to(p.partners);
  if (auto it = j.find("budget"); it != j.end() && it->is_object()) p.budget = it->get<Budget>();
  GetText(j, "results", p.results);
  GetText(j, "lessons", p.lessons);
  d.updated_at = Str(j, "updated_at");
}

void to_json(json& j, const Source& s) {
  j = json{{"id", s.id}, {"url", s.url}, {"title", s.title}};
  PutIfNotEmpty(j, "publisher", s.publisher);
  j["published"] = s.published.empty() ? json(nullptr) : json(s.published);
  PutIfNotEmpty(j, "kind", s.kind);
  PutIfNotEmpty(j, "lang", s.lang);
  PutIfNotEmpty(j, "note", s.note);
}
void from_json(const json& j, Source& s) {
  s.id = Str(j, "id");
  s.url = Str(j, "url");
  s.title = Str(j, "title");
  s.publisher = Str(j, "publisher");
  s.published = Str(j, "published");
  if (s.published.empty()) s.published = Str(j, "date");  // sources stored before `published`
  s.kind = Str(j, "kind");
  s.lang = Str(j, "lang");
  GetText(j, "note", s.note);
}

void to_json(json& j, const TaxonomyEntry& e) {
  j = json{{"slug", e.slug}, {"label", e.label}};
  if (!e.description.fr.empty() || !e.description.en.empty()) j["description"] = e.description;
  PutIfNotEmpty(j, "family", e.family);
}
void from_json(const json& j, TaxonomyEntry& e) {
  e.slug = Str(j, "slug");
  if (j.contains("label")) j.at("label").get_to(e.label);
  if (j.contains("description")) j.at("description").get_to(e.description);
  e.family = Str(j, "family");
}

void to_json(json& j, const Taxonomy& t) {
  j = json{{"themes", t.themes}, {"stakeholders", t.stakeholders}, {"kinds", t.kinds}};
}

json BundleToJson(const Bundle& bundle, bool with_timestamps) {
  json out = json::object();
  if (!bundle.sources.empty()) out["sources"] = bundle.sources;
  if (!bundle.city.slug.empty()) {
    json city = bundle.city;
    if (!with_timestamps) city.erase("updated_at");
    out["city"] = city;
  }
  json people = json::array();
  for (Person p : bundle.people) {
    p.city.clear();
    people.push_back(p);
  }
  out["people"] = people;
  json documents = json::array();
  for (Document d : bundle.documents) {
    d.city.clear();
    if (!with_timestamps) d.updated_at.clear();
    json doc = d;
    doc.erase("source");  // `sources` says it all in a bundle
    if (d.as_of.empty()) doc.erase("as_of");
    documents.push_back(std::move(doc));
  }
  out["documents"] = documents;
  return out;
}

}  // namespace citykb
