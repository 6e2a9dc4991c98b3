// Parsing of query-string parameters into service requests, with a clear
// error (and the offending field) for anything out of range.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "search/search_service.h"
#include "util/status.h"

namespace citykb {

// Query parameters as the HTTP layer receives them (repeatable keys).
using QueryParams = std::multimap<std::string, std::string>;

// The values of a repeatable parameter, also split on commas, trimmed,
// without empties or duplicates.
std::vector<std::string> ListParam(const QueryParams& params, const std::string& key);

// A parameter given more than once is checked in every value; the first is used.

// kInvalidArgument naming the first parameter whose value is not valid UTF-8.
Status CheckUtf8(const QueryParams& params);

// The first value of a parameter, or `fallback` when absent. Unchecked.
std::string Param(const QueryParams& params, const std::string& key, const std::string& fallback = "");

// A text parameter: every value valid UTF-8 of at most `max_chars`
// characters (code points, as OpenAPI's maxLength counts); the first value,
// or "" when absent. kInvalidArgument otherwise.
Result<std::string> TextParam(const QueryParams& params, const std::string& key, size_t max_chars);

// One of `allowed` (an empty value counts as absent): the first value, or
// `fallback`. kInvalidArgument naming the allowed values otherwise.
Result<std::string> EnumParam(const QueryParams& params, const std::string& key, const std::string& fallback,
                              const std::vector<std::string>& allowed);

// An integer parameter within [min, max]; kInvalidArgument otherwise.
Result<int> IntParam(const QueryParams& params, const std::string& key, int fallback, int min, int max);

// A boolean parameter: 1/0, true/false, on/off, yes/no.
Result<bool> BoolParam(const QueryParams& params, const std::string& key, bool fallback);

// lang=fr|en.
Result<Lang> LangParam(const QueryParams& params);

// The record kinds (the `kind` enum of the API).
const std::vector<std::string>& KindValues();

// kInvalidArgument naming `field` when a value is not one of KindValues().
Status CheckKinds(const std::vector<std::string>& values, const std::string& field);

// The number of characters (code points) of valid UTF-8 `text`.
size_t CharCount(std::string_view text);

// Limits of GET /api/search, also stated in the OpenAPI description.
constexpr size_t kMaxQueryChars = 2000;    // q
constexpr size_t kMaxValuesPerFacet = 50;  // values of city, theme, stakeholder, kind
constexpr size_t kMaxFacetValueChars = 64;
constexpr int kMaxPage = 100;  // with per_page <= 100: offsets stay under 10,000

// Every parameter of GET /api/search.
Result<SearchRequest> ParseSearchRequest(const QueryParams& params);

}  // namespace citykb
