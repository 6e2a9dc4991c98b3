// The one place where a Status becomes an HTTP status and a JSON error body.
#pragma once

#include <nlohmann/json.hpp>

#include "util/status.h"

namespace citykb {

// 400, 401, 403, 404, 409, 422, 503 or 500.
int HttpStatusFor(const Status& status);

// {"error": {"code", "message", "field"?, "problems"?}}. Internal errors get
// a generic message: their detail goes to the log only.
nlohmann::json ErrorBody(const Status& status);

// An error body for a condition found by the HTTP layer itself.
nlohmann::json ErrorBody(const char* code, const std::string& message);

}  // namespace citykb
