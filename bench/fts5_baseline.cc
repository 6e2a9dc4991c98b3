#include "fts5_baseline.h"

#include <sqlite3.h>

#include <filesystem>
#include <unordered_map>

#include "text/text_analysis.h"

namespace citykb::bench {

namespace {

constexpr int kCommitEvery = 5000;

constexpr char kSchema[] = R"sql(
PRAGMA journal_mode=WAL;
PRAGMA synchronous=NORMAL;
CREATE TABLE doc(id INTEGER PRIMARY KEY, slug TEXT NOT NULL UNIQUE, city TEXT NOT NULL, kind TEXT NOT NULL,
                 data TEXT NOT NULL, names TEXT, title_fr TEXT, body_fr TEXT, extra_fr TEXT,
                 title_en TEXT, body_en TEXT, extra_en TEXT);
CREATE INDEX doc_city ON doc(city);
CREATE INDEX doc_kind ON doc(kind);
CREATE TABLE doc_theme(doc INTEGER NOT NULL, theme TEXT NOT NULL, PRIMARY KEY(theme, doc)) WITHOUT ROWID;
CREATE INDEX doc_theme_doc ON doc_theme(doc);
CREATE TABLE doc_stakeholder(doc INTEGER NOT NULL, stakeholder TEXT NOT NULL, PRIMARY KEY(stakeholder, doc)) WITHOUT ROWID;
CREATE INDEX doc_stakeholder_doc ON doc_stakeholder(doc);
CREATE VIRTUAL TABLE doc_fts USING fts5(names, title_fr, body_fr, extra_fr, title_en, body_en, extra_en,
                                        content='doc', content_rowid='id',
                                        tokenize='unicode61 remove_diacritics 2');
)sql";

// Names and titles count four times as much as bodies, as in citykb.
constexpr char kRank[] = "bm25(doc_fts, 4.0, 4.0, 1.0, 1.0, 4.0, 1.0, 1.0)";

Status Error(sqlite3* db, const std::string& what) {
  return Status::Internal("fts5 baseline: " + what + ": " + (db ? sqlite3_errmsg(db) : "no database"));
}

Status Exec(sqlite3* db, const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string m = message ? message : "?";
    sqlite3_free(message);
    return Status::Internal(std::string("fts5 baseline: ") + m);
  }
  return Status::Ok();
}

void Bind(sqlite3_stmt* st, int i, const std::string& s) {
  sqlite3_bind_text(st, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
}

// The FTS5 query for what was typed: each word quoted (all required),
// "quoted phrases" kept, word* as a prefix query. Empty when no word.
std::string MatchExpression(const std::string& raw) {
  std::string out;
  bool open_phrase = false;
  for (const Word& w : SplitWords(raw)) {
    size_t quotes = 0;
    for (size_t i = 0; i < w.begin; ++i) quotes += raw[i] == '"';
    const bool in_phrase = quotes % 2 == 1;
    const bool prefix = w.end < raw.size() && raw[w.end] == '*';
    if (open_phrase && !in_phrase) {
      out += '"';
      open_phrase = false;
    }
    if (in_phrase && open_phrase) {
      out += ' ' + w.key;
      continue;
    }
    if (!out.empty()) out += ' ';
    out += '"' + w.key;
    if (in_phrase) {
      open_phrase = true;
    } else {
      out += '"';
      if (prefix) out += '*';
    }
  }
  if (open_phrase) out += '"';
  return out;
}

struct Sql {
  std::string text;
  std::vector<std::string> params;
};

struct FacetSql {
  const char* name;
  const char* column;  // what GROUP BY counts
  const char* join;    // the link table joined for it
};
const FacetSql kFacets[] = {
    {"city", "d.city", ""},
    {"theme", "t.theme", " JOIN doc_theme t ON t.doc = d.id"},
    {"stakeholder", "s.stakeholder", " JOIN doc_stakeholder s ON s.doc = d.id"},
    {"kind", "d.kind", ""},
};

Sql From(const std::string& match, const char* join) {
  if (match.empty()) return {std::string(" FROM doc d") + join + " WHERE 1", {}};
  return {std::string(" FROM doc_fts JOIN doc d ON d.id = doc_fts.rowid") + join + " WHERE doc_fts MATCH ?", {match}};
}

void AddFilters(Sql& sql, const BenchQuery& q, const std::string& skip) {
  for (const auto& [facet, values] : q.filters) {
    if (facet == skip || values.empty()) continue;
    std::string marks;
    for (size_t i = 0; i < values.size(); ++i) marks += i ? ",?" : "?";
    if (facet == "city" || facet == "kind")
      sql.text += " AND d." + facet + " IN (" + marks + ")";
    else
      sql.text += " AND d.id IN (SELECT doc FROM doc_" + facet + " WHERE " + facet + " IN (" + marks + "))";
    sql.params.insert(sql.params.end(), values.begin(), values.end());
  }
}

}  // namespace

