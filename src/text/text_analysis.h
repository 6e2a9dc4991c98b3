// Text analysis shared by indexing, querying and highlighting: Unicode
// normalisation, accent and case folding (ICU), French elision splitting.
// Stateless free functions, safe to call from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace citykb {

// Folds one word or phrase: NFD, drops combining marks, full case folding,
// expands the ligatures œ and æ, and writes curly apostrophes as '.
// `Fold("ÉNERGIE") == "energie"`, `Fold("Œuvre") == "oeuvre"`.
// Invalid UTF-8 becomes U+FFFD.
std::string Fold(std::string_view text);

// Fold computed by ICU for every character: the reference Fold must equal
// (Fold itself skips ICU for ASCII and the common Latin letters).
std::string FoldWithIcu(std::string_view text);

// One word of a text, located in the original bytes.
struct Word {
  size_t begin = 0;      // byte offset of the word in the original text
  size_t end = 0;        // one past its last byte
  size_t key_begin = 0;  // where the word proper starts, after an elision (l', qu', ...)
  std::string key;       // folded word without its elision: "l’Énergie" -> "energie"
};

// Splits a text into words: runs of letters and digits, joined across an
// inner apostrophe ("aujourd'hui"), except after a French elision (l' d' j'
// m' n' s' t' c' qu' jusqu' lorsqu' puisqu' quoiqu'), which is split off.
std::vector<Word> SplitWords(std::string_view text);

// Rewrites a text for the indexer: every word replaced by its key, the rest
// kept. "L’Énergie, d'abord" -> "energie, abord".
std::string NormalizeText(std::string_view text);

// Rewrites a user query like NormalizeText, but keeps the query-syntax
// operators AND OR NOT XOR NEAR when typed in capitals and leaves the syntax
// characters (quotes, brackets, -, *, :) where they are.
std::string NormalizeQuery(std::string_view query);

// Lowercases a text, keeping its accents: "ÉNERGIE" -> "énergie".
std::string Lower(std::string_view text);

// Compares two texts in French collation order (accents after their base
// letter, case ignored at first level): negative, zero or positive.
int CompareFrench(std::string_view a, std::string_view b);

// Replaces every invalid UTF-8 sequence by U+FFFD.
std::string SanitizeUtf8(std::string_view text);

// True when `text` is valid UTF-8.
bool IsValidUtf8(std::string_view text);

}  // namespace citykb
