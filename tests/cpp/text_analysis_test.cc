#include <catch2/catch.hpp>

#include "index/stemmer.h"
#include "search/highlight.h"
#include "text/text_analysis.h"

using namespace citykb;

namespace {
std::vector<std::string> Keys(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& w : SplitWords(text)) out.push_back(w.key);
  return out;
}
}  // namespace

TEST_CASE("Fold removes accents and case", "[text]") {
  CHECK(Fold("ÉNERGIE") == "energie");
  CHECK(Fold("énergie") == "energie");
  CHECK(Fold("Mobilités") == "mobilites");
  CHECK(Fold("Œuvre cœur") == "oeuvre coeur");
  CHECK(Fold("Ça") == "ca");
  // Decomposed input (e + combining acute) folds the same way.
  CHECK(Fold("e\xCC\x81nergie") == "energie");
}

TEST_CASE("SplitWords splits French elisions, straight and curly", "[text]") {
  CHECK(Keys("l'innovation") == std::vector<std::string>{"innovation"});
  CHECK(Keys("d’énergie") == std::vector<std::string>{"energie"});
  CHECK(Keys("L’Économie") == std::vector<std::string>{"economie"});
  CHECK(Keys("qu'elle jusqu'à lorsqu'il") == std::vector<std::string>{"elle", "a", "il"});
  SECTION("an inner apostrophe that is not an elision joins the word") {
    CHECK(Keys("aujourd'hui") == std::vector<std::string>{"aujourd'hui"});
  }
  SECTION("offsets point into the original bytes") {
    const std::string text = "Pour l’énergie";
    const auto words = SplitWords(text);
    REQUIRE(words.size() == 2);
    CHECK(text.substr(words[1].begin, words[1].end - words[1].begin) == "l’énergie");
    CHECK(text.substr(words[1].key_begin, words[1].end - words[1].key_begin) == "énergie");
  }
  SECTION("hyphens and punctuation separate words") {
    CHECK(Keys("client-fournisseur, Grenoble-Alpes.") ==
          std::vector<std::string>{"client", "fournisseur", "grenoble", "alpes"});
  }
}

TEST_CASE("NormalizeQuery keeps operators and syntax", "[text]") {
  CHECK(NormalizeQuery("Énergie AND l'Innovation") == "energie AND innovation");
  CHECK(NormalizeQuery("\"ville intelligente\" -Lyon mobilit*") == "\"ville intelligente\" -lyon mobilit*");
  CHECK(NormalizeQuery("titre:Données") == "titre:donnees");
  SECTION("operators in lower case are words") { CHECK(NormalizeQuery("or and") == "or and"); }
  SECTION("invalid UTF-8 is replaced, not passed on") { CHECK(IsValidUtf8(NormalizeQuery("caf\xe9 bar"))); }
}

TEST_CASE("Stemming after folding makes accents irrelevant", "[text]") {
  Stemmer stemmer;
  for (auto [a, b] : std::vector<std::pair<std::string, std::string>>{{"mobilité", "mobilite"},
                                                                      {"données", "donnees"},
                                                                      {"énergétique", "energetique"},
                                                                      {"mobilités", "mobilite"}}) {
    CAPTURE(a, b);
    CHECK(stemmer.Stem(Fold(a), Lang::kFr) == stemmer.Stem(Fold(b), Lang::kFr));
  }
  CHECK(stemmer.Stem("partners", Lang::kEn) == stemmer.Stem("partner", Lang::kEn));
}

TEST_CASE("Highlighter marks folded, stemmed and prefix matches on the original text", "[text]") {
  Stemmer stemmer;
  QueryTerms terms;
  terms.stems_fr.insert(stemmer.Stem("energie", Lang::kFr));
  terms.prefixes.push_back("mobil");
  terms.origin["energie"] = "query";
  Highlighter h(terms);
  std::vector<WordMatch> matches;
  const std::string html = h.Snippet("L’énergie & les <b>mobilités</b>", 50, &matches);
  CHECK(html == "L’<mark>énergie</mark> &amp; les &lt;b&gt;<mark>mobilités</mark>&lt;/b&gt;");
  REQUIRE(matches.size() == 2);
  CHECK(matches[0].how == "accent");
  CHECK(matches[1].how == "prefix");
  SECTION("a long text is cut around the matches") {
    std::string text;
    for (int i = 0; i < 100; ++i) text += "mot ";
    text += "énergie fin";
    const std::string snippet = h.Snippet(text, 10);
    CHECK(snippet.rfind("… ", 0) == 0);
    CHECK(snippet.find("<mark>énergie</mark>") != std::string::npos);
  }
  SECTION("text is always escaped") {
    const std::string s = h.Snippet("<script>alert(1)</script>", 50);
    CHECK(s.find("<script>") == std::string::npos);
    CHECK(s.find("&lt;script&gt;") != std::string::npos);
  }
}

TEST_CASE("CompareFrench orders accented letters with their base letter", "[text]") {
  CHECK(CompareFrench("énergie", "gouvernance") < 0);
  CHECK(CompareFrench("Éducation", "economie") > 0);
  CHECK(CompareFrench("zèbre", "abeille") > 0);
}
