// The texts of each document as citykb indexes them, for the baselines:
// the names (city name and organisation, person name: weighted like a
// title), then title, body and the "extra" line (job title, facet labels)
// in each language, plus the facet values and a display record. Built from
// a loaded Corpus; plain values.
#pragma once

#include <string>
#include <vector>

#include "model/model.h"

namespace citykb::bench {

struct DocTexts {
  std::string id, city, kind, person;
  std::vector<std::string> themes, stakeholders;
  std::string names;                        // both languages
  std::string title[2], body[2], extra[2];  // [0] French, [1] English; as written (not folded)
  std::string data;                         // display record (JSON), stored with the document
};

// Every document of the corpus, sorted by id (the order citykb's indexer
// assigns document numbers in, so that ties rank alike).
std::vector<DocTexts> CollectTexts(const Corpus& corpus);

}  // namespace citykb::bench
