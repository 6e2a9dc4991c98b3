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

// One observation of a named number about a city (population, partners,
// programme start...): its value as of a date, according to one source.
// `name` is the key that aligns indicators across cities; a city may hold
// several observations of one name (a series over dates, or sources that
// disagree on one date).
struct Indicator {
  std::string name;
  LocalizedText label;  // optional in bundles: corpus/indicators.json defines it
  double value = 0;
  std::string unit;
  bool approximate = false;
  std::string as_of;     // when the value holds (partial ISO date), may be empty
  std::string source;    // source id
  std::string document;  // optional id of the document that carries the number
  LocalizedText note;    // optional remark (e.g. what a disagreement is about)
  bool operator==(const Indicator&) const = default;
};

// What an indicator name means: corpus/indicators.json.
struct IndicatorDefinition {
  std::string name;
  LocalizedText label;
  std::string unit;
  LocalizedText definition;
  bool operator==(const IndicatorDefinition&) const = default;
};

struct City {
  std::string slug;
  std::string name;
  std::string organisation;
  std::string country;
  std::string organisation_kind;  // métropole, commune, city council... (may be empty)
  std::string region;             // optional
  LocalizedText summary;
  std::vector<Indicator> indicators;
  std::string updated_at;  // ISO 8601, stamped by the store
  bool operator==(const City&) const = default;
};

// A post a person held, according to a source.
struct Role {
  LocalizedText title;
  std::string organisation;
  std::string city;  // slug, may be empty
  std::string from;  // partial ISO dates, each may be empty
  std::string to;
  std::string as_of;
  std::string source;  // source id
  bool operator==(const Role&) const = default;
};

struct Person {
  std::string id;
  std::string name;
  std::string city;     // slug, empty for cross-city people
  LocalizedText title;  // the latest role
  std::string organisation;
  std::vector<Role> roles;  // over time
  bool operator==(const Person&) const = default;
};

// A city with the number of its documents by kind.
struct CitySummary {
  City city;
  std::map<std::string, int> documents_by_kind;
};

// A partner of a practice, with the kind of actor it is.
struct Partner {
  std::string name;
  std::string stakeholder;  // stakeholder slug, may be empty
  bool operator==(const Partner&) const = default;
};

// An amount of money as a source gives it.
struct Budget {
  double amount = 0;
  std::string currency;  // ISO 4217 (EUR)
  bool approximate = false;
  std::string as_of;
  std::string source;  // source id
  bool operator==(const Budget&) const = default;
};

// The good-practice sheet a practice record may carry; every part optional.
struct PracticeSheet {
  LocalizedText challenge;
  LocalizedText approach;
  std::vector<Partner> partners;
  std::optional<Budget> budget;
  LocalizedText results;
  LocalizedText lessons;
  bool empty() const {
    return challenge.fr.empty() && approach.fr.empty() && partners.empty() && !budget && results.fr.empty() &&
           lessons.fr.empty();
  }
  bool operator==(const PracticeSheet&) const = default;
};

// One record of the knowledge base: a profile, a role, a practice, an
// interview point or a milestone (a dated event). A new field also goes
// into the index's stored form (index/display_record.cc).
struct Document {
  std::string id;
  std::string kind;  // profile | role | practice | interview | milestone
  std::string city;  // slug, empty for cross-city facts
  LocalizedText title;
  LocalizedText body;
  std::string person;  // person id, may be empty
  std::vector<std::string> themes;
  std::vector<std::string> stakeholders;
  std::string source;                // the first of `sources` (kept for existing clients)
  std::vector<std::string> sources;  // source ids, at least one
  std::string as_of;                 // when the facts hold (partial ISO date), may be empty
  std::string date;                  // milestones: the date of the event
  PracticeSheet practice;            // practices: the good-practice sheet
  std::string updated_at;            // ISO 8601: when the record last changed in citykb
  bool operator==(const Document&) const = default;
};

// Where facts come from: a page, a report, an article.
struct Source {
  std::string id;
  std::string url;  // http(s)
  std::string title;
  std::string publisher;  // empty when unknown
  std::string published;  // partial ISO date; empty when no source gives it
  std::string kind;       // press | official | public-body | research | vendor | other
  std::string lang;       // fr, en...
  LocalizedText note;     // optional
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
  std::vector<Source> sources;  // new or updated sources the bundle brings
  std::vector<Person> people;
  std::vector<Document> documents;
};

// The whole corpus as read from a corpus directory.
struct Corpus {
  Taxonomy taxonomy;
  std::vector<IndicatorDefinition> indicators;
  std::vector<Source> sources;
  std::vector<SynonymGroup> synonyms;
  std::vector<Bundle> bundles;  // the cross-city bundle, if any, has an empty slug
};

}  // namespace citykb
