// Turns an index hit (its display record) into a SearchHit with a
// highlighted snippet. Shared by search, similar documents and comparison.
#pragma once

#include <string>

#include "index/index.h"
#include "search/highlight.h"
#include "search/search_service.h"

namespace citykb {

// A hit in `lang`, its body cut to `snippet_words` around the matches;
// with `explain`, how each word matched.
SearchHit MakeHit(const IndexHit& hit, Highlighter& highlighter, Lang lang, size_t snippet_words, bool explain);

}  // namespace citykb
