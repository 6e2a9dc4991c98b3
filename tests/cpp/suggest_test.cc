// As-you-type completions (SearchService::Suggest with its cache off): the
// most frequent words of a prefix, narrowed by the words typed before,
// titles, no stop words, and nothing stale after a write.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "test_support.h"

using namespace citykb;
using citykb::testing::OpenWithCorpus;
using citykb::testing::TempDir;
using nlohmann::json;

namespace {

// A bundle for city `slug` with one document per body text (both languages).
std::string MakeBundle(const std::string& slug, const std::vector<std::string>& bodies) {
  json docs = json::array();
  for (size_t i = 0; i < bodies.size(); ++i)
    docs.push_back({{"id", slug + "-doc-" + std::to_string(i)},
                    {"kind", "practice"},
                    {"themes", {"data"}},
                    {"sources", {"citykb-test-data"}},
                    {"title", {{"fr", "Fiche " + bodies[i]}, {"en", "Sheet " + bodies[i]}}},
                    {"body", {{"fr", bodies[i] + "."}, {"en", bodies[i] + "."}}}});
  json bundle = {{"city",
                  {{"slug", slug},
                   {"name", "Ville " + slug},
                   {"organisation", "Test"},
                   {"country", "FR"},
                   {"summary", {{"fr", "Ville de test."}, {"en", "Test city."}}}}},
                 {"people", json::array()},
                 {"documents", docs}};
  return bundle.dump();
}

// `n` distinct words "zqx" + three letters, all sorting before "zqxzzz".
std::vector<std::string> RareWords(int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) {
    std::string w = "zqx";
    w += static_cast<char>('a' + i / 100 % 26);
    w += static_cast<char>('a' + i / 10 % 10);
    w += static_cast<char>('a' + i % 10);
    out.push_back(w);
  }
  return out;
}

// The suggestions of one type for `typed`, in order.
std::vector<std::string> Suggested(KnowledgeBase& kb, const std::string& typed, const std::string& type,
                                   Lang lang = Lang::kFr) {
  auto list = kb.search().Suggest(typed, lang, 8);
  REQUIRE(list.ok());
  std::vector<std::string> out;
  for (const auto& s : *list)
    if (s.type == type) out.push_back(s.text);
  return out;
}

bool Has(const std::vector<std::string>& list, const std::string& text) {
  return std::find(list.begin(), list.end(), text) != list.end();
}

}  // namespace

TEST_CASE("The most frequent word of a prefix is offered first, past any number of rarer words", "[suggest]") {
  TempDir dir;
  auto kb = OpenWithCorpus(dir.path());
  // 300 words in one document each, then "zqxzzz" in five.
  std::vector<std::string> bodies;
  const std::vector<std::string> rare = RareWords(300);
  for (size_t i = 0; i < rare.size(); i += 30) {
    std::string body;
    for (size_t j = i; j < i + 30; ++j) body += rare[j] + " ";
    bodies.push_back(body);
  }
  for (int i = 0; i < 5; ++i) bodies.push_back("zqxzzz numero " + std::to_string(i));
  REQUIRE(kb->PutBundle(MakeBundle("testville", bodies)).ok());
  // A short prefix (the revision's table) and a longer one (a scan), both languages.
  for (const char* typed : {"zq", "zqx", "zqxz"}) {
    CAPTURE(typed);
    for (Lang lang : {Lang::kFr, Lang::kEn}) {
      const auto words = Suggested(*kb, typed, "word", lang);
      REQUIRE_FALSE(words.empty());
      CHECK(words.front() == "zqxzzz");
    }
  }
}

TEST_CASE("Earlier words narrow the completions; titles follow them", "[suggest]") {
  TempDir dir;
  auto kb = OpenWithCorpus(dir.path());
  std::vector<std::string> bodies;
  for (int i = 0; i < 3; ++i) bodies.push_back("quokka zqmango");
  for (int i = 0; i < 6; ++i) bodies.push_back("wombat zqmelon");
  REQUIRE(kb->PutBundle(MakeBundle("testville", bodies)).ok());

  SECTION("alone, the more frequent word comes first") {
    const auto words = Suggested(*kb, "zqm", "word");
    REQUIRE(words.size() >= 2);
    CHECK(words[0] == "zqmelon");
    CHECK(words[1] == "zqmango");
  }
  SECTION("after an earlier word, only the words of its documents") {
    const auto words = Suggested(*kb, "quokka zqm", "word");
    CHECK(Has(words, "quokka zqmango"));
    CHECK_FALSE(Has(words, "quokka zqmelon"));
    CHECK(Has(Suggested(*kb, "wombat zqm", "word"), "wombat zqmelon"));
  }
  SECTION("titles: documents with the earlier words and a word the last begins") {
    const auto titles = Suggested(*kb, "quokka zqma", "title");
    REQUIRE_FALSE(titles.empty());
    for (const auto& t : titles) CHECK(t == "Fiche quokka zqmango");
    CHECK(Suggested(*kb, "wombat zqma", "title").empty());
    CHECK(Has(Suggested(*kb, "zqmel", "title"), "Fiche wombat zqmelon"));
    CHECK(Has(Suggested(*kb, "zqmel", "title", Lang::kEn), "Sheet wombat zqmelon"));
  }
}

TEST_CASE("Stop words and words under three letters are not offered", "[suggest]") {
  TempDir dir;
  auto kb = OpenWithCorpus(dir.path());
  const std::vector<std::string> stop = {"de", "des", "dans", "le",    "les",  "leur",  "leurs",
                                         "la", "the", "that", "their", "this", "there", "these"};
  for (const char* typed : {"d", "de", "l", "le", "la", "th", "the"}) {
    CAPTURE(typed);
    for (Lang lang : {Lang::kFr, Lang::kEn}) {
      for (const auto& w : Suggested(*kb, typed, "word", lang)) {
        CAPTURE(w);
        CHECK(w.size() >= 3);
        CHECK_FALSE(Has(stop, w));
      }
    }
  }
}

TEST_CASE("A write changes the completions at once", "[suggest]") {
  TempDir dir;
  auto kb = OpenWithCorpus(dir.path());
  CHECK(Suggested(*kb, "zq", "word").empty());
  REQUIRE(kb->PutBundle(MakeBundle("testville", {"zqaaaa", "zqaaaa zqbbbb"})).ok());
  CHECK(Suggested(*kb, "zq", "word") == std::vector<std::string>{"zqaaaa", "zqbbbb"});
  // Another revision: the short prefix's table is built again.
  REQUIRE(kb->PutBundle(MakeBundle("otherville", {"zqbbbb", "zqbbbb", "zqcccc"})).ok());
  CHECK(Suggested(*kb, "zq", "word") == std::vector<std::string>{"zqbbbb", "zqaaaa", "zqcccc"});
  REQUIRE(kb->DeleteCity("otherville").ok());
  CHECK(Suggested(*kb, "zq", "word") == std::vector<std::string>{"zqaaaa", "zqbbbb"});
}
