#include "word_lists.h"

#include <algorithm>
#include <fstream>
#include <unordered_set>

#include "random.h"

namespace citykb::bench {

namespace {

// Counts UTF-8 characters (not bytes).
size_t Chars(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool KeepFrench(const std::string& w) {
  if (w.size() < 2) return false;
  const auto first = static_cast<unsigned char>(w[0]);
  if (first >= 'A' && first <= 'Z') return false;
  if (first == 0xC3 && w.size() > 1 && static_cast<unsigned char>(w[1]) < 0xA0) return false;  // À..Þ
  if (w.front() == '-' || w.back() == '-') return false;
  for (unsigned char c : w)
    if (c == '\'' || c == ' ' || c == '.' || (c >= '0' && c <= '9') || c < 0x20) return false;
  return true;
}

bool KeepEnglish(const std::string& w) {
  if (w.size() < 2) return false;
  for (unsigned char c : w)
    if (c < 'a' || c > 'z') return false;
  return true;
}

}  // namespace

const std::vector<std::string>& FunctionWords(Lang lang) {
  static const std::vector<std::string> fr = {
      "de",    "la",     "le",     "et",    "les",    "des",   "en",     "du",       "un",    "une",   "à",
      "pour",  "dans",   "sur",    "avec",  "par",    "que",   "qui",    "est",      "au",    "aux",   "ce",
      "cette", "ces",    "il",     "elle",  "ils",    "nous",  "on",     "plus",     "pas",   "ne",    "se",
      "son",   "sa",     "ses",    "leur",  "leurs",  "ou",    "mais",   "comme",    "aussi", "entre", "sans",
      "tout",  "tous",   "très",   "été",   "être",   "avoir", "ont",    "sont",     "fait",  "faire", "sous",
      "dont",  "où",     "chaque", "autre", "autres", "même",  "bien",   "peu",      "deux",  "trois", "après",
      "avant", "depuis", "selon",  "lors",  "ainsi",  "donc",  "encore", "toujours", "déjà",  "vers",  "chez"};
  static const std::vector<std::string> en = {
      "the",   "of",    "and",     "to",      "a",       "in",    "is",    "that",  "for",   "it",     "as",
      "with",  "was",   "on",      "be",      "by",      "are",   "this",  "at",    "from",  "or",     "an",
      "which", "have",  "has",     "not",     "but",     "they",  "their", "its",   "can",   "been",   "more",
      "also",  "these", "between", "into",    "such",    "other", "may",   "all",   "will",  "we",     "our",
      "one",   "about", "than",    "both",    "each",    "most",  "two",   "three", "after", "before", "since",
      "so",    "still", "already", "towards", "without", "when",  "who",   "there"};
  return lang == Lang::kFr ? fr : en;
}

Result<Vocabulary> LoadVocabulary(const std::string& path, Lang lang, uint64_t seed) {
  std::ifstream in(path);
  if (!in) {
    return Status::NotFound("cannot read the word list " + path + " (install the Debian package " +
                            (lang == Lang::kFr ? "wfrench" : "wamerican") + ")");
  }
  const auto& function_words = FunctionWords(lang);
  const std::unordered_set<std::string> skip(function_words.begin(), function_words.end());
  std::unordered_set<std::string> seen;
  struct Ranked {
    double key;
    size_t order;
    std::string word;
  };
  std::vector<Ranked> ranked;
  Rng rng(seed ^ (lang == Lang::kFr ? 0xF4ULL : 0xE7ULL));
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!(lang == Lang::kFr ? KeepFrench(line) : KeepEnglish(line))) continue;
    if (skip.count(line) || !seen.insert(line).second) continue;
    // Shorter words are more frequent (Zipf's law of abbreviation), with noise.
    const double key = static_cast<double>(Chars(line)) * (0.55 + 0.9 * rng.Unit());
    ranked.push_back({key, ranked.size(), line});
  }
  if (ranked.size() < 1000) return Status::Internal("the word list " + path + " holds too few usable words");
  std::sort(ranked.begin(), ranked.end(),
            [](const Ranked& a, const Ranked& b) { return a.key != b.key ? a.key < b.key : a.order < b.order; });
  Vocabulary v;
  v.lang = lang;
  v.words = function_words;
  v.function_words = function_words.size();
  v.words.reserve(v.words.size() + ranked.size());
  for (auto& r : ranked) v.words.push_back(std::move(r.word));
  return v;
}

std::string Capitalize(std::string word) {
  if (word.empty()) return word;
  auto c0 = static_cast<unsigned char>(word[0]);
  if (c0 >= 'a' && c0 <= 'z') {
    word[0] = static_cast<char>(c0 - 32);
  } else if (c0 == 0xC3 && word.size() > 1) {
    auto c1 = static_cast<unsigned char>(word[1]);
    if (c1 >= 0xA0 && c1 <= 0xBE && c1 != 0xB7) word[1] = static_cast<char>(c1 - 0x20);
  }
  return word;
}

}  // namespace citykb::bench
