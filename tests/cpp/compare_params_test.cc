// ParseCompareRequest: GET /api/compare's parameters, without a server.
#include <catch2/catch.hpp>

#include "http/compare_params.h"

using namespace citykb;

namespace {

// The status of parsing `params`; its field names the offending parameter.
Status ParseError(const QueryParams& params) {
  auto parsed = ParseCompareRequest(params);
  return parsed.ok() ? Status::Ok() : parsed.status();
}

}  // namespace

TEST_CASE("ParseCompareRequest reads the matrix and its filters", "[compare_params]") {
  auto parsed = ParseCompareRequest({{"cities", "lyon,rennes"},
                                     {"rows", "stakeholder"},
                                     {"stakeholders", "citizens"},
                                     {"theme", "data"},
                                     {"kind", "practice"},
                                     {"q", "open data"},
                                     {"top", "5"},
                                     {"lang", "en"}});
  REQUIRE(parsed.ok());
  CHECK(parsed->view == CompareParams::View::kMatrix);
  CHECK(parsed->lang == Lang::kEn);
  const CompareRequest& r = parsed->request;
  CHECK(r.cities == std::vector<std::string>{"lyon", "rennes"});
  CHECK(r.rows == "stakeholder");
  CHECK(r.values == std::vector<std::string>{"citizens"});
  CHECK(r.q == "open data");
  CHECK(r.top == 5);
  CHECK(r.lang == Lang::kEn);
  CHECK(r.filters.at("theme") == std::vector<std::string>{"data"});
  CHECK(r.filters.at("kind") == std::vector<std::string>{"practice"});
  CHECK(r.filters.count("stakeholder") == 0);  // the rows' facet is not a filter
  CHECK(r.filters.count("city") == 0);
}

TEST_CASE("ParseCompareRequest's defaults and the side-by-side view", "[compare_params]") {
  auto defaults = ParseCompareRequest({});
  REQUIRE(defaults.ok());
  CHECK(defaults->request.rows == "theme");
  CHECK(defaults->request.top == 3);
  CHECK(defaults->request.cities.empty());
  CHECK(defaults->lang == Lang::kFr);

  auto side = ParseCompareRequest({{"view", "side-by-side"}, {"themes", "governance"}, {"cities", "lyon"}});
  REQUIRE(side.ok());
  CHECK(side->view == CompareParams::View::kSideBySide);
  CHECK(side->theme == "governance");
  CHECK(side->request.cities == std::vector<std::string>{"lyon"});
}

TEST_CASE("ParseCompareRequest refuses bad parameters, naming the field", "[compare_params]") {
  SECTION("text that is not UTF-8") {
    Status s = ParseError({{"cities", "ly\xff"}});
    CHECK(s.code() == StatusCode::kInvalidArgument);
    CHECK(s.field() == "cities");
  }
  SECTION("a query longer than the search allows") {
    Status s = ParseError({{"q", std::string(kMaxQueryChars + 1, 'a')}});
    CHECK(s.code() == StatusCode::kInvalidArgument);
    CHECK(s.field() == "q");
  }
  SECTION("a query at the limit, counted in characters") {
    std::string at_limit;
    for (size_t i = 0; i < kMaxQueryChars; ++i) at_limit += "é";
    CHECK(ParseError({{"q", at_limit}}).ok());
  }
  SECTION("an unknown view, rows or language") {
    CHECK(ParseError({{"view", "table"}}).field() == "view");
    CHECK(ParseError({{"rows", "color"}}).field() == "rows");
    CHECK(ParseError({{"rows", "city"}}).field() == "rows");
    CHECK(ParseError({{"lang", "de"}}).field() == "lang");
  }
  SECTION("an unknown kind, as rows or as filter") {
    CHECK(ParseError({{"rows", "kind"}, {"kinds", "novel"}}).field() == "kinds");
    CHECK(ParseError({{"kind", "novel"}}).field() == "kind");
    CHECK(ParseError({{"rows", "kind"}, {"kinds", "practice,role"}}).ok());
  }
  SECTION("top outside 0..20") {
    CHECK(ParseError({{"top", "21"}}).field() == "top");
    CHECK(ParseError({{"top", "-1"}}).field() == "top");
    CHECK(ParseError({{"top", "two"}}).field() == "top");
  }
  SECTION("the side-by-side view without exactly one theme") {
    CHECK(ParseError({{"view", "side-by-side"}}).field() == "theme");
    CHECK(ParseError({{"view", "side-by-side"}, {"theme", "data,governance"}}).field() == "theme");
  }
  SECTION("more than 100 cities or rows") {
    std::string many;
    for (int i = 0; i <= 100; ++i) many += "c" + std::to_string(i) + ",";
    CHECK(ParseError({{"cities", many}}).field() == "cities");
    CHECK(ParseError({{"themes", many}}).field() == "cities");
    std::string hundred;
    for (int i = 0; i < 100; ++i) hundred += "c" + std::to_string(i) + ",";
    CHECK(ParseError({{"cities", hundred}}).ok());
  }
}
