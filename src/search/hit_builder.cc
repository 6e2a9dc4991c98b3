#include "search/hit_builder.h"

#include <nlohmann/json.hpp>

#include "model/model_json.h"

namespace citykb {

using nlohmann::json;

Record ParseRecord(const std::string& data) {
  Record r;
  json j = json::parse(data, nullptr, false);
  if (!j.is_object()) return r;
  json doc = j;
  doc.erase("city");
  doc.erase("person");
  doc.erase("source");
  r.doc = doc.get<Document>();
  if (j.contains("city") && j["city"].is_object())
    r.city = CityRef{j["city"].value("slug", ""), j["city"].value("name", "")};
  if (j.contains("person") && j["person"].is_object()) {
    PersonRef p{j["person"].value("id", ""), j["person"].value("name", ""), {}};
    if (j["person"].contains("title")) p.title = j["person"]["title"].get<LocalizedText>();
    r.person = p;
  }
  if (j.contains("source") && j["source"].is_object())
    r.source = SourceRef{j["source"].value("id", ""), j["source"].value("title", "")};
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
