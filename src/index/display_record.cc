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

// Reads the fields of a DisplayTitle while the parser streams through the
// stored form: nothing else is kept, and parsing stops once they are all read.
class TitleReader : public nlohmann::json_sax<json> {
 public:
  DisplayTitle out;

  bool key(string_t& k) override {
    key_ = k;
    return true;
  }
  bool string(string_t& s) override {
    if (depth_ == 1 && key_ == "id") {
      out.id = s;
      seen_id_ = true;
    } else if (depth_ == 2 && in_ == "title") {
      if (key_ == "fr") out.title.fr = s;
      if (key_ == "en") out.title.en = s;
    } else if (depth_ == 2 && in_ == "person") {
      if (key_ == "id") out.person_id = s;
      if (key_ == "name") out.person_name = s;
    }
    return Value();
  }
  bool start_object(std::size_t) override {
    if (++depth_ == 2) in_ = key_;
    return true;
  }
  bool end_object() override {
    if (depth_-- == 2) {
      // A whole top-level value: the title and person are read.
      seen_title_ = seen_title_ || in_ == "title";
      seen_person_ = seen_person_ || in_ == "person";
      in_.clear();
      return !Done();
    }
    return true;
  }
  bool start_array(std::size_t) override {
    ++depth_;
    return true;
  }
  bool end_array() override {
    --depth_;
    return Value();
  }
  bool null() override {
    if (depth_ == 1 && key_ == "person") seen_person_ = true;
    return Value();
  }
  bool boolean(bool) override { return Value(); }
  bool number_integer(number_integer_t) override { return Value(); }
  bool number_unsigned(number_unsigned_t) override { return Value(); }
  bool number_float(number_float_t, const string_t&) override { return Value(); }
  bool binary(binary_t&) override { return Value(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    out = DisplayTitle{};
    return false;
  }

 private:
  // After a top-level value: false (stop) once everything was read.
  bool Value() const { return depth_ != 1 || !Done(); }
  bool Done() const { return seen_id_ && seen_title_ && seen_person_; }

  int depth_ = 0;
  std::string key_;  // the last key read
  std::string in_;   // the top-level key of the object being read (depth 2)
  bool seen_id_ = false, seen_title_ = false, seen_person_ = false;
};

}  // namespace

DisplayTitle DecodeDisplayTitle(std::string_view data) {
  TitleReader reader;
  json::sax_parse(data, &reader);
  return reader.out;
}

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
