#include "http/error_mapping.h"

#include "corpus/problem_french.h"

namespace citykb {

using nlohmann::json;

namespace {
const char* CodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "ok";
    case StatusCode::kInvalidArgument:
      return "invalid_argument";
    case StatusCode::kValidationFailed:
      return "validation_failed";
    case StatusCode::kNotFound:
      return "not_found";
    case StatusCode::kUnauthenticated:
      return "unauthenticated";
    case StatusCode::kPermissionDenied:
      return "writes_disabled";
    case StatusCode::kConflict:
      return "conflict";
    case StatusCode::kUnavailable:
      return "unavailable";
    case StatusCode::kInternal:
      return "internal";
  }
  return "internal";
}
}  // namespace

int HttpStatusFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk:
      return 200;
    case StatusCode::kInvalidArgument:
      return 400;
    case StatusCode::kValidationFailed:
      return 422;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kUnauthenticated:
      return 401;
    case StatusCode::kPermissionDenied:
      return 403;
    case StatusCode::kConflict:
      return 409;
    case StatusCode::kUnavailable:
      return 503;
    case StatusCode::kInternal:
      return 500;
  }
  return 500;
}

json ErrorBody(const Status& status) {
  json error = {{"code", CodeName(status.code())}};
  error["message"] = status.code() == StatusCode::kInternal
                         ? "the server could not complete the request; it has been logged"
                         : status.message();
  if (!status.field().empty()) error["field"] = status.field();
  if (!status.problems().empty()) {
    json problems = json::array();
    for (const auto& p : status.problems()) {
      json item = {
          {"path", p.path}, {"reason", p.reason}, {"reasons", {{"en", p.reason}, {"fr", FrenchReason(p.reason)}}}};
      if (!p.file.empty()) item["file"] = p.file;
      problems.push_back(item);
    }
    error["problems"] = problems;
    error["field"] = status.problems().front().path;
  }
  return json{{"error", error}};
}

json ErrorBody(const char* code, const std::string& message) {
  return json{{"error", {{"code", code}, {"message", message}}}};
}

}  // namespace citykb
