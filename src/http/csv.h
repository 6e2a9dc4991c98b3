// CSV exports of search results, the comparison matrix and the
// side-by-side view (RFC 4180: comma-separated, quoted where needed, CRLF).
#pragma once

#include <string>
#include <vector>

#include "search/compare_service.h"
#include "search/search_service.h"

namespace citykb {

// `base_url` ("http://host") makes the permalinks absolute.
// CompareCsv has one line per cell (its count and the permalinks of the
// records it holds), followed by one `record` line per record of the cell
// (title, permalink, sources, date), then one line per indicator
// observation. Every record of a cell is listed when the result was computed
// with CompareRequest::every_record.
std::string SearchCsv(const SearchResult& result, Lang lang, const std::string& base_url);
std::string CompareCsv(const CompareResult& result, const std::string& base_url);
std::string SideBySideCsv(const SideBySide& view, Lang lang, const std::string& base_url);

// One CSV field, quoted when it holds a comma, quote or line break. A
// leading =, +, - or @ is prefixed with ' so spreadsheets do not run it.
std::string CsvField(const std::string& value);

}  // namespace citykb
