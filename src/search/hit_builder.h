// Turns an index hit (its stored display record) into a SearchHit with a
// highlighted snippet. Shared by search, similar documents and comparison.
#pragma once

#include <string>

#include "index/index.h"
#include "search/highlight.h"
#include "search/search_service.h"

namespace citykb {

// The display record the index keeps with each document.
struct Record {
  Document doc;
  std::optional<CityRef> city;
  std::optional<PersonRef> person;
  std::optional<SourceRef> source;
  std::vector<SourceRef> sources;
};

// Parses a display record; an unreadable one gives an empty Record.
Record ParseRecord(const std::string& data);

// A hit in `lang`, its body cut to `snippet_words` around the matches;
// with `explain`, how each word matched.
SearchHit MakeHit(const IndexHit& hit, Highlighter& highlighter, Lang lang, size_t snippet_words, bool explain);

}  // namespace citykb
