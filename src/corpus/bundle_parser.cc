#include "corpus/bundle_parser.h"

#include <algorithm>
#include <regex>
#include <set>
#include <tuple>

#include "text/text_analysis.h"

namespace citykb {

using nlohmann::json;

namespace {

constexpr size_t kMaxText = 20000;     // bytes in one title or body
constexpr size_t kMaxRecords = 2000;   // documents or people in one bundle
constexpr size_t kMaxShortText = 300;  // names, titles of people, units

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
      if (std::find_if(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; }) == allowed.end())
        Fail(std::string(path).append("/").append(key), "unknown field");
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
    if (!s.empty() && !IsSlug(s)) Fail(path + "/" + key, "must be a lowercase slug (a-z, 0-9 and inner hyphens)");
    return s;
  }

  LocalizedText Text(const json& j, const std::string& path, const char* key, bool required, size_t max = kMaxText) {
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

  // A partial ISO date (2019, 2019-06, 2019-06-19) at j[key]; optional.
  std::string PartialDate(const json& j, const std::string& path, const char* key, bool required = false) {
    std::string s = String(j, path, key, required);
    if (!s.empty() && !IsPartialDate(s)) {
      Fail(path + "/" + key, "must be a date: YYYY, YYYY-MM or YYYY-MM-DD (got '" + s + "')");
      return {};
    }
    return s;
  }

  // A source id a record cites: known to the store or brought by the bundle.
  void Source(const std::string& id, const std::string& path) {
    if (!id.empty() && !context_.source_ids.count(id) && !own_sources_.count(id))
      Fail(path, "unknown source '" + id + "' (add it to the bundle's \"sources\" or to corpus/sources.json)");
  }
  void AddOwnSource(const std::string& id) { own_sources_.insert(id); }

  const ValidationContext& context() const { return context_; }

 private:
  const ValidationContext& context_;
  std::set<std::string> own_sources_;
  std::vector<Problem> problems_;
};

Source ParseSource(Checker& c, const json& v, const std::string& p) {
  Source s;
  if (!c.Object(v, p, {"id", "url", "title", "publisher", "published", "date", "kind", "lang", "note"})) return s;
  s.id = c.Slug(v, p, "id", true);
  s.url = c.String(v, p, "url", true, 2000);
  if (!s.url.empty() && s.url.rfind("http://", 0) != 0 && s.url.rfind("https://", 0) != 0)
    c.Fail(p + "/url", "must be an http:// or https:// address");
  else if (s.url.find_first_of(" \t\n\"<>") != std::string::npos)
    c.Fail(p + "/url", "must not contain spaces, quotes or angle brackets");
  s.title = c.String(v, p, "title", true, 1000);
  s.publisher = c.String(v, p, "publisher", false);
  s.published = c.PartialDate(v, p, v.contains("published") ? "published" : "date");
  s.kind = c.String(v, p, "kind", true);
  static const std::set<std::string> kinds = {"press", "official", "public-body", "research", "vendor", "other"};
  if (!s.kind.empty() && !kinds.count(s.kind))
    c.Fail(p + "/kind", "must be one of press, official, public-body, research, vendor, other");
  s.lang = c.String(v, p, "lang", false);
  if (!s.lang.empty() && !IsSlug(s.lang)) c.Fail(p + "/lang", "must be a language code (fr, en...)");
  s.note = c.Text(v, p, "note", false, 4000);
  return s;
}

Role ParseRole(Checker& c, const json& v, const std::string& p) {
  Role r;
  if (!c.Object(v, p, {"title", "organisation", "city", "from", "to", "as_of", "source"})) return r;
  r.title = c.Text(v, p, "title", true, kMaxShortText);
  r.organisation = c.String(v, p, "organisation", false);
  r.city = c.Slug(v, p, "city", false);
  r.from = c.PartialDate(v, p, "from");
  r.to = c.PartialDate(v, p, "to");
  r.as_of = c.PartialDate(v, p, "as_of");
  if (!r.from.empty() && !r.to.empty() && r.to < r.from.substr(0, r.to.size()))
    c.Fail(p + "/to", "is before 'from' (" + r.from + ")");
  r.source = c.String(v, p, "source", true);
  c.Source(r.source, p + "/source");
  return r;
}

