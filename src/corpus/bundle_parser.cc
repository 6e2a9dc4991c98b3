#include "corpus/bundle_parser.h"

#include <algorithm>
#include <regex>

#include "text/text_analysis.h"

namespace citykb {

using nlohmann::json;

namespace {

constexpr size_t kMaxText = 20000;      // bytes in one title or body
constexpr size_t kMaxRecords = 2000;    // documents or people in one bundle
constexpr size_t kMaxShortText = 300;   // names, titles of people, units

// Collects problems while walking a bundle.
class Checker {
 public:
  explicit Checker(const ValidationContext& context) : context_(context) {}

  void Fail(const std::string& path, std::string reason) {
    problems_.push_back({"", path.empty() ? "/" : path, std::move(reason)});
  }
  std::vector<Problem>& problems() { return problems_; }

  // Checks that j[key] is an object with exactly the allowed keys.
  bool Object(const json& j, const std::string& path, std::initializer_list<const char*> allowed) {
    if (!j.is_object()) {
      Fail(path, "must be an object");
      return false;
    }
    for (const auto& item : j.items()) {
      const std::string& key = item.key();
      if (std::find_if(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; }) ==
          allowed.end())
        Fail(path + "/" + key, "unknown field");
    }
    return true;
  }

  std::string String(const json& j, const std::string& path, const char* key, bool required,
                     size_t max = kMaxShortText) {
    auto it = j.find(key);
    const std::string p = path + "/" + key;
    if (it == j.end() || it->is_null()) {
      if (required) Fail(p, "is required");
      return {};
    }
    if (!it->is_string()) {
      Fail(p, "must be a string");
      return {};
    }
    std::string s = it->get<std::string>();
    if (required && std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\n' || c == '\t'; }))
      Fail(p, "must not be empty");
    else if (s.size() > max)
      Fail(p, "is longer than " + std::to_string(max) + " bytes");
    else if (!IsValidUtf8(s))
      Fail(p, "is not valid UTF-8");
    return s;
  }

  std::string Slug(const json& j, const std::string& path, const char* key, bool required) {
    std::string s = String(j, path, key, required);
    if (!s.empty() && !IsSlug(s))
      Fail(path + "/" + key, "must be a lowercase slug (a-z, 0-9 and inner hyphens)");
    return s;
  }

  LocalizedText Text(const json& j, const std::string& path, const char* key, bool required,
                     size_t max = kMaxText) {
    LocalizedText t;
    auto it = j.find(key);
    const std::string p = path + "/" + key;
    if (it == j.end() || it->is_null()) {
      if (required) Fail(p, "is required (an object with \"fr\" and \"en\")");
      return t;
    }
    if (!Object(*it, p, {"fr", "en"})) return t;
    t.fr = String(*it, p, "fr", true, max);
    t.en = String(*it, p, "en", true, max);
    return t;
  }

  std::vector<std::string> Slugs(const json& j, const std::string& path, const char* key,
                                 const std::vector<TaxonomyEntry>& allowed, const char* what) {
    std::vector<std::string> out;
    auto it = j.find(key);
    const std::string p = path + "/" + key;
    if (it == j.end() || it->is_null()) return out;
    if (!it->is_array()) {
      Fail(p, "must be an array of " + std::string(what) + " slugs");
      return out;
    }
    for (size_t i = 0; i < it->size(); ++i) {
      const json& v = (*it)[i];
      const std::string pi = p + "/" + std::to_string(i);
      if (!v.is_string()) {
        Fail(pi, "must be a string");
        continue;
      }
      std::string s = v.get<std::string>();
      if (std::none_of(allowed.begin(), allowed.end(), [&](const TaxonomyEntry& e) { return e.slug == s; })) {
        Fail(pi, "unknown " + std::string(what) + " '" + s + "' (see /api/taxonomy)");
        continue;
      }
      if (std::find(out.begin(), out.end(), s) != out.end()) {
        Fail(pi, "duplicate " + std::string(what) + " '" + s + "'");
        continue;
      }
      out.push_back(std::move(s));
    }
    return out;
  }

  // An optional ISO 8601 UTC time ("2026-11-25T10:00:00Z").
  std::string Timestamp(const json& j, const std::string& path) {
    std::string s = String(j, path, "updated_at", false);
    static const std::regex iso(R"(\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?)");
    if (!s.empty() && !std::regex_match(s, iso)) {
      Fail(path + "/updated_at", "must be a date or time in ISO 8601 (2026-11-25T10:00:00Z)");
      return {};
    }
    return s;
  }

  void Source(const std::string& id, const std::string& path) {
    if (!id.empty() && !context_.source_ids.count(id))
      Fail(path, "unknown source '" + id + "' (sources are listed in corpus/sources.json)");
  }

  const ValidationContext& context() const { return context_; }

 private:
  const ValidationContext& context_;
  std::vector<Problem> problems_;
};

City ParseCity(Checker& c, const json& j) {
  City city;
  const std::string p = "/city";
  if (!c.Object(j, p, {"slug", "name", "organisation", "country", "summary", "indicators", "updated_at"}))
    return city;
  city.slug = c.Slug(j, p, "slug", true);
  city.name = c.String(j, p, "name", true);
  city.organisation = c.String(j, p, "organisation", true);
  city.country = c.String(j, p, "country", true);
  city.summary = c.Text(j, p, "summary", true);
  city.updated_at = c.Timestamp(j, p);
  auto it = j.find("indicators");
  if (it == j.end() || it->is_null()) return city;
  if (!it->is_array()) {
    c.Fail(p + "/indicators", "must be an array");
    return city;
  }
  std::set<std::string> names;
  for (size_t i = 0; i < it->size(); ++i) {
    const json& v = (*it)[i];
    const std::string pi = p + "/indicators/" + std::to_string(i);
    if (!c.Object(v, pi, {"name", "label", "value", "unit", "approximate", "source", "document"}))
      continue;
    Indicator ind;
    ind.name = c.Slug(v, pi, "name", true);
    if (!ind.name.empty() && !names.insert(ind.name).second)
      c.Fail(pi + "/name", "duplicate indicator '" + ind.name + "'");
    ind.label = c.Text(v, pi, "label", true);
    auto value = v.find("value");
    if (value == v.end() || !value->is_number())
      c.Fail(pi + "/value", "is required and must be a number");
    else
      ind.value = value->get<double>();
    ind.unit = c.String(v, pi, "unit", true);
    auto approx = v.find("approximate");
    if (approx != v.end()) {
      if (!approx->is_boolean())
        c.Fail(pi + "/approximate", "must be true or false");
      else
        ind.approximate = approx->get<bool>();
    }
    ind.source = c.String(v, pi, "source", false);
    c.Source(ind.source, pi + "/source");
    ind.document = c.String(v, pi, "document", false);
    city.indicators.push_back(std::move(ind));
  }
  return city;
}

template <typename Fn>
void EachRecord(Checker& c, const json& j, const char* key, Fn fn) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return;
  if (!it->is_array()) {
    c.Fail(std::string("/") + key, "must be an array");
    return;
  }
  if (it->size() > kMaxRecords) {
    c.Fail(std::string("/") + key, "holds more than " + std::to_string(kMaxRecords) + " records");
    return;
  }
  for (size_t i = 0; i < it->size(); ++i) fn((*it)[i], std::string("/") + key + "/" + std::to_string(i));
}

}  // namespace

