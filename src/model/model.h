// The citykb data model: cities, people, documents, sources and the taxonomy.
// Plain values with no behaviour; every module speaks in these types.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace citykb {

// The two content languages. French is the primary one.
enum class Lang { kFr, kEn };

inline const char* LangCode(Lang lang) { return lang == Lang::kFr ? "fr" : "en"; }

// A text written in both content languages.
struct LocalizedText {
  std::string fr;
  std::string en;
  const std::string& In(Lang lang) const { return lang == Lang::kFr ? fr : en; }
  bool operator==(const LocalizedText&) const = default;
};

// A named number a city reports (services involved, partners, ...).
// `name` is the key that aligns indicators across cities.
struct Indicator {
  std::string name;
  LocalizedText label;
  double value = 0;
  std::string unit;
  bool approximate = false;
  std::string source;    // source id
  std::string document;  // optional id of the document that carries the number
  bool operator==(const Indicator&) const = default;
};

struct City {
  std::string slug;
  std::string name;
  std::string organisation;
  std::string country;
  LocalizedText summary;
  std::vector<Indicator> indicators;
  std::string updated_at;  // ISO 8601, stamped by the store
  bool operator==(const City&) const = default;
};

struct Person {
  std::string id;
  std::string name;
  std::string city;  // slug, empty for cross-city people
  LocalizedText title;
  std::string organisation;
  bool operator==(const Person&) const = default;
};

// A city with the number of its documents by kind.
struct CitySummary {
  City city;
  std::map<std::string, int> documents_by_kind;
};

// One record of the knowledge base: a profile, a role, a practice or an
// interview point.
struct Document {
  std::string id;
  std::string kind;  // profile | role | practice | interview
  std::string city;  // slug, empty for cross-city facts
  LocalizedText title;
  LocalizedText body;
  std::string person;  // person id, may be empty
  std::vector<std::string> themes;
  std::vector<std::string> stakeholders;
  std::string source;      // source id
  std::string updated_at;  // ISO 8601, stamped by the store
  bool operator==(const Document&) const = default;
};

struct Source {
  std::string id;
  std::string title;
  std::string publisher;  // empty when unknown
  std::string date;       // empty when unknown
  std::string note;
  bool operator==(const Source&) const = default;
};

// One value of a facet of the taxonomy (a theme, a stakeholder or a kind).
struct TaxonomyEntry {
  std::string slug;
  LocalizedText label;
  LocalizedText description;
  std::string family;  // themes only: EU framework family
  bool operator==(const TaxonomyEntry&) const = default;
};

struct Taxonomy {
  std::vector<TaxonomyEntry> themes;
  std::vector<TaxonomyEntry> stakeholders;
  std::vector<TaxonomyEntry> kinds;
  bool operator==(const Taxonomy&) const = default;
};

// A group of equivalent expressions ("ville intelligente", "smart city").
using SynonymGroup = std::vector<std::string>;

// What a city file holds: the city, its people and its documents. The
// cross-city file is a bundle without a city (city.slug empty).
struct Bundle {
  City city;
  std::vector<Person> people;
  std::vector<Document> documents;
};

// The whole corpus as read from a corpus directory.
struct Corpus {
  Taxonomy taxonomy;
  std::vector<Source> sources;
  std::vector<SynonymGroup> synonyms;
  std::vector<Bundle> bundles;  // the cross-city bundle, if any, has an empty slug
};

}  // namespace citykb
