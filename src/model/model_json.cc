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

void to_json(json& j, const Indicator& i) {
  j = json{{"name", i.name}, {"label", i.label}, {"value", i.value}, {"unit", i.unit}};
  if (i.approximate) j["approximate"] = true;
  PutIfNotEmpty(j, "source", i.source);
  PutIfNotEmpty(j, "document", i.document);
}
void from_json(const json& j, Indicator& i) {
  i.name = Str(j, "name");
  if (j.contains("label")) j.at("label").get_to(i.label);
  i.value = j.value("value", 0.0);
  i.unit = Str(j, "unit");
  i.approximate = j.value("approximate", false);
  i.source = Str(j, "source");
  i.document = Str(j, "document");
}

void to_json(json& j, const City& c) {
  j = json{{"slug", c.slug}, {"name", c.name}, {"organisation", c.organisation}};
  PutIfNotEmpty(j, "country", c.country);
  j["summary"] = c.summary;
  j["indicators"] = c.indicators;
  PutIfNotEmpty(j, "updated_at", c.updated_at);
}
void from_json(const json& j, City& c) {
  c.slug = Str(j, "slug");
  c.name = Str(j, "name");
  c.organisation = Str(j, "organisation");
  c.country = Str(j, "country");
  if (j.contains("summary")) j.at("summary").get_to(c.summary);
  if (j.contains("indicators")) j.at("indicators").get_to(c.indicators);
  c.updated_at = Str(j, "updated_at");
}

void to_json(json& j, const Person& p) {
  j = json{{"id", p.id}, {"name", p.name}};
  PutIfNotEmpty(j, "city", p.city);
  j["title"] = p.title;
  PutIfNotEmpty(j, "organisation", p.organisation);
}
void from_json(const json& j, Person& p) {
  p.id = Str(j, "id");
  p.name = Str(j, "name");
  p.city = Str(j, "city");
  if (j.contains("title")) j.at("title").get_to(p.title);
  p.organisation = Str(j, "organisation");
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
  d.updated_at = Str(j, "updated_at");
}

void to_json(json& j, const Source& s) {
  j = json{{"id", s.id}, {"title", s.title}};
  PutIfNotEmpty(j, "publisher", s.publisher);
  PutIfNotEmpty(j, "date", s.date);
  PutIfNotEmpty(j, "note", s.note);
}
void from_json(const json& j, Source& s) {
  s.id = Str(j, "id");
  s.title = Str(j, "title");
  s.publisher = Str(j, "publisher");
  s.date = Str(j, "date");
  s.note = Str(j, "note");
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
    documents.push_back(d);
  }
  out["documents"] = documents;
  return out;
}

}  // namespace citykb
