#include "search/hit_builder.h"

#include <nlohmann/json.hpp>

#include "model/model_json.h"

namespace citykb {

using nlohmann::json;

Record ParseRecord(const std::string& data) {
  Record r;
  json j = json::parse(data, nullptr, false);
  if (!j.is_object()) return r;
  // The display parts first, then the document itself from what is left.
  if (auto city = j.find("city"); city != j.end() && city->is_object())
    r.city = CityRef{city->value("slug", ""), city->value("name", "")};
  if (auto person = j.find("person"); person != j.end() && person->is_object()) {
    PersonRef p{person->value("id", ""), person->value("name", ""), {}};
    if (person->contains("title")) p.title = (*person)["title"].get<LocalizedText>();
    r.person = p;
  }
  auto source_ref = [](const json& s) {
    auto str = [&](const char* key) {
      auto it = s.find(key);
      return it != s.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    return SourceRef{str("id"), str("title"), str("publisher"), str("published"), str("url")};
  };
  if (auto sources = j.find("sources"); sources != j.end() && sources->is_array())
    for (const json& s : *sources)
      if (s.is_object()) r.sources.push_back(source_ref(s));
  if (!r.sources.empty()) r.source = r.sources.front();
  j.erase("city");
  j.erase("person");
  j.erase("source");
  j.erase("sources");
  r.doc = j.get<Document>();
  return r;
}

SearchHit MakeHit(const IndexHit& hit, Highlighter& highlighter, Lang lang, size_t snippet_words, bool explain) {
  Record r = ParseRecord(hit.data);
  SearchHit h;
  h.id = r.doc.id;
  h.kind = r.doc.kind;
  h.city = r.city;
  h.title = r.doc.title.In(lang);
  std::vector<WordMatch>* matches = explain ? &h.explain : nullptr;
  // The title's matches count too when explaining.
  if (matches) highlighter.Snippet(h.title, 1000, matches);
  h.snippet = highlighter.Snippet(r.doc.body.In(lang), snippet_words, matches);
  h.themes = r.doc.themes;
  h.stakeholders = r.doc.stakeholders;
  h.person = r.person;
  h.source = r.source;
  h.sources = r.sources;
  h.as_of = r.doc.as_of;
  h.date = r.doc.date;
  h.updated_at = r.doc.updated_at;
  h.score = hit.score;
  return h;
}

}  // namespace citykb
