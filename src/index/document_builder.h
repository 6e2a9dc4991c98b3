// Turns a store document into a Xapian document: text terms in both
// languages, boolean filter terms, facet and sort values, and the display
// record returned with search hits. Private to src/index/.
#pragma once

#include <xapian.h>

#include <map>
#include <optional>
#include <string>

#include "model/model.h"

namespace citykb {

// What the index needs besides the document itself.
struct DisplayContext {
  std::map<std::string, City> cities;      // slug -> city
  std::map<std::string, Person> people;    // id -> person
  std::map<std::string, Source> sources;   // id -> source
  Taxonomy taxonomy;
};

// The Xapian document for `doc`.
Xapian::Document BuildDocument(const Document& doc, const DisplayContext& context);

// Adds every word of `doc`'s texts to the spelling dictionary and records
// the accented form of each folded word in `surfaces` (folded -> shown).
void AddSpellingAndSurfaces(Xapian::WritableDatabase& db, const Document& doc, const DisplayContext& context,
                            std::map<std::string, std::string>& surfaces);

}  // namespace citykb
