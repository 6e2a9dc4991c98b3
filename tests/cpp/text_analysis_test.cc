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
// Appends code point `c` to `out` in UTF-8.
void AppendUtf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}
}  // namespace

TEST_CASE("Fold equals the fold ICU computes for every character", "[text]") {
  // Fold skips ICU for ASCII and the common Latin letters: every character
  // from U+0001 to U+07FF, and the apostrophes and a few others beyond,
  // alone and inside a word, folds as ICU folds it.
  std::vector<char32_t> chars;
  for (char32_t c = 1; c < 0x800; ++c) chars.push_back(c);
  for (char32_t c : {0x2018, 0x2019, 0x201C, 0x2013, 0x20AC, 0x1E9E, 0xFB01}) chars.push_back(c);
  int checked = 0;
  for (char32_t c : chars) {
    std::string alone, inside = "Ab";
    AppendUtf8(alone, c);
    AppendUtf8(inside, c);
    inside += "Ç\xC5\x93x";  // Ç œ
    CHECK(Fold(alone) == FoldWithIcu(alone));
    CHECK(Fold(inside) == FoldWithIcu(inside));
    ++checked;
  }
  CHECK(checked > 2000);
  CHECK(Fold("L’ÉTÉ d\xCA\xBC\xC3\x86ther") == "l'ete d'aether");
  // Bytes that are not UTF-8 go through ICU, which writes U+FFFD.
  CHECK(Fold("\xC3") == FoldWithIcu("\xC3"));
  CHECK(Fold("a\xE2\x80") == FoldWithIcu("a\xE2\x80"));
}

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
