#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "http/csv.h"
#include "search/city_similarity.h"
#include "test_support.h"

using namespace citykb;
using citykb::testing::OpenWithCorpus;
using citykb::testing::TempDir;

namespace {

std::vector<std::string> Values(const Document& d, const std::string& rows) {
  if (rows == "theme") return d.themes;
  if (rows == "stakeholder") return d.stakeholders;
  return {d.kind};
}

}  // namespace

TEST_CASE("The compare matrix equals brute-force counts", "[compare]") {
  TempDir dir;
  auto kb = OpenWithCorpus(dir.path());
  auto docs = kb->store().ListDocuments();
  REQUIRE(docs.ok());
  for (const std::string rows : {"theme", "stakeholder", "kind"}) {
    CAPTURE(rows);
    CompareRequest request;
    request.rows = rows;
    auto result = kb->compare().Compare(request);
    REQUIRE(result.ok());
    std::map<std::pair<std::string, std::string>, int64_t> expected;
    for (const auto& d : *docs)
      if (!d.city.empty())
        for (const auto& v : Values(d, rows)) ++expected[{d.city, v}];
    const size_t values = kb->search().catalog()->Values(rows).size();
    CHECK(result->cells.size() == result->cities.size() * values);  // empty cells are listed too
    for (const auto& cell : result->cells) {
      CAPTURE(cell.city, cell.value);
      CHECK(cell.count == expected[{cell.city, cell.value}]);
      CHECK(static_cast<int64_t>(cell.hits.size()) == std::min<int64_t>(cell.count, request.top));
      for (const auto& h : cell.hits) CHECK(h.city->slug == cell.city);
    }
    // For exports: every record counted in a cell is listed, each once.
    request.every_record = true;
    auto every = kb->compare().Compare(request);
    REQUIRE(every.ok());
    for (const auto& cell : every->cells) {
      CAPTURE(cell.city, cell.value);
      CHECK(static_cast<int64_t>(cell.hits.size()) == cell.count);
      std::set<std::string> ids;
      for (const auto& h : cell.hits) {
        ids.insert(h.id);
        auto stored = kb->store().GetDocument(h.id);
        REQUIRE(stored.ok());
        REQUIRE(stored->has_value());
        auto values = Values(**stored, rows);
        CHECK(std::find(values.begin(), values.end(), cell.value) != values.end());
      }
      CHECK(ids.size() == cell.hits.size());
    }
  }
}

TEST_CASE("Each cell count is what search returns for that city and value", "[compare]") {
  TempDir dir;
  auto kb = OpenWithCorpus(dir.path());
  for (const std::string q : {"", "services", "partenaires entreprises", "smart city"}) {
    CAPTURE(q);
    CompareRequest request;
    request.q = q;
    request.filters["kind"] = {"practice", "interview"};
    auto result = kb->compare().Compare(request);
    REQUIRE(result.ok());
    for (const auto& cell : result->cells) {
      CAPTURE(cell.city, cell.value);
      SearchRequest search;
      search.q = q;
      search.filters = request.filters;
      search.filters["city"] = {cell.city};
      search.filters["theme"] = {cell.value};
      auto found = kb->search().Search(search);
      REQUIRE(found.ok());
      // Search and compare rank the same query (every word first, then
      // some of them): a cell counts what its search finds.
      CHECK(found->total == cell.count);
    }
  }
}

TEST_CASE("Indicators are aligned by name and missing values stay missing", "[compare]") {
  TempDir dir;
  auto kb = OpenWithCorpus(dir.path());
  auto result = kb->compare().Compare(CompareRequest{});
  REQUIRE(result.ok());
  REQUIRE_FALSE(result->indicators.empty());
  for (const auto& row : result->indicators) {
    CAPTURE(row.name);
    CHECK(row.values.size() == result->cities.size());
    for (const auto& [city, value] : row.values) {
      auto stored = kb->store().GetCity(city);
      REQUIRE(stored.ok());
      // The value shown is the latest observation (the last of the latest date).
      std::optional<Indicator> latest;
      size_t observations = 0;
      for (const auto& ind : (*stored)->indicators)
        if (ind.name == row.name) {
          ++observations;
          if (!latest || ind.as_of >= latest->as_of) latest = ind;
        }
      CHECK(value.has_value() == latest.has_value());
      if (latest && value) CHECK(value->value == latest->value);
      auto list = row.observations.find(city);
      CHECK((list == row.observations.end() ? 0 : list->second.size()) == observations);
    }
  }
  SECTION("CSV: one line per cell, per record of a cell and per city indicator, empty (not 0) when missing") {
    const std::string csv = CompareCsv(*result, "http://h");
    size_t lines = 0;
    for (char c : csv) lines += c == '\n';
    // One line per observation, or one empty line for a city that reported nothing.
    size_t indicator_lines = 0;
    for (const auto& row : result->indicators)
      for (const auto& [city, value] : row.values) {
        auto list = row.observations.find(city);
        indicator_lines += value && list != row.observations.end() ? list->second.size() : 1;
      }
    size_t record_lines = 0;
    for (const auto& cell : result->cells) record_lines += cell.hits.size();
    CHECK(lines == 1 + result->cells.size() + record_lines + indicator_lines);
    CHECK(csv.rfind("type,city,city_name,key,label,value,unit,approximate,documents,source,as_of,conflict\r\n", 0) ==
          0);
    CHECK(csv.find("indicator,lyon,Lyon,services-involved,") != std::string::npos);
    CHECK(csv.find("indicator,lyon,Lyon,services-involved,Services concernés,,") != std::string::npos);
  }
}

