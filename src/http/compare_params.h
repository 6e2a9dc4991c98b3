// Parsing of GET /api/compare's query parameters into a comparison request,
// with a clear error (and the offending field) for anything out of range.
// Uses request_params.h's checks.
#pragma once

#include <string>
#include <vector>

#include "http/request_params.h"
#include "search/compare_service.h"
#include "util/status.h"

namespace citykb {

// The limits of GET /api/compare, also stated in the OpenAPI description.
constexpr size_t kMaxCompareCities = 100;
constexpr size_t kMaxCompareRows = 100;

// A comparison request: the matrix (rows x cities) or the side-by-side
// view of one theme.
struct CompareParams {
  enum class View { kMatrix, kSideBySide };
  View view = View::kMatrix;
  Lang lang = Lang::kFr;
  std::string theme;       // the side-by-side view's theme
  CompareRequest request;  // the matrix; for the side-by-side view, its cities, q and lang only
};

// Every parameter of GET /api/compare except the output format (the caller
// sets request.every_record for CSV). kInvalidArgument naming the field for
// text that is not UTF-8, an unknown view, rows or kind, a side-by-side view
// without exactly one theme, top outside 0..20, more than 100 cities or rows.
Result<CompareParams> ParseCompareRequest(const QueryParams& params);

}  // namespace citykb
