// Turns a store document into a Xapian document: text terms in both
// languages, boolean filter terms, facet and sort values, and the display
// record returned with search hits. Private to src/index/.
#pragma once

#include <xapian.h>

#include <map>
#include <optional>
#include <string>
#include <unordered_map>

#include "model/model.h"

namespace citykb {

// What the index needs besides the document itself.
struct DisplayContext {
  std::map<std::string, City> cities;     // slug -> city
  std::map<std::string, Person> people;   // id -> person
  std::map<std::string, Source> sources;  // id -> source
  Taxonomy taxonomy;
};

// The words of the documents indexed by one update, gathered in memory and
// written to the index once: spelling frequencies and accented forms.
struct WordTally {
  struct Seen {
    unsigned count = 0;  // occurrences, added to the spelling dictionary
    std::string shown;   // the form shown (accents kept; lower case once seen so)
  };
  std::unordered_map<std::string, Seen> words;  // folded word -> what was seen of it
};

// The Xapian document for `doc`. Counts its words into `tally` for the
// spelling dictionary, with the accented form of each folded word (lower
// case once seen in lower case): texts, labels, the person's title and name,
// the city's name.
Xapian::Document BuildDocument(const Document& doc, const DisplayContext& context, WordTally& tally);

// Adds the tallied words to the spelling dictionary and the surface
// metadata of `db` (not committed), then empties `tally`.
void WriteWordTally(Xapian::WritableDatabase& db, WordTally& tally);

}  // namespace citykb
