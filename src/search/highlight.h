// Highlighting: finds the query's words in an original (accented) text,
// through folding, elisions, stems and prefixes, and renders HTML with the
// text escaped and the matches in <mark>. Not thread-safe (holds a Stemmer):
// one Highlighter per request.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "index/index.h"
#include "index/stemmer.h"

namespace citykb {

// How one word of a text matched the query.
struct WordMatch {
  std::string word;   // as written in the text
  std::string query;  // the folded query word or synonym it matched
  std::string how;    // "exact", "accent", "stem", "prefix" or "synonym"
};

class Highlighter {
 public:
  explicit Highlighter(const QueryTerms& terms);

  // A window of about `max_words` words around the densest matches, or the
  // start of the text when nothing matches; "…" marks cut ends.
  std::string Snippet(std::string_view text, size_t max_words, std::vector<WordMatch>* matches = nullptr);
  // The whole text, highlighted.
  std::string Full(std::string_view text);

 private:
  // How a folded word matches the query ("exact", "stem", "prefix"; empty
  // for no match) and the query word it matches. Remembered per word.
  struct Classified {
    std::string how;
    std::string query;
  };
  const Classified& Classify(const std::string& key);
  // False when `key` cannot match the query whatever its stem: it is no
  // query word, starts with no query stem's first byte and no prefix.
  bool MayMatch(const std::string& key) const;
  // The match for a folded word, if any.
  bool Match(const std::string& key, std::string_view original, WordMatch* match);
  std::string Render(std::string_view text, size_t from, size_t to, const std::vector<struct Word>& words,
                     const std::vector<bool>& hit, size_t first, size_t last);

  const QueryTerms& terms_;
  Stemmer stemmer_;
  std::unordered_map<std::string, Classified> memo_;
  // First bytes of the query's stems: the Snowball stemmers only rewrite
  // endings, so a word starting otherwise cannot share a stem with them.
  bool stem_initial_[256] = {};
};

// Escapes &, <, >, " and ' for HTML.
std::string EscapeHtml(std::string_view text);

}  // namespace citykb
