#include <catch2/catch.hpp>

#include "corpus/bundle_parser.h"
#include "corpus/corpus_loader.h"
#include "corpus/problem_french.h"
#include "test_support.h"

using namespace citykb;
using citykb::testing::ReadSource;
using citykb::testing::SourcePath;

namespace {
ValidationContext ContextFor(const Corpus& corpus) {
  ValidationContext context;
  context.taxonomy = &corpus.taxonomy;
  for (const auto& s : corpus.sources) context.source_ids.insert(s.id);
  for (const auto& d : corpus.indicators) context.indicators.emplace(d.name, d);
  return context;
}

bool HasProblemAt(const Status& s, const std::string& path) {
  for (const auto& p : s.problems())
    if (p.path.rfind(path, 0) == 0) return true;
  return false;
}
}  // namespace

TEST_CASE("The shipped corpus loads", "[corpus]") {
  auto corpus = LoadCorpus(SourcePath("corpus"));
  REQUIRE(corpus.ok());
  CHECK(corpus->taxonomy.themes.size() >= 15);
  CHECK(corpus->taxonomy.stakeholders.size() >= 9);
  std::set<std::string> cities;
  for (const auto& b : corpus->bundles) {
    if (b.city.slug.empty()) continue;
    cities.insert(b.city.slug);
    std::set<std::string> kinds;
    for (const auto& d : b.documents) kinds.insert(d.kind);
    CAPTURE(b.city.slug);
    // Every city meets the minimums of a comparable city (see citykb coverage).
    for (const char* kind : {"profile", "role", "practice", "milestone"}) {
      CAPTURE(kind);
      CHECK(kinds.count(kind) == 1);
    }
    CHECK(b.city.indicators.size() >= 4);
    for (const auto& d : b.documents) CHECK_FALSE(d.sources.empty());
  }
  for (const char* slug : {"grenoble", "lyon", "rennes"}) CHECK(cities.count(slug) == 1);
  CHECK(cities.size() >= 15);
}

TEST_CASE("Broken bundles are refused with the JSON path of their defect", "[corpus]") {
  auto corpus = LoadCorpus(SourcePath("corpus"));
  REQUIRE(corpus.ok());
  const ValidationContext context = ContextFor(*corpus);
  REQUIRE(ParseBundleText(ReadSource("tests/fixtures/bundles/valid-testville.json"), context).ok());
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"unknown-theme.json", "/documents/1/themes/0"},
      {"missing-language.json", "/documents/0/body/en"},
      {"wrong-type.json", "/city/indicators/0/value"},
      {"duplicate-id.json", "/documents/2/id"},
      {"unknown-person.json", "/documents/2/person"},
      {"unknown-source.json", "/documents/1/sources/1"},
      {"source-without-url.json", "/sources/0/url"},
      {"bad-date.json", "/documents/0/as_of"},
      {"role-to-before-from.json", "/people/0/roles/0/to"},
      {"milestone-without-date.json", "/documents/3/date"},
      {"unknown-indicator.json", "/city/indicators/1/name"},
      {"unit-mismatch.json", "/city/indicators/1/unit"},
      {"bad-utf8.json", "/"},
  };
  for (const auto& [file, path] : cases) {
    CAPTURE(file);
    auto result = ParseBundleText(ReadSource("tests/fixtures/bundles/" + file), context);
    REQUIRE_FALSE(result.ok());
    CHECK(result.status().code() == StatusCode::kValidationFailed);
    CHECK(HasProblemAt(result.status(), path));
    for (const auto& p : result.status().problems()) CHECK(FrenchReason(p.reason) != p.reason);
  }
}

TEST_CASE("Validation reports every problem at once", "[corpus]") {
  auto corpus = LoadCorpus(SourcePath("corpus"));
  REQUIRE(corpus.ok());
  const ValidationContext context = ContextFor(*corpus);
  const std::string text = R"({"city": {"slug": "Bad Slug", "name": 3, "organisation": "X", "country": "FR",
    "summary": {"fr": "a"}}, "people": [], "documents": [{"id": "x", "kind": "essay", "title": {"fr": "t", "en": "t"},
    "body": {"fr": "b", "en": "b"}, "themes": ["nope"], "extra": 1}]})";
  auto result = ParseBundleText(text, context);
  REQUIRE_FALSE(result.ok());
  const Status& s = result.status();
  CHECK(HasProblemAt(s, "/city/slug"));
  CHECK(HasProblemAt(s, "/city/name"));
  CHECK(HasProblemAt(s, "/city/summary/en"));
  CHECK(HasProblemAt(s, "/documents/0/kind"));
  CHECK(HasProblemAt(s, "/documents/0/themes/0"));
  CHECK(HasProblemAt(s, "/documents/0/extra"));
}

TEST_CASE("A corpus with one invalid file loads nothing and names the file", "[corpus]") {
  citykb::testing::TempDir dir;
  std::filesystem::copy(SourcePath("corpus"), dir.path(), std::filesystem::copy_options::recursive);
  std::filesystem::copy_file(SourcePath("tests/fixtures/bundles/unknown-theme.json"),
                             dir.path() + "/cities/testville.json");
  auto corpus = LoadCorpus(dir.path());
  REQUIRE_FALSE(corpus.ok());
  bool named = false;
  for (const auto& p : corpus.status().problems()) named |= p.file == "cities/testville.json";
  CHECK(named);
}

TEST_CASE("Deeply nested JSON is refused before parsing", "[corpus]") {
  CHECK(JsonDepthWithin("[[[]]]", 3));
  CHECK_FALSE(JsonDepthWithin(std::string(100000, '['), 32));
  CHECK(JsonDepthWithin(R"({"a": "[[[[[[[["})", 2));
}
