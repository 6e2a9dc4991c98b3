// Thin RAII wrappers over the SQLite C API, private to the store module.
// A Connection is used by one thread at a time.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "util/status.h"

namespace citykb::sqlite {

class StmtCache;

// A prepared statement: its own, finalized on destruction, or borrowed from
// a StmtCache and reset on destruction so that it can be reused.
class Stmt {
 public:
  Stmt(sqlite3* db, std::string_view sql);
  Stmt(StmtCache& cache, std::string_view sql);
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
  StmtCache* cache_ = nullptr;  // the lender, when borrowed
  Status status_;
};

// The prepared statements of one connection, kept by SQL text and lent to
// one Stmt at a time (a statement already lent is prepared afresh), so that
// a long write prepares each statement once. Used by one thread at a time,
// like its connection; destroy it before closing the connection.
class StmtCache {
 public:
  explicit StmtCache(sqlite3* db) : db_(db) {}
  ~StmtCache();
  StmtCache(const StmtCache&) = delete;
  StmtCache& operator=(const StmtCache&) = delete;
  sqlite3* db() const { return db_; }

 private:
  friend class Stmt;
  struct Entry {
    sqlite3_stmt* stmt = nullptr;
    bool lent = false;
  };
  // The statement for `sql`, prepared on first use; nullptr when it is lent
  // already or cannot be prepared.
  sqlite3_stmt* Borrow(std::string_view sql);
  void Return(sqlite3_stmt* stmt);

  sqlite3* db_;
  std::unordered_map<std::string, Entry> entries_;
  std::unordered_map<sqlite3_stmt*, Entry*> lent_;
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