std::optional<Budget> ParseBudget(Checker& c, const json& v, const std::string& p) {
  if (!c.Object(v, p, {"amount", "currency", "approximate", "as_of", "source"})) return std::nullopt;
  Budget b;
  auto amount = v.find("amount");
  if (amount == v.end() || !amount->is_number() || amount->get<double>() < 0)
    c.Fail(p + "/amount", "is required and must be a number, 0 or more");
  else
    b.amount = amount->get<double>();
  b.currency = c.String(v, p, "currency", true);
  if (!b.currency.empty() && (b.currency.size() != 3 || !std::all_of(b.currency.begin(), b.currency.end(),
                                                                     [](char ch) { return ch >= 'A' && ch <= 'Z'; })))
    c.Fail(p + "/currency", "must be an ISO 4217 code (EUR)");
  if (auto a = v.find("approximate"); a != v.end()) {
    if (!a->is_boolean())
      c.Fail(p + "/approximate", "must be true or false");
    else
      b.approximate = a->get<bool>();
  }
  b.as_of = c.PartialDate(v, p, "as_of");
  b.source = c.String(v, p, "source", true);
  c.Source(b.source, p + "/source");
  return b;
}

City ParseCity(Checker& c, const json& j) {
  City city;
  const std::string p = "/city";
  if (!c.Object(j, p,
                {"slug", "name", "organisation", "organisation_kind", "country", "region", "summary", "indicators",
                 "updated_at"}))
    return city;
  city.slug = c.Slug(j, p, "slug", true);
  // "general" is kNoCity of model/facet.h: the city facet value of the cross-city records.
  if (city.slug == "general") c.Fail(p + "/slug", "is reserved for the records about no particular city");
  city.name = c.String(j, p, "name", true);
  city.organisation = c.String(j, p, "organisation", true);
  city.organisation_kind = c.String(j, p, "organisation_kind", false);
  city.region = c.String(j, p, "region", false);
  city.country = c.String(j, p, "country", true);
  if (!city.country.empty() &&
      (city.country.size() != 2 ||
       !std::all_of(city.country.begin(), city.country.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; })))
    c.Fail(p + "/country", "must be an ISO 3166-1 alpha-2 code in capitals (FR)");
  city.summary = c.Text(j, p, "summary", true);
  city.updated_at = c.Timestamp(j, p);
  auto it = j.find("indicators");
  if (it == j.end() || it->is_null()) return city;
  if (!it->is_array()) {
    c.Fail(p + "/indicators", "must be an array");
    return city;
  }
  std::set<std::tuple<std::string, std::string, std::string>> seen;  // name, as_of, source
  const auto& definitions = c.context().indicators;
  for (size_t i = 0; i < it->size(); ++i) {
    const json& v = (*it)[i];
    const std::string pi = p + "/indicators/" + std::to_string(i);
    if (!c.Object(v, pi, {"name", "label", "value", "unit", "approximate", "as_of", "source", "document", "note"}))
      continue;
    Indicator ind;
    ind.name = c.Slug(v, pi, "name", true);
    ind.label = c.Text(v, pi, "label", false);
    ind.as_of = c.PartialDate(v, pi, "as_of");
    const IndicatorDefinition* def = nullptr;
    if (auto d = definitions.find(ind.name); d != definitions.end())
      def = &d->second;
    else if (!ind.name.empty() && !definitions.empty())
      c.Fail(pi + "/name", "unknown indicator '" + ind.name + "' (indicators are defined in corpus/indicators.json)");
    if (def && ind.label.fr.empty()) ind.label = def->label;
    if (definitions.empty() && ind.label.fr.empty() && !ind.name.empty())
      c.Fail(pi + "/label", "is required when no indicator definitions are loaded");
    auto value = v.find("value");
    if (value == v.end() || !value->is_number())
      c.Fail(pi + "/value", "is required and must be a number");
    else
      ind.value = value->get<double>();
    ind.unit = c.String(v, pi, "unit", true);
    if (def && !ind.unit.empty() && ind.unit != def->unit)
      c.Fail(pi + "/unit", "must be '" + def->unit + "', the unit of '" + ind.name + "'");
    auto approx = v.find("approximate");
    if (approx != v.end()) {
      if (!approx->is_boolean())
        c.Fail(pi + "/approximate", "must be true or false");
      else
        ind.approximate = approx->get<bool>();
    }
    ind.source = c.String(v, pi, "source", true);
    c.Source(ind.source, pi + "/source");
    ind.document = c.String(v, pi, "document", false);
    ind.note = c.Text(v, pi, "note", false, 2000);
    if (!ind.name.empty() && !seen.emplace(ind.name, ind.as_of, ind.source).second)
      c.Fail(pi, "the same observation (name, as_of, source) is given twice");
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

bool IsPartialDate(std::string_view s) {
  auto digits = [&](size_t from, size_t n) {
    for (size_t i = from; i < from + n; ++i)
      if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
    return true;
  };
  if (!(s.size() == 4 || s.size() == 7 || s.size() == 10) || !digits(0, 4)) return false;
  if (s.size() == 4) return true;
  if (s[4] != '-' || !digits(5, 2)) return false;
  const int month = (s[5] - '0') * 10 + (s[6] - '0');
  if (month < 1 || month > 12) return false;
  if (s.size() == 7) return true;
  if (s[7] != '-' || !digits(8, 2)) return false;
  const int year = std::stoi(std::string(s.substr(0, 4)));
  const int day = (s[8] - '0') * 10 + (s[9] - '0');
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day >= 1 && day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

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
  if (!c.Object(j, "", {"city", "sources", "people", "documents"}))
    return Status::ValidationFailed(std::move(c.problems()));
  EachRecord(c, j, "sources", [&](const json& v, const std::string& p) {
    Source s = ParseSource(c, v, p);
    if (s.id.empty()) return;
    if (std::any_of(bundle.sources.begin(), bundle.sources.end(), [&](const Source& o) { return o.id == s.id; }))
      return c.Fail(p + "/id", "duplicate source id '" + s.id + "'");
    c.AddOwnSource(s.id);
    bundle.sources.push_back(std::move(s));
  });
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
    if (!c.Object(v, p, {"id", "name", "title", "organisation", "roles"})) return;
    Person person;
    person.id = c.Slug(v, p, "id", true);
    person.name = c.String(v, p, "name", true);
    person.title = c.Text(v, p, "title", true, kMaxShortText);
    person.organisation = c.String(v, p, "organisation", true);
    if (auto roles = v.find("roles"); roles != v.end() && !roles->is_null()) {
      if (!roles->is_array() || roles->size() > 100)
        c.Fail(p + "/roles", "must be an array of at most 100 roles");
      else
        for (size_t i = 0; i < roles->size(); ++i)
          person.roles.push_back(ParseRole(c, (*roles)[i], p + "/roles/" + std::to_string(i)));
    }
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
    if (!c.Object(v, p,
                  {"id", "kind", "title", "body", "person", "themes", "stakeholders", "source", "sources", "as_of",
                   "date", "challenge", "approach", "partners", "budget", "results", "lessons", "updated_at"}))
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
    if (!d.kind.empty() &&
        std::none_of(tax.kinds.begin(), tax.kinds.end(), [&](const TaxonomyEntry& e) { return e.slug == d.kind; }))
      c.Fail(p + "/kind", "unknown kind '" + d.kind + "' (profile, role, practice, interview or milestone)");
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
    if (!d.source.empty()) d.sources.push_back(d.source);
    if (auto list = v.find("sources"); list != v.end() && !list->is_null()) {
      if (!list->is_array() || list->size() > 50) {
        c.Fail(p + "/sources", "must be an array of at most 50 source ids");
      } else {
        for (size_t i = 0; i < list->size(); ++i) {
          const std::string pi = p + "/sources/" + std::to_string(i);
          if (!(*list)[i].is_string()) {
            c.Fail(pi, "must be a source id");
            continue;
          }
          const std::string id = (*list)[i].get<std::string>();
          c.Source(id, pi);
          if (std::find(d.sources.begin(), d.sources.end(), id) == d.sources.end()) d.sources.push_back(id);
        }
      }
    }
    if (d.sources.empty() && !v.contains("source") && !v.contains("sources"))
      c.Fail(p + "/sources", "needs at least one source");
    if (!d.sources.empty()) d.source = d.sources.front();
    d.as_of = c.PartialDate(v, p, "as_of");
    d.date = c.PartialDate(v, p, "date", d.kind == "milestone");
    if (!d.date.empty() && d.kind != "milestone") c.Fail(p + "/date", "only a milestone has a date (use as_of)");
    const bool practice = d.kind == "practice";
    for (auto [key, field] : {std::pair{"challenge", &d.practice.challenge},
                              {"approach", &d.practice.approach},
                              {"results", &d.practice.results},
                              {"lessons", &d.practice.lessons}}) {
      if (!v.contains(key)) continue;
      if (!practice)
        c.Fail(p + "/" + key, "only a practice has a good-practice sheet");
      else
        *field = c.Text(v, p, key, false);
    }
    if (auto partners = v.find("partners"); partners != v.end() && !partners->is_null()) {
      if (!practice)
        c.Fail(p + "/partners", "only a practice has a good-practice sheet");
      else if (!partners->is_array() || partners->size() > 100)
        c.Fail(p + "/partners", "must be an array of at most 100 partners");
      else
        for (size_t i = 0; i < partners->size(); ++i) {
          const std::string pi = p + "/partners/" + std::to_string(i);
          if (!c.Object((*partners)[i], pi, {"name", "stakeholder"})) continue;
          Partner partner;
          partner.name = c.String((*partners)[i], pi, "name", true);
          partner.stakeholder = c.String((*partners)[i], pi, "stakeholder", false);
          if (!partner.stakeholder.empty() &&
              std::none_of(tax.stakeholders.begin(), tax.stakeholders.end(),
                           [&](const TaxonomyEntry& e) { return e.slug == partner.stakeholder; }))
            c.Fail(pi + "/stakeholder", "unknown stakeholder '" + partner.stakeholder + "' (see /api/taxonomy)");
          d.practice.partners.push_back(std::move(partner));
        }
    }
    if (auto budget = v.find("budget"); budget != v.end() && !budget->is_null()) {
      if (!practice)
        c.Fail(p + "/budget", "only a practice has a good-practice sheet");
      else
        d.practice.budget = ParseBudget(c, *budget, p + "/budget");
    }
    d.updated_at = c.Timestamp(v, p);
    bundle.documents.push_back(std::move(d));
  });

  if (bundle.documents.empty() && c.problems().empty() && !cross_city)
    c.Fail("/documents", "needs at least one document");
  if (!c.problems().empty()) return Status::ValidationFailed(std::move(c.problems()));
  return bundle;
}

Result<Bundle> ParseBundleText(std::string_view text, const ValidationContext& context, bool cross_city) {
  if (!IsValidUtf8(text)) return Status::ValidationFailed({{"", "/", "the file is not valid UTF-8"}});
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded()) return Status::ValidationFailed({{"", "/", "not valid JSON"}});
  return ParseBundle(j, context, cross_city);
}

}  // namespace citykb
