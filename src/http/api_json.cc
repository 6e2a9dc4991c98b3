#include "http/api_json.h"

#include <cmath>
#include <set>

#include "model/model_json.h"

namespace citykb {

using nlohmann::json;

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

namespace {
// An indicator observation with its source spelled out (title, publisher, date, URL).
json ObservationJson(const Indicator& i, const Catalog& catalog) {
  json j = i;
  auto source = catalog.sources.find(i.source);
  if (source != catalog.sources.end()) {
    const Source& s = source->second;
    j["source"] = {{"id", s.id},
                   {"title", s.title},
                   {"publisher", s.publisher},
                   {"published", s.published.empty() ? json(nullptr) : json(s.published)},
                   {"url", s.url}};
  } else {
    j["source"] = i.source.empty() ? json(nullptr) : json{{"id", i.source}};
  }
  j["as_of"] = i.as_of.empty() ? json(nullptr) : json(i.as_of);
  return j;
}
}  // namespace

json HitJson(const SearchHit& h, Lang lang, bool explain) {
  json j = {{"id", h.id},         {"kind", h.kind},
            {"title", h.title},   {"snippet", h.snippet},
            {"themes", h.themes}, {"stakeholders", h.stakeholders},
            {"score", h.score},   {"updated_at", h.updated_at}};
  j["city"] = h.city ? json{{"slug", h.city->slug}, {"name", h.city->name}} : json(nullptr);
  j["person"] = h.person ? json{{"id", h.person->id}, {"name", h.person->name}, {"title", h.person->title.In(lang)}}
                         : json(nullptr);
  json sources = json::array();
  for (const auto& s : h.sources)
    sources.push_back({{"id", s.id},
                       {"title", s.title},
                       {"publisher", s.publisher},
                       {"published", s.published.empty() ? json(nullptr) : json(s.published)},
                       {"url", s.url}});
  j["source"] = sources.empty() ? json(nullptr) : sources.front();
  j["sources"] = std::move(sources);
  j["as_of"] = h.as_of.empty() ? json(nullptr) : json(h.as_of);
  if (!h.date.empty()) j["date"] = h.date;
  if (explain) {
    json matches = json::array();
    for (const auto& m : h.explain) matches.push_back({{"word", m.word}, {"query", m.query}, {"how", m.how}});
    j["explain"] = matches;
  }
  return j;
}

json SearchResultJson(const SearchResult& r, Lang lang, bool explain) {
  // Built by moving the parts in: an initializer list would copy them.
  json hits = json::array();
  for (const auto& h : r.hits) hits.push_back(HitJson(h, lang, explain));
  json facets = json::object();
  for (const auto& [name, values] : r.facets) {
    json list = json::array();
    for (const auto& v : values) {
      json e = json::object();
      e["value"] = v.value;
      e["label"] = v.label;
      e["count"] = v.count;
      if (v.selected) e["selected"] = true;
      list.push_back(std::move(e));
    }
    facets[name] = std::move(list);
  }
  json out = json::object();
  out["query"] = r.query;
  out["total"] = r.total;
  out["page"] = r.page;
  out["per_page"] = r.per_page;
  out["hits"] = std::move(hits);
  out["facets"] = std::move(facets);
  out["suggestion"] = r.suggestion ? json(*r.suggestion) : json(nullptr);
  out["expanded"] = r.expanded;
  out["relaxed"] = r.relaxed;
  out["took_ms"] = r.took_ms;
  return out;
}

json DocumentJson(const DocumentView& v) {
  json j = v.document;
  j["city"] = v.city ? json{{"slug", v.city->slug}, {"name", v.city->name}} : json(nullptr);
  j["person"] = v.person ? json(*v.person) : json(nullptr);
  j["source"] = v.source ? json(*v.source) : json(nullptr);
  j["sources"] = v.sources;
  return j;
}

json TaxonomyJson(const Taxonomy& t) { return t; }

json SuggestionsJson(const std::string& query, const std::vector<Suggestion>& suggestions) {
  json list = json::array();
  for (const auto& s : suggestions) {
    json e = {{"text", s.text}, {"type", s.type}};
    if (!s.id.empty()) e["id"] = s.id;
    list.push_back(e);
  }
  return json{{"query", query}, {"suggestions", list}};
}

json ChangesJson(const std::vector<Change>& changes, int64_t since, int64_t last) {
  json list = json::array();
  for (const auto& c : changes)
    list.push_back({{"seq", c.seq}, {"at", c.at}, {"entity", c.entity}, {"id", c.entity_id}, {"op", c.op}});
  return json{{"since", since}, {"last_seq", last}, {"changes", list}};
}

json CitiesJson(const std::vector<CitySummary>& cities, Lang lang) {
  json list = json::array();
  for (const auto& c : cities) {
    int total = 0;
    for (const auto& [kind, n] : c.documents_by_kind) total += n;
    list.push_back({{"slug", c.city.slug},
                    {"name", c.city.name},
                    {"organisation", c.city.organisation},
                    {"country", c.city.country},
                    {"summary", c.city.summary.In(lang)},
                    {"indicators", c.city.indicators.size()},
                    {"documents", {{"total", total}, {"by_kind", c.documents_by_kind}}},
                    {"updated_at", c.city.updated_at}});
  }
  return json{{"cities", list}};
}

json CityPageJson(const CityPage& page, const Catalog& catalog) {
  json documents = json::object();
  for (const auto& [kind, docs] : page.documents) {
    json list = json::array();
    for (const auto& d : docs) {
      json item = {{"id", d.id},
                   {"kind", d.kind},
                   {"title", d.title},
                   {"themes", d.themes},
                   {"stakeholders", d.stakeholders},
                   {"updated_at", d.updated_at}};
      item["person"] = d.person.empty() ? json(nullptr) : json(d.person);
      list.push_back(item);
    }
    documents[kind] = list;
  }
  json people = json::array();
  for (const auto& p : page.people) {
    json person = p;
    json roles = json::array();
    for (const auto& [kind, docs] : page.documents)
      for (const auto& d : docs)
        if (kind == "role" && d.person == p.id) roles.push_back({{"id", d.id}, {"title", d.title}});
    person["roles"] = roles;
    people.push_back(person);
  }
  json indicators = json::array();
  for (const auto& i : page.city.indicators) indicators.push_back(ObservationJson(i, catalog));
  json city = page.city;
  city["indicators"] = indicators;
  return json{{"city", city}, {"people", people}, {"indicators", indicators}, {"documents", documents}};
}

namespace {
std::string Plural(const std::string& rows) { return rows + "s"; }
}  // namespace

namespace {
json CityRefJson(const std::optional<CityRef>& city) {
  return city ? json{{"slug", city->slug}, {"name", city->name}} : json(nullptr);
}

json OptionalDate(const std::string& date) { return date.empty() ? json(nullptr) : json(date); }

// A record in a list: enough to show and link it.
json RecordSummaryJson(const Document& d, const Catalog& catalog, Lang lang) {
  std::optional<CityRef> city;
  if (auto c = catalog.cities.find(d.city); c != catalog.cities.end()) city = CityRef{c->first, c->second.name};
  json j = {{"id", d.id},
            {"kind", d.kind},
            {"city", CityRefJson(city)},
            {"title", d.title.In(lang)},
            {"themes", d.themes},
            {"as_of", OptionalDate(d.as_of)}};
  if (!d.date.empty()) j["date"] = d.date;
  return j;
}
}  // namespace

json SimilarCitiesJson(const std::string& slug, const std::vector<SimilarCity>& similar, Lang lang) {
  json list = json::array();
  for (const auto& s : similar) {
    json reasons = json::array();
    for (const auto& r : s.reasons) reasons.push_back(r.In(lang));
    list.push_back({{"slug", s.city.slug},
                    {"name", s.city.name},
                    {"score", std::round(s.score * 1000) / 1000},
                    {"reasons", reasons}});
  }
  return json{{"city", slug}, {"similar", list}};
}

json SourcesJson(const std::vector<SourceSummary>& sources) {
  json list = json::array();
  std::set<std::string> publishers;
  for (const auto& s : sources) {
    json item = s.source;
    item["citations"] = s.citations;
    list.push_back(std::move(item));
    if (!s.source.publisher.empty()) publishers.insert(s.source.publisher);
  }
  return json{
      {"total", sources.size()}, {"publishers", publishers.size()}, {"sources", list}, {"licence", kCorpusLicence}};
}

json SourcePageJson(const SourcePage& page, const Catalog& catalog, Lang lang) {
  json docs = json::array();
  for (const auto& d : page.documents) docs.push_back(RecordSummaryJson(d, catalog, lang));
  json indicators = json::array();
  for (const auto& [city, ind] : page.indicators) {
    json item = ind;
    item.erase("source");
    item["city"] = city;
    if (auto c = catalog.cities.find(city); c != catalog.cities.end()) item["city_name"] = c->second.name;
    if (auto def = catalog.indicators.find(ind.name); def != catalog.indicators.end())
      item["label"] = def->second.label.In(lang);
    else
      item["label"] = ind.label.In(lang);
    indicators.push_back(std::move(item));
  }
  return json{{"source", page.source}, {"documents", docs}, {"indicators", indicators}};
}

json PersonPageJson(const PersonPage& page, const Catalog& catalog, Lang lang) {
  json person = page.person;
  json roles = json::array();
  for (const auto& r : page.person.roles) {
    json role = r;
    if (auto s = catalog.sources.find(r.source); s != catalog.sources.end())
      role["source"] = {{"id", s->first},
                        {"title", s->second.title},
                        {"publisher", s->second.publisher},
                        {"published", OptionalDate(s->second.published)},
                        {"url", s->second.url}};
    roles.push_back(std::move(role));
  }
  person["roles"] = roles;
  person["city"] = CityRefJson(page.city);
  json docs = json::array();
  for (const auto& d : page.documents) docs.push_back(RecordSummaryJson(d, catalog, lang));
  return json{{"person", person}, {"documents", docs}};
}

json TimelineJson(const std::vector<TimelineEntry>& entries, Lang lang) {
  json list = json::array();
  for (const auto& e : entries) {
    const Document& d = e.milestone;
    list.push_back({{"id", d.id},
                    {"date", d.date},
                    {"city", CityRefJson(e.city)},
                    {"title", d.title.In(lang)},
                    {"summary", d.body.In(lang)},
                    {"themes", d.themes},
                    {"sources", d.sources}});
  }
  return json{{"total", entries.size()}, {"milestones", list}};
}

json CompareJson(const CompareResult& r, Lang lang, const Catalog& catalog) {
  json cities = json::array();
  for (const auto& c : r.cities) cities.push_back({{"slug", c.slug}, {"name", c.name}});
  json values = json::array();
  for (const auto& v : r.values) values.push_back({{"value", v.value}, {"label", v.label}, {"count", v.count}});
  json cells = json::array();
  for (const auto& cell : r.cells) {
    json hits = json::array();
    for (const auto& h : cell.hits) hits.push_back(HitJson(h, lang, false));
    cells.push_back(
        {{"city", cell.city}, {r.rows, cell.value}, {"value", cell.value}, {"count", cell.count}, {"hits", hits}});
  }
  json indicators = json::array();
  for (const auto& row : r.indicators) {
    json values_by_city = json::object(), details = json::object(), observations = json::object(),
         conflicts = json::object();
    bool any_conflict = false;
    for (const auto& [city, ind] : row.values) {
      values_by_city[city] = ind ? json(ind->value) : json(nullptr);
      details[city] = ind ? ObservationJson(*ind, catalog) : json(nullptr);
      json list = json::array();
      if (auto it = row.observations.find(city); it != row.observations.end())
        for (const auto& o : it->second) list.push_back(ObservationJson(o, catalog));
      observations[city] = std::move(list);
      auto c = row.conflicts.find(city);
      const bool conflict = c != row.conflicts.end() && c->second;
      conflicts[city] = conflict;
      any_conflict = any_conflict || conflict;
    }
    json item = {{"name", row.name},        {"label", row.label},           {"values", values_by_city},
                 {"details", details},      {"observations", observations}, {"conflicts", conflicts},
                 {"conflict", any_conflict}};
    if (auto def = catalog.indicators.find(row.name); def != catalog.indicators.end()) {
      item["unit"] = def->second.unit;
      item["definition"] = def->second.definition.In(lang);
    }
    indicators.push_back(std::move(item));
  }
  return json{{"rows", r.rows},           {"cities", cities}, {Plural(r.rows), values}, {"cells", cells},
              {"indicators", indicators}, {"total", r.total}, {"took_ms", r.took_ms}};
}

json SideBySideJson(const SideBySide& v, Lang lang) {
  json columns = json::array();
  for (const auto& c : v.columns) {
    json practices = json::array(), interviews = json::array();
    for (const auto& h : c.practices) practices.push_back(HitJson(h, lang, false));
    for (const auto& h : c.interviews) interviews.push_back(HitJson(h, lang, false));
    columns.push_back({{"city", {{"slug", c.city.slug}, {"name", c.city.name}}},
                       {"practices", practices},
                       {"interviews", interviews}});
  }
  return json{{"view", "side-by-side"},
              {"theme", {{"value", v.theme}, {"label", v.label}}},
              {"columns", columns},
              {"took_ms", v.took_ms}};
}

}  // namespace citykb