bool IsSlug(std::string_view s) {
  if (s.empty() || s.size() > 64 || s.front() == '-' || s.back() == '-') return false;
  char prev = 0;
  for (char ch : s) {
    const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-';
    if (!ok || (ch == '-' && prev == '-')) return false;
    prev = ch;
  }
  return true;
}

Result<Bundle> ParseBundle(const json& j, const ValidationContext& context, bool cross_city) {
  Checker c(context);
  Bundle bundle;
  if (!c.Object(j, "", {"city", "people", "documents"}))
    return Status::ValidationFailed(std::move(c.problems()));
  if (cross_city) {
    if (j.contains("city")) c.Fail("/city", "the cross-city file has no city");
  } else if (!j.contains("city")) {
    c.Fail("/city", "is required");
  } else {
    bundle.city = ParseCity(c, j.at("city"));
  }
  for (const char* key : {"people", "documents"})
    if (!j.contains(key)) c.Fail(std::string("/") + key, "is required (an array, possibly empty for people)");
  const std::string& slug = bundle.city.slug;
  auto owned_elsewhere = [&](const std::map<std::string, std::string>& owners, const std::string& id) {
    auto it = owners.find(id);
    return it != owners.end() && it->second != slug;
  };

  std::set<std::string> people_ids;
  EachRecord(c, j, "people", [&](const json& v, const std::string& p) {
    if (!c.Object(v, p, {"id", "name", "title", "organisation"})) return;
    Person person;
    person.id = c.Slug(v, p, "id", true);
    person.name = c.String(v, p, "name", true);
    person.title = c.Text(v, p, "title", true, kMaxShortText);
    person.organisation = c.String(v, p, "organisation", true);
    person.city = slug;
    if (!person.id.empty()) {
      if (!people_ids.insert(person.id).second)
        c.Fail(p + "/id", "duplicate person id '" + person.id + "'");
      else if (owned_elsewhere(context.person_owner, person.id))
        c.Fail(p + "/id", "person id '" + person.id + "' already belongs to another city");
    }
    bundle.people.push_back(std::move(person));
  });

  std::set<std::string> doc_ids;
  const Taxonomy empty;
  const Taxonomy& tax = context.taxonomy ? *context.taxonomy : empty;
  EachRecord(c, j, "documents", [&](const json& v, const std::string& p) {
    if (!c.Object(v, p, {"id", "kind", "title", "body", "person", "themes", "stakeholders", "source",
                         "updated_at"}))
      return;
    Document d;
    d.id = c.Slug(v, p, "id", true);
    if (!d.id.empty()) {
      if (!doc_ids.insert(d.id).second)
        c.Fail(p + "/id", "duplicate document id '" + d.id + "'");
      else if (owned_elsewhere(context.document_owner, d.id))
        c.Fail(p + "/id", "document id '" + d.id + "' already belongs to another city");
    }
    d.kind = c.String(v, p, "kind", true);
    if (!d.kind.empty() && std::none_of(tax.kinds.begin(), tax.kinds.end(),
                                        [&](const TaxonomyEntry& e) { return e.slug == d.kind; }))
      c.Fail(p + "/kind", "unknown kind '" + d.kind + "' (profile, role, practice or interview)");
    d.city = slug;
    d.title = c.Text(v, p, "title", true, kMaxShortText * 2);
    d.body = c.Text(v, p, "body", true);
    d.person = c.String(v, p, "person", false);
    if (!d.person.empty() && !people_ids.count(d.person))
      c.Fail(p + "/person", "unknown person '" + d.person + "' (define it under /people)");
    if (d.kind == "interview" && d.person.empty() && !v.contains("person"))
      c.Fail(p + "/person", "an interview names the person who speaks");
    d.themes = c.Slugs(v, p, "themes", tax.themes, "theme");
    if (d.themes.empty() && !(v.contains("themes") && v["themes"].is_array() && !v["themes"].empty()))
      c.Fail(p + "/themes", "needs at least one theme");
    d.stakeholders = c.Slugs(v, p, "stakeholders", tax.stakeholders, "stakeholder");
    d.source = c.String(v, p, "source", false);
    c.Source(d.source, p + "/source");
    d.updated_at = c.Timestamp(v, p);
    bundle.documents.push_back(std::move(d));
  });

  if (bundle.documents.empty() && c.problems().empty() && !cross_city)
    c.Fail("/documents", "needs at least one document");
  if (!c.problems().empty()) return Status::ValidationFailed(std::move(c.problems()));
  return bundle;
}

Result<Bundle> ParseBundleText(std::string_view text, const ValidationContext& context, bool cross_city) {
  if (!IsValidUtf8(text))
    return Status::ValidationFailed({{"", "/", "the file is not valid UTF-8"}});
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded()) return Status::ValidationFailed({{"", "/", "not valid JSON"}});
  return ParseBundle(j, context, cross_city);
}

}  // namespace citykb
