// Vocabularies for the synthetic corpus, read from Debian's word lists
// (wfrench: /usr/share/dict/french, wamerican: /usr/share/dict/american-english)
// and ranked for Zipf sampling: function words first, then shorter words
// before longer ones, with seeded noise. Immutable once loaded.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/model.h"
#include "util/status.h"

namespace citykb::bench {

// The default locations of the Debian word lists.
inline constexpr char kFrenchWords[] = "/usr/share/dict/french";
inline constexpr char kEnglishWords[] = "/usr/share/dict/american-english";

struct Vocabulary {
  Lang lang = Lang::kFr;
  std::vector<std::string> words;  // by rank: 0 is the most frequent
  size_t function_words = 0;       // ranks below this are function words
};

// The function words of a language, most frequent first: they open the
// ranking and are never chosen as query words.
const std::vector<std::string>& FunctionWords(Lang lang);

// Reads a word list (one word a line), keeps plain lower-case words (no
// apostrophe, space or digit; English: ASCII letters only) and ranks them.
// kNotFound when the file is missing (install wfrench / wamerican).
Result<Vocabulary> LoadVocabulary(const std::string& path, Lang lang, uint64_t seed);

// "économie" -> "Économie" (ASCII and Latin-1 lower-case letters).
std::string Capitalize(std::string word);

}  // namespace citykb::bench