Status BuildFts5Index(const std::string& path, const std::vector<DocTexts>& docs) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
    Status s = Error(db, "open " + path);
    sqlite3_close(db);
    return s;
  }
  Status status = Exec(db, kSchema);
  sqlite3_stmt *doc = nullptr, *fts = nullptr, *theme = nullptr, *stake = nullptr;
  if (status.ok() &&
      (sqlite3_prepare_v2(db,
                          "INSERT INTO doc(id, slug, city, kind, data, names, title_fr, body_fr, extra_fr, title_en, "
                          "body_en, extra_en) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                          -1, &doc, nullptr) != SQLITE_OK ||
       sqlite3_prepare_v2(db,
                          "INSERT INTO doc_fts(rowid, names, title_fr, body_fr, extra_fr, title_en, body_en, "
                          "extra_en) VALUES (?,?,?,?,?,?,?,?)",
                          -1, &fts, nullptr) != SQLITE_OK ||
       sqlite3_prepare_v2(db, "INSERT INTO doc_theme(doc, theme) VALUES (?,?)", -1, &theme, nullptr) != SQLITE_OK ||
       sqlite3_prepare_v2(db, "INSERT INTO doc_stakeholder(doc, stakeholder) VALUES (?,?)", -1, &stake, nullptr) !=
           SQLITE_OK)) {
    status = Error(db, "prepare");
  }
  int64_t id = 0;
  for (size_t i = 0; status.ok() && i < docs.size(); ++i) {
    const DocTexts& d = docs[i];
    if (i % kCommitEvery == 0) status = Exec(db, i == 0 ? "BEGIN" : "COMMIT; BEGIN");
    ++id;
    sqlite3_bind_int64(doc, 1, id);
    Bind(doc, 2, d.id);
    Bind(doc, 3, d.city);
    Bind(doc, 4, d.kind);
    Bind(doc, 5, d.data);
    Bind(doc, 6, d.names);
    sqlite3_bind_int64(fts, 1, id);
    Bind(fts, 2, d.names);
    for (int l = 0; l < 2; ++l) {
      Bind(doc, 7 + 3 * l, d.title[l]);
      Bind(doc, 8 + 3 * l, d.body[l]);
      Bind(doc, 9 + 3 * l, d.extra[l]);
      Bind(fts, 3 + 3 * l, d.title[l]);
      Bind(fts, 4 + 3 * l, d.body[l]);
      Bind(fts, 5 + 3 * l, d.extra[l]);
    }
    bool ok = sqlite3_step(doc) == SQLITE_DONE && sqlite3_step(fts) == SQLITE_DONE;
    sqlite3_reset(doc);
    sqlite3_reset(fts);
    for (auto [st, values] : {std::pair{theme, &d.themes}, std::pair{stake, &d.stakeholders}}) {
      for (const auto& v : *values) {
        sqlite3_bind_int64(st, 1, id);
        Bind(st, 2, v);
        ok = ok && sqlite3_step(st) == SQLITE_DONE;
        sqlite3_reset(st);
      }
    }
    if (!ok) status = Error(db, "insert " + d.id);
  }
  if (status.ok()) status = Exec(db, docs.empty() ? "PRAGMA optimize" : "COMMIT; PRAGMA optimize");
  for (sqlite3_stmt* st : {doc, fts, theme, stake}) sqlite3_finalize(st);
  sqlite3_close(db);
  return status;
}

