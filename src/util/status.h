// Status and Result<T>: how errors cross module boundaries in citykb.
// A Status is a code plus a human message (and, for input errors, the
// offending field). Values are cheap to copy and safe to share across threads.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace citykb {

enum class StatusCode {
  kOk,
  kInvalidArgument,   // the caller sent something malformed
  kValidationFailed,  // well-formed input that breaks the data rules
  kNotFound,
  kUnauthenticated,   // credentials missing or wrong
  kPermissionDenied,  // the operation is disabled
  kConflict,
  kUnavailable,  // temporarily unable to serve (retry later)
  kInternal,     // a bug or an environment failure; never the caller's fault
};

// One problem found while validating input: where (a JSON path such as
// `/documents/3/themes/0`, optionally prefixed by a file) and why.
struct Problem {
  std::string file;
  std::string path;
  std::string reason;
};

class Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string msg, std::string field = "") {
    return Status(StatusCode::kInvalidArgument, std::move(msg), std::move(field));
  }
  static Status NotFound(std::string msg) { return Status(StatusCode::kNotFound, std::move(msg)); }
  static Status Unauthenticated(std::string msg) { return Status(StatusCode::kUnauthenticated, std::move(msg)); }
  static Status PermissionDenied(std::string msg) { return Status(StatusCode::kPermissionDenied, std::move(msg)); }
  static Status Unavailable(std::string msg) { return Status(StatusCode::kUnavailable, std::move(msg)); }
  static Status Internal(std::string msg) { return Status(StatusCode::kInternal, std::move(msg)); }
  static Status ValidationFailed(std::vector<Problem> problems) {
    Status s(StatusCode::kValidationFailed, std::to_string(problems.size()) + " problem(s) found in the input");
    s.problems_ = std::move(problems);
    return s;
  }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::string& field() const { return field_; }
  const std::vector<Problem>& problems() const { return problems_; }

 private:
  Status(StatusCode code, std::string message, std::string field = "")
      : code_(code), message_(std::move(message)), field_(std::move(field)) {}

  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string field_;
  std::vector<Problem> problems_;
};

// Either a value or a non-OK Status.
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {}  // NOLINT: implicit by design

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() { return *value_; }
  const T& value() const { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace citykb

// Returns from the enclosing function when `expr` (a Status) is not OK.
#define RETURN_IF_ERROR(expr)          \
  do {                                 \
    ::citykb::Status _status = (expr); \
    if (!_status.ok()) return _status; \
  } while (0)

#define CITYKB_CONCAT_INNER(a, b) a##b
#define CITYKB_CONCAT(a, b) CITYKB_CONCAT_INNER(a, b)
// `ASSIGN_OR_RETURN(auto x, ResultExpr())`: declares x from the value of a
// Result, or returns its Status from the enclosing function.
#define ASSIGN_OR_RETURN(lhs, expr) ASSIGN_OR_RETURN_IMPL(CITYKB_CONCAT(_result_, __LINE__), lhs, expr)
// NOLINTBEGIN(bugprone-macro-parentheses): `result` names a variable, `lhs` a declaration.
#define ASSIGN_OR_RETURN_IMPL(result, lhs, expr) \
  auto result = (expr);                          \
  if (!result.ok()) return result.status();      \
  lhs = std::move(*result)
// NOLINTEND(bugprone-macro-parentheses)
