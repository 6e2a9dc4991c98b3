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

// One source as cited: "Title, Publisher, 2021-06, https://...".
std::string SourceCitation(const SourceRef& s, Lang lang) {
  std::string out = s.title;
  if (!s.publisher.empty()) out += ", " + s.publisher;
  out += ", " + (s.published.empty() ? std::string(lang == Lang::kFr ? "date inconnue" : "date unknown") : s.published);
  if (!s.url.empty()) out += ", " + s.url;
  return out;
}

std::string SourcesCitation(const SearchHit& h, Lang lang) {
  std::vector<std::string> parts;
  for (const auto& s : h.sources) parts.push_back(SourceCitation(s, lang));
  return Join(parts);
}

// "Title. Person (title), City. As of 2021. Sources: Title, Publisher, date, URL. Permalink"
std::string Citation(const SearchHit& h, Lang lang, const std::string& link) {
  const bool fr = lang == Lang::kFr;
  std::string out = h.title + ".";
  if (h.person) out += " " + h.person->name + " (" + h.person->title.In(lang) + ")";
  if (h.city) out += std::string(h.person ? ", " : " ") + h.city->name;
  if (h.person || h.city) out += ".";
  const std::string& when = h.date.empty() ? h.as_of : h.date;
  if (!when.empty()) out += std::string(fr ? " Situation au " : " As of ") + when + ".";
  if (!h.sources.empty())
    out += std::string(h.sources.size() > 1 ? (fr ? " Sources : " : " Sources: ") : (fr ? " Source : " : " Source: ")) +
           SourcesCitation(h, lang) + ".";
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
                         "sources", "as_of", "updated_at", "permalink", "citation"});
  for (const auto& h : result.hits) {
    const std::string link = Permalink(base_url, h.id);
    out += Row({h.id, h.kind, h.city ? h.city->name : "", h.title, h.person ? h.person->name : "",
                h.person ? h.person->title.In(lang) : "", Join(h.themes), Join(h.stakeholders),
                h.source ? h.source->title : "", SourcesCitation(h, lang), h.date.empty() ? h.as_of : h.date,
                h.updated_at, link, Citation(h, lang, link)});
  }
  return out;
}

std::string CompareCsv(const CompareResult& result, const std::string& base_url) {
  std::string out = Row({"type", "city", "city_name", "key", "label", "value", "unit", "approximate", "documents",
                         "source", "as_of", "conflict"});
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
    out += Row({"cell", cell.city, names[cell.city], cell.value, labels[cell.value], std::to_string(cell.count), "", "",
                Join(docs, " "), Join(sources), "", ""});
    // Then one line per record of the cell: its title, permalink, sources and date.
    for (const auto& h : cell.hits) {
      std::vector<std::string> titles;
      for (const auto& s : h.sources) titles.push_back(s.title);
      out += Row({"record", cell.city, names[cell.city], cell.value, labels[cell.value], h.title, "", "",
                  Permalink(base_url, h.id), Join(titles), h.date.empty() ? h.as_of : h.date, ""});
    }
  }
  for (const auto& row : result.indicators) {
    for (const auto& [city, latest] : row.values) {
      // A value no city reported stays empty, never zero; every observation has its row.
      auto list = row.observations.find(city);
      if (!latest || list == row.observations.end()) {
        out += Row({"indicator", city, names[city], row.name, row.label, "", "", "", "", "", "", ""});
        continue;
      }
      const bool conflict = row.conflicts.count(city) && row.conflicts.at(city);
      for (const auto& ind : list->second)
        out += Row({"indicator", city, names[city], row.name, row.label, Number(ind.value), ind.unit,
                    ind.approximate ? "yes" : "no", ind.document.empty() ? "" : Permalink(base_url, ind.document),
                    ind.source, ind.as_of, conflict ? "yes" : "no"});
    }
  }
  return out;
}

std::string SideBySideCsv(const SideBySide& view, Lang lang, const std::string& base_url) {
  std::string out = Row({"theme", "city", "kind", "id", "title", "person", "person_title", "source", "permalink"});
  for (const auto& column : view.columns) {
    for (const auto* list : {&column.practices, &column.interviews}) {
      for (const auto& h : *list) {
        out +=
            Row({view.theme, column.city.name, h.kind, h.id, h.title, h.person ? h.person->name : "",
                 h.person ? h.person->title.In(lang) : "", h.source ? h.source->title : "", Permalink(base_url, h.id)});
      }
    }
  }
  return out;
}

}  // namespace citykb
