#include "index/display_record.h"

#include <nlohmann/json.hpp>

#include "model/model_json.h"

namespace citykb {

using nlohmann::json;

namespace {

SourceRef SourceFromJson(const json& s) {
  auto str = [&](const char* key) {
    auto it = s.find(key);
    return it != s.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  return SourceRef{str("id"), str("title"), str("publisher"), str("published"), str("url")};
}

}  // namespace

std::string EncodeDisplayRecord(const DisplayRecord& record) {
  json j = record.doc;
  j["city"] = record.city ? json{{"slug", record.city->slug}, {"name", record.city->name}} : json(nullptr);
  j["person"] = record.person
                    ? json{{"id", record.person->id}, {"name", record.person->name}, {"title", record.person->title}}
                    : json(nullptr);
  json sources = json::array();
  for (const SourceRef& s : record.sources)
    sources.push_back(
        {{"id", s.id}, {"title", s.title}, {"publisher", s.publisher}, {"published", s.published}, {"url", s.url}});
  j["source"] = sources.empty() ? json(nullptr) : sources.front();
  j["sources"] = std::move(sources);
  return j.dump();
}

DisplayRecord DecodeDisplayRecord(std::string_view data) {
  DisplayRecord r;
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
  if (auto sources = j.find("sources"); sources != j.end() && sources->is_array())
    for (const json& s : *sources)
      if (s.is_object()) r.sources.push_back(SourceFromJson(s));
  j.erase("city");
  j.erase("person");
  j.erase("source");
  j.erase("sources");
  r.doc = j.get<Document>();
  // The ids the objects stood in for.
  if (r.city) r.doc.city = r.city->slug;
  if (r.person) r.doc.person = r.person->id;
  for (const SourceRef& s : r.sources) r.doc.sources.push_back(s.id);
  if (!r.sources.empty()) r.doc.source = r.sources.front().id;
  return r;
}

}  // namespace citykb
