// The route table of the JSON API: every route citykb serves under /api,
// registered in one place. Private to src/http/.
#pragma once

#include <httplib.h>

#include "http/api_context.h"

namespace citykb {

// Registers every API route (and the web page fallback) on `server`.
void RegisterRoutes(httplib::Server& server, ApiContext& context);

// The OpenAPI 3 description of the routes.
const std::string& OpenApiJson();

}  // namespace citykb
