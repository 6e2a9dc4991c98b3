#include "search/compare_service.h"

#include <algorithm>
#include <chrono>
#include <limits>

#include "model/facet.h"
#include "model/observations.h"
#include "search/hit_builder.h"
#include "store/store.h"
#include "util/clock.h"

namespace citykb {

namespace {

constexpr size_t kCellSnippetWords = 24;

}  // namespace

CompareService::CompareService(const Store& store, const Index& index, const SearchService& search)
    : store_(store), index_(index), search_(search) {}

std::vector<CityRef> CompareService::SelectedCities(const Catalog& catalog,
                                                    const std::vector<std::string>& slugs) const {
  std::vector<CityRef> out;
  if (slugs.empty()) {
    for (const auto& slug : catalog.Values(Spec(Facet::kCity).name))
      out.push_back({slug, catalog.cities.at(slug).name});
    return out;
  }
  for (const auto& slug : slugs) out.push_back({slug, catalog.Label(Spec(Facet::kCity).name, slug, Lang::kFr)});
  return out;
}

Result<CompareResult> CompareService::Compare(const CompareRequest& request) const {
  const auto start = std::chrono::steady_clock::now();
  const auto catalog = search_.catalog();
  for (const auto& slug : request.cities)
    if (!catalog->cities.count(slug)) return Status::NotFound("no city '" + slug + "'");
  const std::vector<std::string> all_values = catalog->Values(request.rows);
  for (const auto& v : request.values)
    if (std::find(all_values.begin(), all_values.end(), v) == all_values.end())
      return Status::InvalidArgument("unknown " + request.rows + " '" + v + "'", request.rows + "s");

  CompareResult out;
  out.rows = request.rows;
  out.cities = SelectedCities(*catalog, request.cities);
  IndexQuery q;
  q.text = request.q;
  q.filters = request.filters;
  for (const auto& c : out.cities) q.filters[Spec(Facet::kCity).name].push_back(c.slug);
  int top = request.top, scan = 2000;
  if (request.every_record) {
    // Every match is scanned, so every record of every cell is kept.
    auto documents = index_.DocumentCount();
    if (!documents.ok()) return documents.status();
    top = std::numeric_limits<int>::max();
    scan = static_cast<int>(std::clamp<int64_t>(*documents, 1, std::numeric_limits<int>::max()));
  }
  auto matrix = index_.Matrix(q, request.rows, top, scan);
  if (!matrix.ok()) return matrix.status();
  out.total = matrix->total;

  const std::vector<std::string>& values = request.values.empty() ? all_values : request.values;
  Highlighter highlighter(matrix->terms);
  for (const auto& value : values) {
    FacetValue row{value, catalog->Label(request.rows, value, request.lang), 0, false};
    for (const auto& city : out.cities) {
      CompareCell cell{city.slug, value, 0, {}};
      auto c = matrix->cells.find(city.slug);
      if (c != matrix->cells.end()) {
        auto v = c->second.find(value);
        if (v != c->second.end()) {
          cell.count = v->second.count;
          for (const auto& hit : v->second.top)
            cell.hits.push_back(MakeHit(hit, highlighter, request.lang, kCellSnippetWords, false));
        }
      }
      row.count += cell.count;
      out.cells.push_back(std::move(cell));
    }
    out.values.push_back(std::move(row));
  }

  // Indicators aligned by name, in the order they first appear.
  for (const auto& city : out.cities) {
    const auto& c = catalog->cities.at(city.slug);
    for (const auto& ind : c.indicators) {
      auto it = std::find_if(out.indicators.begin(), out.indicators.end(),
                             [&](const IndicatorRow& r) { return r.name == ind.name; });
      if (it == out.indicators.end()) {
        out.indicators.push_back({ind.name, ind.label.In(request.lang), {}, {}, {}});
        it = out.indicators.end() - 1;
      }
      it->observations[city.slug].push_back(ind);
    }
  }
  for (auto& row : out.indicators) {
    for (auto& [city, list] : row.observations) {
      std::stable_sort(list.begin(), list.end(),
                       [](const Indicator& a, const Indicator& b) { return a.as_of < b.as_of; });
      row.values[city] = list.back();
      row.conflicts[city] = HasConflict(list);
    }
    for (const auto& city : out.cities) row.values.try_emplace(city.slug, std::nullopt);
  }
  out.took_ms = MillisSince(start);
  return out;
}

Result<SideBySide> CompareService::SideBySideView(const std::string& theme, const std::vector<std::string>& cities,
                                                  const std::string& q, Lang lang) const {
  const auto start = std::chrono::steady_clock::now();
  const auto catalog = search_.catalog();
  const auto themes = catalog->Values(Spec(Facet::kTheme).name);
  if (std::find(themes.begin(), themes.end(), theme) == themes.end())
    return Status::InvalidArgument("unknown theme '" + theme + "'", "theme");
  for (const auto& slug : cities)
    if (!catalog->cities.count(slug)) return Status::NotFound("no city '" + slug + "'");
  SideBySide out;
  out.theme = theme;
  out.label = catalog->Label(Spec(Facet::kTheme).name, theme, lang);
  for (const auto& city : SelectedCities(*catalog, cities)) out.columns.push_back({city, {}, {}});
  SearchRequest request;
  request.q = q;
  request.lang = lang;
  request.per_page = 100;
  request.filters[Spec(Facet::kTheme).name] = {theme};
  request.filters[Spec(Facet::kKind).name] = {"practice", "interview"};
  for (const auto& column : out.columns) request.filters[Spec(Facet::kCity).name].push_back(column.city.slug);
  for (int page = 1;; ++page) {
    request.page = page;
    auto result = search_.Search(request);
    if (!result.ok()) return result.status();
    for (auto& hit : result->hits) {
      if (!hit.city) continue;
      for (auto& column : out.columns) {
        if (column.city.slug != hit.city->slug) continue;
        (hit.kind == "practice" ? column.practices : column.interviews).push_back(hit);
      }
    }
    if (static_cast<int64_t>(page) * request.per_page >= result->total || page >= 20) break;
  }
  out.took_ms = MillisSince(start);
  return out;
}

}  // namespace citykb
