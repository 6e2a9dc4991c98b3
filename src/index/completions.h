// The words that complete a typed prefix, read from the index's term list:
// the most frequent ones overall, or those of the documents that the words
// typed before lead to. Private to src/index/.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace citykb {

// A word that can be offered: its term, the form shown and its weight.
struct WordChoice {
  std::string term;
  std::string shown;
  int64_t weight = 0;
};

// What the terms starting with one prefix offer.
struct PrefixWords {
  std::vector<std::string> expansions;  // the most frequent terms that can be offered: what a title query looks for
  std::vector<WordChoice> words;        // the words to offer (weight = documents holding it), most frequent first
};

// Where the words of one language are and what was typed of the last one.
struct TypedPrefix {
  std::string lang_prefix;  // the term prefix of the language's text
  std::string last;         // the last word typed, folded
  std::string stem() const { return lang_prefix + last; }
};

// Words offered per prefix: (limit + 1) / 2 at the largest limit, 20.
inline constexpr size_t kMaxWords = 10;
// Words a title query looks for in place of the last one (with the typed
// word itself, stemmed). Xapian's QueryParser expanded it to the 50 most
// frequent: finding them and matching their union was half of a
// completion's time.
inline constexpr size_t kMaxExpansions = 5;
// A prefix of three letters or more is scanned on each request, up to this
// many terms in alphabetical order (at M the largest, "des", has 2,954):
// past it, words beyond the first kMaxScannedTerms are not considered.
inline constexpr size_t kMaxScannedTerms = 5000;

// The words starting with `typed`, ranked by how many documents hold them.
// Reads at most `max_terms` terms in alphabetical order (0 = all of them),
// with no per-term lookup: only the shown form of the words kept is read.
PrefixWords ScanPrefix(const Xapian::Database& db, const TypedPrefix& typed, size_t max_terms);

// True for a prefix short enough to be worth a per-revision table: a
// prefix of one or two letters has the most terms (thousands) to scan.
bool IsShortPrefix(const std::string& last);

// The PrefixWords of short prefixes for one revision of the index, each
// built by a full ScanPrefix on its first use (the first request for "de"
// on a new revision pays for the scan of every term starting with "de";
// the requests after it read the table). Safe across threads.
class PrefixTable {
 public:
  std::shared_ptr<const PrefixWords> Get(const Xapian::Database& db, const TypedPrefix& typed);

 private:
  std::mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<const PrefixWords>> entries_;  // by stem()
};

// The words starting with `typed` in the documents `top` (the best ones for
// the words typed before), ranked by how strongly they go with those
// documents (Xapian's expansion weight, with document lengths taken as
// average). `skip`: terms not to offer (the words typed before).
std::vector<WordChoice> CoOccurringWords(const Xapian::Database& db, const Xapian::MSet& top, const TypedPrefix& typed,
                                         const std::vector<std::string>& skip);

}  // namespace citykb
