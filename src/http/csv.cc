#include "http/csv.h"

#include <fmt/format.h>

namespace citykb {

namespace {

std::string Row(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    out += CsvField(fields[i]);
  }
  return out + "\r\n";
}

std::string Join(const std::vector<std::string>& values, const char* sep = "; ") {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : sep) + v;
  return out;
}

std::string Permalink(const std::string& base_url, const std::string& id) { return base_url + "/documents/" + id; }

// "Title. Person (title), City. Source. Permalink"
std::string Citation(const SearchHit& h, Lang lang, const std::string& link) {
  std::string out = h.title + ".";
  if (h.person) out += " " + h.person->name + " (" + h.person->title.In(lang) + ")";
  if (h.city) out += std::string(h.person ? ", " : " ") + h.city->name;
  if (h.person || h.city) out += ".";
  if (h.source) out += " " + std::string(lang == Lang::kFr ? "Source : " : "Source: ") + h.source->title + ".";
  return out + " " + link;
}

std::string Number(double v) {
  std::string s = fmt::format("{}", v);
  return s;
}

}  // namespace

std::string CsvField(const std::string& value) {
  std::string v = value;
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) v = "'" + v;
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string SearchCsv(const SearchResult& result, Lang lang, const std::string& base_url) {
  std::string out = Row({"id", "kind", "city", "title", "person", "person_title", "themes", "stakeholders", "source",
                         "updated_at", "permalink", "citation"});
  for (const auto& h : result.hits) {
    const std::string link = Permalink(base_url, h.id);
    out += Row({h.id, h.kind, h.city ? h.city->name : "", h.title, h.person ? h.person->name : "",
                h.person ? h.person->title.In(lang) : "", Join(h.themes), Join(h.stakeholders),
                h.source ? h.source->title : "", h.updated_at, link, Citation(h, lang, link)});
  }
  return out;
}

std::string CompareCsv(const CompareResult& result, const std::string& base_url) {
  std::string out = Row({"type", "city", "city_name", "key", "label", "value", "unit", "approximate", "documents",
                         "source"});
  std::map<std::string, std::string> names, labels;
  for (const auto& c : result.cities) names[c.slug] = c.name;
  for (const auto& v : result.values) labels[v.value] = v.label;
  for (const auto& cell : result.cells) {
    std::vector<std::string> docs, sources;
    for (const auto& h : cell.hits) {
      docs.push_back(Permalink(base_url, h.id));
      if (h.source && std::find(sources.begin(), sources.end(), h.source->title) == sources.end())
        sources.push_back(h.source->title);
    }
    out += Row({"cell", cell.city, names[cell.city], cell.value, labels[cell.value], std::to_string(cell.count), "",
                "", Join(docs, " "), Join(sources)});
  }
  for (const auto& row : result.indicators) {
    for (const auto& [city, ind] : row.values) {
      // A value no city reported stays empty, never zero.
      out += Row({"indicator", city, names[city], row.name, row.label, ind ? Number(ind->value) : "",
                  ind ? ind->unit : "", ind ? (ind->approximate ? "yes" : "no") : "",
                  ind && !ind->document.empty() ? Permalink(base_url, ind->document) : "", ind ? ind->source : ""});
    }
  }
  return out;
}

std::string SideBySideCsv(const SideBySide& view, Lang lang, const std::string& base_url) {
  std::string out = Row({"theme", "city", "kind", "id", "title", "person", "person_title", "source", "permalink"});
  for (const auto& column : view.columns) {
    for (const auto* list : {&column.practices, &column.interviews}) {
      for (const auto& h : *list) {
        out += Row({view.theme, column.city.name, h.kind, h.id, h.title, h.person ? h.person->name : "",
                    h.person ? h.person->title.In(lang) : "", h.source ? h.source->title : "",
                    Permalink(base_url, h.id)});
      }
    }
  }
  return out;
}

}  // namespace citykb
