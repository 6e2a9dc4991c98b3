// The pages of the web UI that are not files (/search, /cities/lyon, ...):
// which paths are pages and whether the record a page shows exists, so that
// a missing page or record answers 404 (with the page, which renders its
// not-found view) and a known one 200. Private to src/http/.
#pragma once

#include <string>

#include "http/api_context.h"

namespace citykb {

// 200 for a page of the UI whose record exists, 404 otherwise.
int WebPageStatus(ApiContext& context, const std::string& path);

}  // namespace citykb