class Fts5Searcher::Impl {
 public:
  ~Impl() {
    for (auto& [sql, st] : statements) sqlite3_finalize(st);
    sqlite3_close(db);
  }
  sqlite3* db = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> statements;  // prepared once, by SQL text

  // Runs `sql`, calling `row` for each result row.
  template <typename Fn>
  Status Query(const Sql& sql, Fn&& row) {
    sqlite3_stmt*& st = statements[sql.text];
    if (!st && sqlite3_prepare_v2(db, sql.text.c_str(), -1, &st, nullptr) != SQLITE_OK) return Error(db, sql.text);
    for (size_t i = 0; i < sql.params.size(); ++i) Bind(st, static_cast<int>(i + 1), sql.params[i]);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) row(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? Status::Ok() : Error(db, sql.text);
  }
};

Fts5Searcher::Fts5Searcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Fts5Searcher::~Fts5Searcher() = default;

Result<std::unique_ptr<Fts5Searcher>> Fts5Searcher::Open(const std::string& path) {
  auto impl = std::make_unique<Impl>();
  if (sqlite3_open_v2(path.c_str(), &impl->db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
    return Error(impl->db, "open " + path);
  return std::unique_ptr<Fts5Searcher>(new Fts5Searcher(std::move(impl)));
}

int64_t Fts5Searcher::DocumentCount() const {
  int64_t n = -1;
  Status s = impl_->Query({"SELECT count(*) FROM doc", {}}, [&](sqlite3_stmt* st) { n = sqlite3_column_int64(st, 0); });
  return s.ok() ? n : -1;
}

Result<BenchAnswer> Fts5Searcher::Search(const BenchQuery& q) {
  BenchAnswer out;
  const std::string match = MatchExpression(q.text);
  // The page.
  Sql hits = From(match, "");
  hits.text = "SELECT d.slug, d.data" + hits.text;
  AddFilters(hits, q, "");
  hits.text += match.empty() ? " ORDER BY d.id" : std::string(" ORDER BY ") + kRank;
  hits.text += " LIMIT 10 OFFSET ?";
  hits.params.push_back(std::to_string((q.page - 1) * kPerPage));
  Status s = impl_->Query(hits, [&](sqlite3_stmt* st) {
    out.ids.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    out.bytes += static_cast<size_t>(sqlite3_column_bytes(st, 1));
  });
  if (!s.ok()) return s;
  // Each facet: every filter but its own.
  for (const FacetSql& f : kFacets) {
    Sql sql = From(match, f.join);
    sql.text = std::string("SELECT ") + f.column + ", count(*)" + sql.text;
    AddFilters(sql, q, f.name);
    sql.text += std::string(" GROUP BY ") + f.column;
    auto& counts = out.facets[f.name];
    s = impl_->Query(sql, [&](sqlite3_stmt* st) {
      counts[reinterpret_cast<const char*>(sqlite3_column_text(st, 0))] = sqlite3_column_int64(st, 1);
    });
    if (!s.ok()) return s;
    if (counts.empty()) out.facets.erase(f.name);
  }
  // The total: every document has one kind, so the kind counts add up to it
  // unless kinds are filtered.
  if (!q.filters.count("kind")) {
    if (out.facets.count("kind"))
      for (const auto& [kind, n] : out.facets["kind"]) out.total += n;
  } else {
    Sql count = From(match, "");
    count.text = "SELECT count(*)" + count.text;
    AddFilters(count, q, "");
    s = impl_->Query(count, [&](sqlite3_stmt* st) { out.total = sqlite3_column_int64(st, 0); });
    if (!s.ok()) return s;
  }
  return out;
}

}  // namespace citykb::bench
