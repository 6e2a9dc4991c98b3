#include "store/sqlite.h"

namespace citykb::sqlite {

Status Error(sqlite3* db, const std::string& what) {
  const int code = db ? sqlite3_extended_errcode(db) : SQLITE_ERROR;
  const std::string msg = what + ": " + (db ? sqlite3_errmsg(db) : "no database");
  if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED) return Status::Unavailable(msg);
  return Status::Internal(msg);
}

Stmt::Stmt(sqlite3* db, std::string_view sql) : db_(db) {
  if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), 0, &stmt_, nullptr) != SQLITE_OK) {
    status_ = Error(db, "prepare");
    stmt_ = nullptr;
  }
}

Stmt::Stmt(StmtCache& cache, std::string_view sql) : db_(cache.db()) {
  stmt_ = cache.Borrow(sql);
  if (stmt_) {
    cache_ = &cache;
    return;
  }
  // Lent already (or not preparable): a statement of its own.
  if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), 0, &stmt_, nullptr) != SQLITE_OK) {
    status_ = Error(db_, "prepare");
    stmt_ = nullptr;
  }
}

Stmt::~Stmt() {
  if (cache_)
    cache_->Return(stmt_);
  else
    sqlite3_finalize(stmt_);
}

StmtCache::~StmtCache() {
  for (auto& [sql, entry] : entries_) sqlite3_finalize(entry.stmt);
}

sqlite3_stmt* StmtCache::Borrow(std::string_view sql) {
  auto [it, inserted] = entries_.try_emplace(std::string(sql));
  Entry& entry = it->second;
  if (inserted && sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                     &entry.stmt, nullptr) != SQLITE_OK) {
    sqlite3_finalize(entry.stmt);
    entries_.erase(it);
    return nullptr;
  }
  if (entry.lent) return nullptr;
  entry.lent = true;
  lent_[entry.stmt] = &entry;
  return entry.stmt;
}

void StmtCache::Return(sqlite3_stmt* stmt) {
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  auto it = lent_.find(stmt);
  it->second->lent = false;
  lent_.erase(it);
}

Stmt& Stmt::Bind(int i, std::string_view text) {
  if (stmt_) sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}

Stmt& Stmt::BindNullable(int i, std::string_view text) {
  if (!stmt_) return *this;
  if (text.empty())
    sqlite3_bind_null(stmt_, i);
  else
    Bind(i, text);
  return *this;
}

Stmt& Stmt::Bind(int i, int64_t value) {
  if (stmt_) sqlite3_bind_int64(stmt_, i, value);
  return *this;
}

Stmt& Stmt::Bind(int i, double value) {
  if (stmt_) sqlite3_bind_double(stmt_, i, value);
  return *this;
}

bool Stmt::Step() {
  if (!stmt_) return false;
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) status_ = Error(db_, "step");
  return false;
}

Status Stmt::Run() {
  while (Step()) {
  }
  return status_;
}

std::string Stmt::Text(int col) const {
  const unsigned char* t = sqlite3_column_text(stmt_, col);
  return t ? std::string(reinterpret_cast<const char*>(t), sqlite3_column_bytes(stmt_, col)) : std::string();
}

int64_t Stmt::Int(int col) const { return sqlite3_column_int64(stmt_, col); }
double Stmt::Real(int col) const { return sqlite3_column_double(stmt_, col); }

Result<sqlite3*> Connection::OpenRaw(const std::string& path, bool read_only) {
  sqlite3* db = nullptr;
  const int flags =
      (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    Status s = Error(db, "open " + path);
    sqlite3_close(db);
    return s;
  }
  sqlite3_busy_timeout(db, 10000);
  const char* pragmas =
      "PRAGMA foreign_keys=ON;"
      "PRAGMA synchronous=FULL;";
  if (sqlite3_exec(db, pragmas, nullptr, nullptr, nullptr) != SQLITE_OK) {
    Status s = Error(db, "configure " + path);
    sqlite3_close(db);
    return s;
  }
  return db;
}

Connection::~Connection() { sqlite3_close(db_); }

Status Connection::Exec(const char* sql) {
  if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) return Error(db_, "exec");
  return Status::Ok();
}

}  // namespace citykb::sqlite
