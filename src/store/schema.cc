#include "store/schema.h"

#include <string>

#include "store/sqlite.h"

namespace citykb {
namespace {

// Migration N brings the schema from version N to N+1. Never edit one that
// has shipped; append a new one.
constexpr const char* kMigrations[] = {
    R"sql(
CREATE TABLE sources(
  id TEXT PRIMARY KEY,
  body TEXT NOT NULL);
CREATE TABLE taxonomy(
  facet TEXT NOT NULL,
  slug TEXT NOT NULL,
  position INTEGER NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY(facet, slug));
CREATE TABLE synonyms(
  grp INTEGER NOT NULL,
  position INTEGER NOT NULL,
  expression TEXT NOT NULL,
  PRIMARY KEY(grp, position));
CREATE TABLE cities(
  slug TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  body TEXT NOT NULL);
CREATE TABLE indicators(
  city TEXT NOT NULL REFERENCES cities(slug) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  value REAL NOT NULL,
  unit TEXT NOT NULL,
  source TEXT,
  body TEXT NOT NULL,
  PRIMARY KEY(city, name));
CREATE TABLE people(
  id TEXT PRIMARY KEY,
  city TEXT,
  position INTEGER NOT NULL,
  body TEXT NOT NULL);
CREATE INDEX people_city ON people(city);
CREATE TABLE documents(
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  city TEXT,
  person TEXT,
  source TEXT,
  position INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  body TEXT NOT NULL);
CREATE INDEX documents_city ON documents(city);
CREATE TABLE document_themes(
  document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  theme TEXT NOT NULL,
  PRIMARY KEY(document, theme));
CREATE TABLE document_stakeholders(
  document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  stakeholder TEXT NOT NULL,
  PRIMARY KEY(document, stakeholder));
CREATE TABLE changes(
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  op TEXT NOT NULL);
)sql",
    // 1 -> 2: the documents of a person are looked up when the person changes.
    R"sql(
CREATE INDEX documents_person ON documents(person);
)sql",
    // 2 -> 3: records cite several sources; a city holds several observations
    // of one indicator; indicator names are defined in their own table.
    R"sql(
CREATE TABLE document_sources(
  document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  source TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY(document, source));
CREATE INDEX document_sources_source ON document_sources(source);
INSERT INTO document_sources(document, source, position)
  SELECT id, source, 0 FROM documents WHERE source IS NOT NULL AND source != '';
CREATE TABLE indicators_v3(
  city TEXT NOT NULL REFERENCES cities(slug) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  value REAL NOT NULL,
  unit TEXT NOT NULL,
  source TEXT,
  body TEXT NOT NULL,
  PRIMARY KEY(city, position));
INSERT INTO indicators_v3(city, position, name, value, unit, source, body)
  SELECT city, position, name, value, unit, source, body FROM indicators;
DROP TABLE indicators;
ALTER TABLE indicators_v3 RENAME TO indicators;
CREATE INDEX indicators_source ON indicators(source);
CREATE TABLE indicator_definitions(
  name TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  body TEXT NOT NULL);
)sql",
    // 3 -> 4: a city's counts by kind (read after every write to refresh the
    // catalogue) from the index alone, without reading the records' rows.
    R"sql(
CREATE INDEX documents_city_kind ON documents(city, kind);
DROP INDEX documents_city;
)sql",
};

}  // namespace

Status Migrate(sqlite3* db) {
  if (sqlite3_exec(db, "PRAGMA journal_mode=WAL;", nullptr, nullptr, nullptr) != SQLITE_OK)
    return sqlite::Error(db, "enable WAL");
  if (sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
    return sqlite::Error(db, "begin migration");
  int version = 0;
  {
    sqlite::Stmt st(db, "PRAGMA user_version");
    if (st.Step()) version = static_cast<int>(st.Int(0));
  }
  Status status;
  if (version > kSchemaVersion) {
    status = Status::Internal("the store was written by a newer citykb (schema " + std::to_string(version) +
                              ", this build knows " + std::to_string(kSchemaVersion) + ")");
  }
  for (int v = version; status.ok() && v < kSchemaVersion; ++v) {
    if (sqlite3_exec(db, kMigrations[v], nullptr, nullptr, nullptr) != SQLITE_OK)
      status = sqlite::Error(db, "migration " + std::to_string(v + 1));
  }
  if (status.ok() && version < kSchemaVersion) {
    const std::string set = "PRAGMA user_version=" + std::to_string(kSchemaVersion);
    if (sqlite3_exec(db, set.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
      status = sqlite::Error(db, "record schema version");
  }
  sqlite3_exec(db, status.ok() ? "COMMIT" : "ROLLBACK", nullptr, nullptr, nullptr);
  return status;
}

}  // namespace citykb
