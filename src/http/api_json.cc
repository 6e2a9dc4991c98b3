#include "http/api_json.h"

#include "model/model_json.h"

namespace citykb {

using nlohmann::json;

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

json HitJson(const SearchHit& h, Lang lang, bool explain) {
  json j = {{"id", h.id}, {"kind", h.kind}, {"title", h.title}, {"snippet", h.snippet},
            {"themes", h.themes}, {"stakeholders", h.stakeholders}, {"score", h.score},
            {"updated_at", h.updated_at}};
  j["city"] = h.city ? json{{"slug", h.city->slug}, {"name", h.city->name}} : json(nullptr);
  j["person"] = h.person ? json{{"id", h.person->id}, {"name", h.person->name}, {"title", h.person->title.In(lang)}}
                         : json(nullptr);
  j["source"] = h.source ? json{{"id", h.source->id}, {"title", h.source->title}} : json(nullptr);
  if (explain) {
    json matches = json::array();
    for (const auto& m : h.explain) matches.push_back({{"word", m.word}, {"query", m.query}, {"how", m.how}});
    j["explain"] = matches;
  }
  return j;
}

json SearchResultJson(const SearchResult& r, Lang lang, bool explain) {
  json hits = json::array();
  for (const auto& h : r.hits) hits.push_back(HitJson(h, lang, explain));
  json facets = json::object();
  for (const auto& [name, values] : r.facets) {
    json list = json::array();
    for (const auto& v : values) {
      json e = {{"value", v.value}, {"label", v.label}, {"count", v.count}};
      if (v.selected) e["selected"] = true;
      list.push_back(e);
    }
    facets[name] = list;
  }
  return json{{"query", r.query},
              {"total", r.total},
              {"page", r.page},
              {"per_page", r.per_page},
              {"hits", hits},
              {"facets", facets},
              {"suggestion", r.suggestion ? json(*r.suggestion) : json(nullptr)},
              {"expanded", r.expanded},
              {"relaxed", r.relaxed},
              {"took_ms", r.took_ms}};
}

json DocumentJson(const DocumentView& v) {
  json j = v.document;
  j["city"] = v.city ? json{{"slug", v.city->slug}, {"name", v.city->name}} : json(nullptr);
  j["person"] = v.person ? json(*v.person) : json(nullptr);
  j["source"] = v.source ? json(*v.source) : json(nullptr);
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

}  // namespace citykb
