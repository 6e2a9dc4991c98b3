// Thin RAII wrappers over the SQLite C API, private to the store module.
// A Connection is used by one thread at a time.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "util/status.h"

namespace citykb::sqlite {

// A prepared statement; reset on destruction so that it can be reused.
class Stmt {
 public:
  Stmt(sqlite3* db, std::string_view sql);
  ~Stmt();
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  bool ok() const { return stmt_ != nullptr; }
  Stmt& Bind(int i, std::string_view text);
  Stmt& BindNullable(int i, std::string_view text);  // empty -> NULL
  Stmt& Bind(int i, int64_t value);
  Stmt& Bind(int i, double value);
  // Steps once: true when a row is available, false when done or on error
  // (see status()).
  bool Step();
  // Runs to completion; the status of the run.
  Status Run();
  std::string Text(int col) const;
  int64_t Int(int col) const;
  double Real(int col) const;
  Status status() const { return status_; }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  Status status_;
};

// An open database connection with citykb's pragmas applied.
class Connection {
 public:
  static Result<sqlite3*> OpenRaw(const std::string& path, bool read_only);
  explicit Connection(sqlite3* db) : db_(db) {}
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  sqlite3* get() const { return db_; }
  Status Exec(const char* sql);

 private:
  sqlite3* db_;
};

Status Error(sqlite3* db, const std::string& what);

}  // namespace citykb::sqlite
