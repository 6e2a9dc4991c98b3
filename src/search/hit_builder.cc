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
  if (auto source = j.find("source"); source != j.end() && source->is_object())
    r.source = SourceRef{source->value("id", ""), source->value("title", "")};
  j.erase("city");
  j.erase("person");
  j.erase("source");
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
  h.updated_at = r.doc.updated_at;
  h.score = hit.score;
  return h;
}

}  // namespace citykb
