// Parsing of query-string parameters into service requests, with a clear
// error (and the offending field) for anything out of range.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "search/search_service.h"
#include "util/status.h"

namespace citykb {

// Query parameters as the HTTP layer receives them (repeatable keys).
using QueryParams = std::multimap<std::string, std::string>;

// The values of a repeatable parameter, also split on commas, trimmed,
// without empties or duplicates.
std::vector<std::string> ListParam(const QueryParams& params, const std::string& key);

// The single value of a parameter, or `fallback` when absent.
std::string Param(const QueryParams& params, const std::string& key, const std::string& fallback = "");

// An integer parameter within [min, max]; kInvalidArgument otherwise.
Result<int> IntParam(const QueryParams& params, const std::string& key, int fallback, int min, int max);

// A boolean parameter: 1/0, true/false, on/off, yes/no.
Result<bool> BoolParam(const QueryParams& params, const std::string& key, bool fallback);

// lang=fr|en.
Result<Lang> LangParam(const QueryParams& params);

// Every parameter of GET /api/search.
Result<SearchRequest> ParseSearchRequest(const QueryParams& params);

}  // namespace citykb