TEST_CASE("Side by side: one column per city with its practices and interviews on the theme", "[compare]") {
  TempDir dir;
  auto kb = OpenWithCorpus(dir.path());
  auto view = kb->compare().SideBySideView("partnerships", {}, "", Lang::kFr);
  REQUIRE(view.ok());
  auto cities = kb->store().ListCities();
  REQUIRE(cities.ok());
  CHECK(view->columns.size() == cities->size());
  size_t filled = 0;
  for (const auto& column : view->columns) {
    filled += column.practices.size() + column.interviews.size() > 0;
    for (const auto& h : column.practices) {
      CHECK(h.kind == "practice");
      CHECK(h.city->slug == column.city.slug);
      CHECK(std::count(h.themes.begin(), h.themes.end(), "partnerships") == 1);
    }
    for (const auto& h : column.interviews) CHECK(h.kind == "interview");
  }
  CHECK(filled >= 3);
  CHECK(kb->compare().SideBySideView("nope", {}, "", Lang::kFr).status().code() == StatusCode::kInvalidArgument);
}

TEST_CASE("CSV fields are quoted and formulas neutralised", "[compare]") {
  CHECK(CsvField("plain") == "plain");
  CHECK(CsvField("a,b") == "\"a,b\"");
  CHECK(CsvField("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(CsvField("=HYPERLINK(1)") == "'=HYPERLINK(1)");
}

TEST_CASE("Cities like mine: ranked, never itself, each with its reasons", "[compare][cities]") {
  TempDir dir;
  auto kb = OpenWithCorpus(dir.path());
  auto cities = kb->store().ListCities();
  REQUIRE(cities.ok());
  for (const auto& c : *cities) {
    CAPTURE(c.city.slug);
    auto similar = kb->cities().Similar(c.city.slug, 5);
    REQUIRE(similar.ok());
    CHECK(similar->size() == std::min<size_t>(5, cities->size() - 1));
    for (size_t i = 0; i < similar->size(); ++i) {
      const auto& s = (*similar)[i];
      CHECK(s.city.slug != c.city.slug);
      CHECK(s.score >= 0);
      CHECK(s.score <= 1);
      CHECK_FALSE(s.reasons.empty());
      for (const auto& r : s.reasons) {
        CHECK_FALSE(r.fr.empty());
        CHECK_FALSE(r.en.empty());
      }
      if (i > 0) CHECK((*similar)[i - 1].score >= s.score);
    }
  }
  CHECK(kb->cities().Similar("atlantis", 5).status().code() == StatusCode::kNotFound);
}

TEST_CASE("Cities like mine prefers the same kind, size and themes", "[compare][cities]") {
  // Three made-up cities: b is a's twin (kind, country, size, themes), c differs in all.
  Catalog catalog;
  auto city = [](const std::string& slug, const std::string& kind, const std::string& country, double population) {
    City c;
    c.slug = slug;
    c.name = slug;
    c.organisation_kind = kind;
    c.country = country;
    c.indicators.push_back({"population", {}, population, "inhabitants", false, "2020", "s", "", {}});
    return c;
  };
  catalog.cities["a"] = city("a", "métropole", "FR", 500000);
  catalog.cities["b"] = city("b", "métropole", "FR", 450000);
  catalog.cities["c"] = city("c", "city council", "NL", 5000000);
  std::map<std::string, ThemeProfile> themes = {
      {"a", {{"data", 5}, {"mobility", 3}}}, {"b", {{"data", 4}, {"mobility", 2}}}, {"c", {{"culture", 6}}}};
  auto similar = SimilarCities(catalog, themes, "a", 5);
  REQUIRE(similar.ok());
  REQUIRE(similar->size() == 2);
  CHECK((*similar)[0].city.slug == "b");
  CHECK((*similar)[0].reasons.size() >= 4);  // themes, size, kind, country (and indicators)
  CHECK((*similar)[1].city.slug == "c");
  CHECK((*similar)[1].score < (*similar)[0].score);
}
