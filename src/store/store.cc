#include "store/store.h"

#include <chrono>
#include <ctime>
#include <functional>
#include <mutex>
#include <set>

#include "model/model_json.h"
#include "store/schema.h"
#include "store/sqlite.h"

namespace citykb {

using nlohmann::json;
using sqlite::Stmt;
using sqlite::StmtCache;

std::string NowIso8601() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

namespace {

// Appends change-log entries inside the current write transaction. A
// mirroring log (read replicas) appends nothing: the writer's entries are
// copied instead.
class ChangeLog {
 public:
  ChangeLog(StmtCache& db, std::string at, bool mirror = false) : db_(db), at_(std::move(at)), mirror_(mirror) {}
  Status Append(const char* entity, const std::string& id, const char* op) {
    if (mirror_) return Status::Ok();
    Stmt st(db_, "INSERT INTO changes(at, entity, entity_id, op) VALUES(?,?,?,?)");
    st.Bind(1, at_).Bind(2, std::string_view(entity)).Bind(3, id).Bind(4, std::string_view(op));
    return st.Run();
  }
  const std::string& at() const { return at_; }

 private:
  StmtCache& db_;
  std::string at_;
  bool mirror_;
};

// The stored JSON of a record, without its updated_at (compared to detect
// real changes).
std::string BodyOf(const json& j) {
  json copy = j;
  copy.erase("updated_at");
  return copy.dump();
}

std::optional<std::string> Lookup(StmtCache& db, const char* sql, const std::string& key, int col = 0) {
  Stmt st(db, sql);
  st.Bind(1, key);
  if (st.Step()) return st.Text(col);
  return std::nullopt;
}

// The stored body and updated_at of a record, when there is one.
std::optional<std::pair<std::string, std::string>> Stored(StmtCache& db, const char* sql, const std::string& key) {
  Stmt st(db, sql);
  st.Bind(1, key);
  if (st.Step()) return std::make_pair(st.Text(0), st.Text(1));
  return std::nullopt;
}

std::vector<std::string> Ids(StmtCache& db, const char* sql_with_city, const std::string& slug) {
  Stmt st(db, sql_with_city);
  st.BindNullable(1, slug);
  std::vector<std::string> out;
  while (st.Step()) out.push_back(st.Text(0));
  return out;
}

Status DeleteDocument(StmtCache& db, ChangeLog& log, const std::string& id) {
  Stmt st(db, "DELETE FROM documents WHERE id=?");
  st.Bind(1, id);
  RETURN_IF_ERROR(st.Run());
  return log.Append("document", id, "delete");
}

Status PutDocument(StmtCache& db, ChangeLog& log, const Document& d, int64_t position) {
  const std::string body = BodyOf(json(d));
  const auto old = Stored(db, "SELECT body, updated_at FROM documents WHERE id=?", d.id);
  if (old && old->first == body && (d.updated_at.empty() || d.updated_at == old->second)) {
    Stmt st(db, "UPDATE documents SET position=? WHERE id=?");
    st.Bind(1, position).Bind(2, d.id);
    return st.Run();
  }
  const std::string at = d.updated_at.empty() ? log.at() : d.updated_at;
  Stmt up(db,
          "INSERT INTO documents(id, kind, city, person, source, position, updated_at, body) "
          "VALUES(?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET kind=excluded.kind, city=excluded.city, "
          "person=excluded.person, source=excluded.source, position=excluded.position, "
          "updated_at=excluded.updated_at, body=excluded.body");
  up.Bind(1, d.id).Bind(2, d.kind).BindNullable(3, d.city).BindNullable(4, d.person).BindNullable(5, d.source);
  up.Bind(6, position).Bind(7, at).Bind(8, body);
  RETURN_IF_ERROR(up.Run());
  for (const char* table : {"document_themes", "document_stakeholders"}) {
    Stmt del(db, std::string("DELETE FROM ") + table + " WHERE document=?");
    del.Bind(1, d.id);
    RETURN_IF_ERROR(del.Run());
  }
  {
    Stmt del(db, "DELETE FROM document_sources WHERE document=?");
    del.Bind(1, d.id);
    RETURN_IF_ERROR(del.Run());
  }
  for (size_t i = 0; i < d.sources.size(); ++i) {
    Stmt ins(db, "INSERT OR IGNORE INTO document_sources(document, source, position) VALUES(?,?,?)");
    ins.Bind(1, d.id).Bind(2, d.sources[i]).Bind(3, static_cast<int64_t>(i));
    RETURN_IF_ERROR(ins.Run());
  }
  for (const auto& t : d.themes) {
    Stmt ins(db, "INSERT INTO document_themes(document, theme) VALUES(?,?)");
    ins.Bind(1, d.id).Bind(2, t);
    RETURN_IF_ERROR(ins.Run());
  }
  for (const auto& s : d.stakeholders) {
    Stmt ins(db, "INSERT INTO document_stakeholders(document, stakeholder) VALUES(?,?)");
    ins.Bind(1, d.id).Bind(2, s);
    RETURN_IF_ERROR(ins.Run());
  }
  return log.Append("document", d.id, "upsert");
}

Status PutPerson(StmtCache& db, ChangeLog& log, const Person& p, int64_t position) {
  const std::string body = json(p).dump();
  const auto old = Lookup(db, "SELECT body FROM people WHERE id=?", p.id);
  Stmt up(db,
          "INSERT INTO people(id, city, position, body) VALUES(?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
          "city=excluded.city, position=excluded.position, body=excluded.body");
  up.Bind(1, p.id).BindNullable(2, p.city).Bind(3, position).Bind(4, body);
  RETURN_IF_ERROR(up.Run());
  if (old && *old == body) return Status::Ok();
  return log.Append("person", p.id, "upsert");
}

Status PutCity(StmtCache& db, ChangeLog& log, const City& c) {
  const std::string body = BodyOf(json(c));
  const auto old = Stored(db, "SELECT body, updated_at FROM cities WHERE slug=?", c.slug);
  if (old && old->first == body && (c.updated_at.empty() || c.updated_at == old->second)) return Status::Ok();
  const std::string at = c.updated_at.empty() ? log.at() : c.updated_at;
  Stmt up(db,
          "INSERT INTO cities(slug, name, updated_at, body) VALUES(?,?,?,?) ON CONFLICT(slug) DO UPDATE SET "
          "name=excluded.name, updated_at=excluded.updated_at, body=excluded.body");
  up.Bind(1, c.slug).Bind(2, c.name).Bind(3, at).Bind(4, body);
  RETURN_IF_ERROR(up.Run());
  Stmt del(db, "DELETE FROM indicators WHERE city=?");
  del.Bind(1, c.slug);
  RETURN_IF_ERROR(del.Run());
  int64_t pos = 0;
  for (const auto& i : c.indicators) {
    Stmt ins(db, "INSERT INTO indicators(city, position, name, value, unit, source, body) VALUES(?,?,?,?,?,?,?)");
    ins.Bind(1, c.slug).Bind(2, pos++).Bind(3, i.name).Bind(4, i.value).Bind(5, i.unit);
    ins.BindNullable(6, i.source).Bind(7, json(i).dump());
    RETURN_IF_ERROR(ins.Run());
  }
  return log.Append("city", c.slug, "upsert");
}

// Creates or updates one source; logs a change only when it differs.
Status PutSource(StmtCache& db, ChangeLog& log, const Source& s) {
  const std::string body = json(s).dump();
  const auto old = Lookup(db, "SELECT body FROM sources WHERE id=?", s.id);
  if (old && *old == body) return Status::Ok();
  Stmt up(db, "INSERT INTO sources(id, body) VALUES(?,?) ON CONFLICT(id) DO UPDATE SET body=excluded.body");
  up.Bind(1, s.id).Bind(2, body);
  RETURN_IF_ERROR(up.Run());
  return log.Append("source", s.id, "upsert");
}

Status PutBundleTx(StmtCache& db, ChangeLog& log, const Bundle& b) {
  const std::string& slug = b.city.slug;
  for (const auto& s : b.sources) RETURN_IF_ERROR(PutSource(db, log, s));
  if (!slug.empty()) RETURN_IF_ERROR(PutCity(db, log, b.city));
  std::set<std::string> keep_docs, keep_people;
  for (const auto& d : b.documents) keep_docs.insert(d.id);
  for (const auto& p : b.people) keep_people.insert(p.id);
  for (const auto& id : Ids(db, "SELECT id FROM documents WHERE city IS ?", slug))
    if (!keep_docs.count(id)) RETURN_IF_ERROR(DeleteDocument(db, log, id));
  for (const auto& id : Ids(db, "SELECT id FROM people WHERE city IS ?", slug)) {
    if (keep_people.count(id)) continue;
    Stmt del(db, "DELETE FROM people WHERE id=?");
    del.Bind(1, id);
    RETURN_IF_ERROR(del.Run());
    RETURN_IF_ERROR(log.Append("person", id, "delete"));
  }
  int64_t pos = 0;
  for (Person p : b.people) {
    p.city = slug;
    RETURN_IF_ERROR(PutPerson(db, log, p, pos++));
  }
  pos = 0;
  for (Document d : b.documents) {
    d.city = slug;
    RETURN_IF_ERROR(PutDocument(db, log, d, pos++));
  }
  return Status::Ok();
}

Document DocumentFromRow(const Stmt& st, int body_col, int updated_col) {
  Document d = json::parse(st.Text(body_col)).get<Document>();
  d.updated_at = st.Text(updated_col);
  return d;
}

}  // namespace

class Store::Impl {
 public:
  std::string path;
  std::unique_ptr<sqlite::Connection> writer;
  std::unique_ptr<StmtCache> write_stmts;  // the writer's statements (destroyed before it)
  std::mutex write_mu;
  mutable std::mutex pool_mu;
  mutable std::vector<sqlite3*> pool;

  ~Impl() {
    for (sqlite3* db : pool) sqlite3_close(db);
  }

  // A read connection borrowed from the pool for one call.
  class Lease {
   public:
    explicit Lease(const Impl& impl) : impl_(impl) {
      std::lock_guard<std::mutex> lock(impl_.pool_mu);
      if (!impl_.pool.empty()) {
        db_ = impl_.pool.back();
        impl_.pool.pop_back();
      }
    }
    ~Lease() {
      if (!db_) return;
      std::lock_guard<std::mutex> lock(impl_.pool_mu);
      impl_.pool.push_back(db_);
    }
    Status Open() {
      if (db_) return Status::Ok();
      auto db = sqlite::Connection::OpenRaw(impl_.path, true);
      if (!db.ok()) return db.status();
      db_ = *db;
      return Status::Ok();
    }
    sqlite3* get() const { return db_; }

   private:
    const Impl& impl_;
    sqlite3* db_ = nullptr;
  };

  template <typename T, typename Fn>
  Result<T> Read(Fn fn) const {
    Lease lease(*this);
    if (Status s = lease.Open(); !s.ok()) return s;
    // One read transaction: a consistent snapshot across statements.
    sqlite3_exec(lease.get(), "BEGIN", nullptr, nullptr, nullptr);
    Result<T> out = fn(lease.get());
    sqlite3_exec(lease.get(), "COMMIT", nullptr, nullptr, nullptr);
    return out;
  }

  Result<int64_t> Write(const std::function<Status(StmtCache&, ChangeLog&)>& fn, bool mirror = false) {
    std::lock_guard<std::mutex> lock(write_mu);
    sqlite3* db = writer->get();
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
      return sqlite::Error(db, "begin write");
    ChangeLog log(*write_stmts, NowIso8601(), mirror);
    Status s = fn(*write_stmts, log);
    if (s.ok() && sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) s = sqlite::Error(db, "commit");
    if (!s.ok()) {
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      return s;
    }
    Stmt st(db, "SELECT COALESCE(MAX(seq), 0) FROM changes");
    return st.Step() ? st.Int(0) : int64_t{0};
  }
};

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;

Result<std::unique_ptr<Store>> Store::Open(const std::string& path) {
  auto raw = sqlite::Connection::OpenRaw(path, false);
  if (!raw.ok()) return raw.status();
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->writer = std::make_unique<sqlite::Connection>(*raw);
  impl->write_stmts = std::make_unique<StmtCache>(impl->writer->get());
  if (Status s = Migrate(impl->writer->get()); !s.ok()) return s;
  return std::unique_ptr<Store>(new Store(std::move(impl)));
}

namespace {

// Taxonomy, indicator definitions, sources, synonyms, then every bundle.
Status PutCorpusTx(StmtCache& db, ChangeLog& log, const Corpus& corpus) {
  // Taxonomy.
  json tax_now = json::array();
  {
    Stmt st(db, "SELECT facet, slug, body FROM taxonomy ORDER BY facet, position");
    while (st.Step()) tax_now.push_back({st.Text(0), st.Text(1), st.Text(2)});
  }
  json tax_next = json::array();
  std::vector<std::pair<const char*, const std::vector<TaxonomyEntry>*>> facets = {
      {"kind", &corpus.taxonomy.kinds},
      {"stakeholder", &corpus.taxonomy.stakeholders},
      {"theme", &corpus.taxonomy.themes}};
  for (auto& [facet, entries] : facets)
    for (const auto& e : *entries) tax_next.push_back({facet, e.slug, json(e).dump()});
  if (tax_now != tax_next) {
    Stmt del(db, "DELETE FROM taxonomy");
    RETURN_IF_ERROR(del.Run());
    for (auto& [facet, entries] : facets) {
      int64_t pos = 0;
      for (const auto& e : *entries) {
        Stmt ins(db, "INSERT INTO taxonomy(facet, slug, position, body) VALUES(?,?,?,?)");
        ins.Bind(1, std::string_view(facet)).Bind(2, e.slug).Bind(3, pos++).Bind(4, json(e).dump());
        RETURN_IF_ERROR(ins.Run());
      }
    }
    RETURN_IF_ERROR(log.Append("taxonomy", "", "upsert"));
  }
  // Indicator definitions: replaced as a whole.
  json defs_now = json::array(), defs_next = json::array();
  {
    Stmt st(db, "SELECT body FROM indicator_definitions ORDER BY position");
    while (st.Step()) defs_now.push_back(st.Text(0));
  }
  for (const auto& d : corpus.indicators) defs_next.push_back(json(d).dump());
  if (defs_now != defs_next) {
    Stmt del(db, "DELETE FROM indicator_definitions");
    RETURN_IF_ERROR(del.Run());
    int64_t pos = 0;
    for (const auto& d : corpus.indicators) {
      Stmt ins(db, "INSERT INTO indicator_definitions(name, position, body) VALUES(?,?,?)");
      ins.Bind(1, d.name).Bind(2, pos).Bind(3, defs_next[static_cast<size_t>(pos)].get<std::string>());
      ++pos;
      RETURN_IF_ERROR(ins.Run());
    }
    RETURN_IF_ERROR(log.Append("indicators", "", "upsert"));
  }
  // Sources: upserted one by one (a source still cited elsewhere is never dropped).
  for (const auto& s : corpus.sources) RETURN_IF_ERROR(PutSource(db, log, s));
  // Synonyms: replaced as a whole.
  json syn_now = json::array();
  {
    Stmt st(db, "SELECT grp, expression FROM synonyms ORDER BY grp, position");
    while (st.Step()) {
      const auto g = static_cast<size_t>(st.Int(0));
      while (syn_now.size() <= g) syn_now.push_back(json::array());
      syn_now[g].push_back(st.Text(1));
    }
  }
  if (syn_now != json(corpus.synonyms)) {
    Stmt del(db, "DELETE FROM synonyms");
    RETURN_IF_ERROR(del.Run());
    for (size_t g = 0; g < corpus.synonyms.size(); ++g)
      for (size_t p = 0; p < corpus.synonyms[g].size(); ++p) {
        Stmt ins(db, "INSERT INTO synonyms(grp, position, expression) VALUES(?,?,?)");
        ins.Bind(1, static_cast<int64_t>(g)).Bind(2, static_cast<int64_t>(p)).Bind(3, corpus.synonyms[g][p]);
        RETURN_IF_ERROR(ins.Run());
      }
    RETURN_IF_ERROR(log.Append("synonyms", "", "upsert"));
  }
  for (const auto& b : corpus.bundles) RETURN_IF_ERROR(PutBundleTx(db, log, b));
  return Status::Ok();
}

// Removes a city with its people and documents; false when absent.
Result<bool> DeleteCityTx(StmtCache& db, ChangeLog& log, const std::string& slug) {
  if (!Lookup(db, "SELECT slug FROM cities WHERE slug=?", slug)) return false;
  for (const auto& id : Ids(db, "SELECT id FROM documents WHERE city IS ?", slug))
    RETURN_IF_ERROR(DeleteDocument(db, log, id));
  for (const auto& id : Ids(db, "SELECT id FROM people WHERE city IS ?", slug)) {
    Stmt del(db, "DELETE FROM people WHERE id=?");
    del.Bind(1, id);
    RETURN_IF_ERROR(del.Run());
    RETURN_IF_ERROR(log.Append("person", id, "delete"));
  }
  Stmt del(db, "DELETE FROM cities WHERE slug=?");
  del.Bind(1, slug);
  RETURN_IF_ERROR(del.Run());
  RETURN_IF_ERROR(log.Append("city", slug, "delete"));
  return true;
}

}  // namespace

Result<int64_t> Store::PutCorpus(const Corpus& corpus) {
  return impl_->Write([&](StmtCache& db, ChangeLog& log) { return PutCorpusTx(db, log, corpus); });
}

Result<int64_t> Store::PutBundle(const Bundle& bundle) {
  return impl_->Write([&](StmtCache& db, ChangeLog& log) { return PutBundleTx(db, log, bundle); });
}

Result<int64_t> Store::DeleteCity(const std::string& slug) {
  return impl_->Write([&](StmtCache& db, ChangeLog& log) -> Status {
    auto found = DeleteCityTx(db, log, slug);
    if (!found.ok()) return found.status();
    if (!*found) return Status::NotFound("no city '" + slug + "'");
    return Status::Ok();
  });
}

Result<int64_t> Store::ApplyReplicated(const ReplicatedBatch& batch) {
  return impl_->Write(
      [&](StmtCache& db, ChangeLog& log) -> Status {
        int64_t last = 0;
        {
          Stmt st(db, "SELECT COALESCE(MAX(seq), 0) FROM changes");
          if (st.Step()) last = st.Int(0);
        }
        RETURN_IF_ERROR(PutCorpusTx(db, log, batch.content));
        for (const auto& slug : batch.absent_cities) {
          auto found = DeleteCityTx(db, log, slug);
          if (!found.ok()) return found.status();
        }
        for (const auto& c : batch.changes) {
          if (c.seq <= last) continue;
          Stmt ins(db, "INSERT INTO changes(seq, at, entity, entity_id, op) VALUES(?,?,?,?,?)");
          ins.Bind(1, c.seq).Bind(2, c.at).Bind(3, c.entity).Bind(4, c.entity_id).Bind(5, c.op);
          RETURN_IF_ERROR(ins.Run());
        }
        return Status::Ok();
      },
      true);
}

Result<std::optional<Document>> Store::GetDocument(const std::string& id) const {
  return impl_->Read<std::optional<Document>>([&](sqlite3* db) -> Result<std::optional<Document>> {
    Stmt st(db, "SELECT body, updated_at FROM documents WHERE id=?");
    st.Bind(1, id);
    if (st.Step()) return std::optional<Document>(DocumentFromRow(st, 0, 1));
    if (!st.status().ok()) return st.status();
    return std::optional<Document>();
  });
}

namespace {
Result<std::vector<Document>> QueryDocuments(sqlite3* db, const char* sql, const std::string* slug) {
  Stmt st(db, sql);
  if (slug) st.BindNullable(1, *slug);
  std::vector<Document> out;
  while (st.Step()) out.push_back(DocumentFromRow(st, 0, 1));
  if (!st.status().ok()) return st.status();
  return out;
}
}  // namespace

Result<std::vector<Document>> Store::ListDocuments() const {
  return impl_->Read<std::vector<Document>>([&](sqlite3* db) {
    return QueryDocuments(db, "SELECT body, updated_at FROM documents ORDER BY city, position, id", nullptr);
  });
}

Result<std::vector<Document>> Store::ListDocumentsOfCity(const std::string& slug) const {
  return impl_->Read<std::vector<Document>>([&](sqlite3* db) {
    return QueryDocuments(db, "SELECT body, updated_at FROM documents WHERE city IS ? ORDER BY position, id", &slug);
  });
}

Result<std::vector<Document>> Store::GetDocuments(const std::vector<std::string>& ids) const {
  return impl_->Read<std::vector<Document>>([&](sqlite3* db) -> Result<std::vector<Document>> {
    // The ids travel as one JSON array: one statement whatever their number.
    Stmt st(db, "SELECT body, updated_at FROM documents WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id");
    st.Bind(1, json(ids).dump());
    std::vector<Document> out;
    out.reserve(ids.size());
    while (st.Step()) out.push_back(DocumentFromRow(st, 0, 1));
    if (!st.status().ok()) return st.status();
    return out;
  });
}

Result<std::vector<std::string>> Store::ListDocumentIds() const {
  return impl_->Read<std::vector<std::string>>([&](sqlite3* db) -> Result<std::vector<std::string>> {
    Stmt st(db, "SELECT id FROM documents ORDER BY id");
    std::vector<std::string> out;
    while (st.Step()) out.push_back(st.Text(0));
    if (!st.status().ok()) return st.status();
    return out;
  });
}

Result<std::vector<std::string>> Store::DocumentIdsOf(const std::set<std::string>& cities,
                                                      const std::set<std::string>& people,
                                                      const std::set<std::string>& sources) const {
  return impl_->Read<std::vector<std::string>>([&](sqlite3* db) -> Result<std::vector<std::string>> {
    // Each arm is answered from its index (documents_city, documents_person,
    // document_sources_source).
    Stmt st(db,
            "SELECT id FROM documents WHERE city IN (SELECT value FROM json_each(?1)) "
            "UNION SELECT id FROM documents WHERE person IN (SELECT value FROM json_each(?2)) "
            "UNION SELECT document FROM document_sources WHERE source IN (SELECT value FROM json_each(?3)) "
            "ORDER BY 1");
    st.Bind(1, json(cities).dump()).Bind(2, json(people).dump()).Bind(3, json(sources).dump());
    std::vector<std::string> out;
    while (st.Step()) out.push_back(st.Text(0));
    if (!st.status().ok()) return st.status();
    return out;
  });
}

Result<std::optional<City>> Store::GetCity(const std::string& slug) const {
  return impl_->Read<std::optional<City>>([&](sqlite3* db) -> Result<std::optional<City>> {
    Stmt st(db, "SELECT body, updated_at FROM cities WHERE slug=?");
    st.Bind(1, slug);
    if (!st.Step()) return std::optional<City>();
    City c = json::parse(st.Text(0)).get<City>();
    c.updated_at = st.Text(1);
    return std::optional<City>(std::move(c));
  });
}

Result<std::vector<CitySummary>> Store::ListCities() const {
  return impl_->Read<std::vector<CitySummary>>([&](sqlite3* db) -> Result<std::vector<CitySummary>> {
    std::vector<CitySummary> out;
    Stmt st(db, "SELECT body, updated_at FROM cities ORDER BY name COLLATE NOCASE, slug");
    while (st.Step()) {
      CitySummary s;
      s.city = json::parse(st.Text(0)).get<City>();
      s.city.updated_at = st.Text(1);
      out.push_back(std::move(s));
    }
    for (auto& s : out) {
      Stmt counts(db, "SELECT kind, COUNT(*) FROM documents WHERE city=? GROUP BY kind");
      counts.Bind(1, s.city.slug);
      while (counts.Step()) s.documents_by_kind[counts.Text(0)] = static_cast<int>(counts.Int(1));
    }
    return out;
  });
}

Result<std::optional<Person>> Store::GetPerson(const std::string& id) const {
  return impl_->Read<std::optional<Person>>([&](sqlite3* db) -> Result<std::optional<Person>> {
    Stmt st(db, "SELECT body FROM people WHERE id=?");
    st.Bind(1, id);
    if (!st.Step()) return std::optional<Person>();
    return std::optional<Person>(json::parse(st.Text(0)).get<Person>());
  });
}

Result<std::vector<Person>> Store::ListPeople(const std::string& city) const {
  return impl_->Read<std::vector<Person>>([&](sqlite3* db) -> Result<std::vector<Person>> {
    Stmt st(db, "SELECT body FROM people WHERE city IS ? ORDER BY position, id");
    st.BindNullable(1, city);
    std::vector<Person> out;
    while (st.Step()) out.push_back(json::parse(st.Text(0)).get<Person>());
    return out;
  });
}

Result<std::vector<Source>> Store::ListSources() const {
  return impl_->Read<std::vector<Source>>([&](sqlite3* db) -> Result<std::vector<Source>> {
    Stmt st(db, "SELECT body FROM sources ORDER BY id");
    std::vector<Source> out;
    while (st.Step()) out.push_back(json::parse(st.Text(0)).get<Source>());
    return out;
  });
}

Result<std::optional<Source>> Store::GetSource(const std::string& id) const {
  return impl_->Read<std::optional<Source>>([&](sqlite3* db) -> Result<std::optional<Source>> {
    Stmt st(db, "SELECT body FROM sources WHERE id=?");
    st.Bind(1, id);
    if (st.Step()) return std::optional<Source>(json::parse(st.Text(0)).get<Source>());
    if (!st.status().ok()) return st.status();
    return std::optional<Source>();
  });
}

Result<std::map<std::string, int>> Store::SourceCitations() const {
  return impl_->Read<std::map<std::string, int>>([&](sqlite3* db) -> Result<std::map<std::string, int>> {
    Stmt st(db,
            "SELECT source, COUNT(*) FROM (SELECT source FROM document_sources UNION ALL "
            "SELECT source FROM indicators WHERE source IS NOT NULL) GROUP BY source");
    std::map<std::string, int> out;
    while (st.Step()) out.emplace(st.Text(0), static_cast<int>(st.Int(1)));
    if (!st.status().ok()) return st.status();
    return out;
  });
}

Result<std::vector<std::pair<std::string, Indicator>>> Store::IndicatorsCiting(const std::string& source) const {
  using Out = std::vector<std::pair<std::string, Indicator>>;
  return impl_->Read<Out>([&](sqlite3* db) -> Result<Out> {
    Stmt st(db, "SELECT city, body FROM indicators WHERE source=? ORDER BY city, position");
    st.Bind(1, source);
    Out out;
    while (st.Step()) out.emplace_back(st.Text(0), json::parse(st.Text(1)).get<Indicator>());
    if (!st.status().ok()) return st.status();
    return out;
  });
}

Result<std::vector<IndicatorDefinition>> Store::ListIndicatorDefinitions() const {
  return impl_->Read<std::vector<IndicatorDefinition>>([&](sqlite3* db) -> Result<std::vector<IndicatorDefinition>> {
    Stmt st(db, "SELECT body FROM indicator_definitions ORDER BY position");
    std::vector<IndicatorDefinition> out;
    while (st.Step()) out.push_back(json::parse(st.Text(0)).get<IndicatorDefinition>());
    if (!st.status().ok()) return st.status();
    return out;
  });
}

Result<std::map<std::string, std::map<std::string, int>>> Store::ThemeCountsByCity() const {
  using Out = std::map<std::string, std::map<std::string, int>>;
  return impl_->Read<Out>([&](sqlite3* db) -> Result<Out> {
    Stmt st(db,
            "SELECT d.city, t.theme, COUNT(*) FROM documents d JOIN document_themes t ON t.document = d.id "
            "WHERE d.city IS NOT NULL GROUP BY d.city, t.theme");
    Out out;
    while (st.Step()) out[st.Text(0)][st.Text(1)] = static_cast<int>(st.Int(2));
    if (!st.status().ok()) return st.status();
    return out;
  });
}

Result<std::vector<Document>> Store::ListDocumentsOfKind(const std::string& kind) const {
  return impl_->Read<std::vector<Document>>([&](sqlite3* db) {
    return QueryDocuments(db, "SELECT body, updated_at FROM documents WHERE kind IS ? ORDER BY city, position, id",
                          &kind);
  });
}

Result<Taxonomy> Store::GetTaxonomy() const {
  return impl_->Read<Taxonomy>([&](sqlite3* db) -> Result<Taxonomy> {
    Stmt st(db, "SELECT facet, body FROM taxonomy ORDER BY facet, position");
    Taxonomy t;
    while (st.Step()) {
      const std::string facet = st.Text(0);
      auto e = json::parse(st.Text(1)).get<TaxonomyEntry>();
      if (facet == "theme")
        t.themes.push_back(std::move(e));
      else if (facet == "stakeholder")
        t.stakeholders.push_back(std::move(e));
      else if (facet == "kind")
        t.kinds.push_back(std::move(e));
    }
    return t;
  });
}

Result<std::vector<SynonymGroup>> Store::ListSynonyms() const {
  return impl_->Read<std::vector<SynonymGroup>>([&](sqlite3* db) -> Result<std::vector<SynonymGroup>> {
    Stmt st(db, "SELECT grp, expression FROM synonyms ORDER BY grp, position");
    std::vector<SynonymGroup> out;
    int64_t last = -1;
    while (st.Step()) {
      if (st.Int(0) != last) out.emplace_back();
      last = st.Int(0);
      out.back().push_back(st.Text(1));
    }
    return out;
  });
}

Result<std::optional<Bundle>> Store::GetBundle(const std::string& slug) const {
  Bundle b;
  if (!slug.empty()) {
    auto city = GetCity(slug);
    if (!city.ok()) return city.status();
    if (!*city) return std::optional<Bundle>();
    b.city = **city;
  }
  auto people = ListPeople(slug);
  if (!people.ok()) return people.status();
  auto docs = ListDocumentsOfCity(slug);
  if (!docs.ok()) return docs.status();
  b.people = std::move(*people);
  b.documents = std::move(*docs);
  if (slug.empty() && b.people.empty() && b.documents.empty()) return std::optional<Bundle>();
  return std::optional<Bundle>(std::move(b));
}

namespace {
Result<std::map<std::string, std::string>> Owners(sqlite3* db, const char* sql,
                                                  const std::vector<std::string>* ids = nullptr) {
  Stmt st(db, sql);
  // The ids travel as one JSON array: one statement whatever their number.
  if (ids) st.Bind(1, json(*ids).dump());
  std::map<std::string, std::string> out;
  while (st.Step()) out.emplace(st.Text(0), st.Text(1));
  if (!st.status().ok()) return st.status();
  return out;
}
}  // namespace

Result<std::map<std::string, std::string>> Store::DocumentOwners() const {
  return impl_->Read<std::map<std::string, std::string>>(
      [&](sqlite3* db) { return Owners(db, "SELECT id, COALESCE(city, '') FROM documents"); });
}

Result<std::map<std::string, std::string>> Store::PersonOwners() const {
  return impl_->Read<std::map<std::string, std::string>>(
      [&](sqlite3* db) { return Owners(db, "SELECT id, COALESCE(city, '') FROM people"); });
}

Result<std::map<std::string, std::string>> Store::DocumentOwners(const std::vector<std::string>& ids) const {
  return impl_->Read<std::map<std::string, std::string>>([&](sqlite3* db) {
    return Owners(db, "SELECT id, COALESCE(city, '') FROM documents WHERE id IN (SELECT value FROM json_each(?))",
                  &ids);
  });
}

Result<std::map<std::string, std::string>> Store::PersonOwners(const std::vector<std::string>& ids) const {
  return impl_->Read<std::map<std::string, std::string>>([&](sqlite3* db) {
    return Owners(db, "SELECT id, COALESCE(city, '') FROM people WHERE id IN (SELECT value FROM json_each(?))", &ids);
  });
}

Result<std::vector<Change>> Store::ChangesSince(int64_t since, int limit) const {
  return impl_->Read<std::vector<Change>>([&](sqlite3* db) -> Result<std::vector<Change>> {
    Stmt st(db, "SELECT seq, at, entity, entity_id, op FROM changes WHERE seq > ? ORDER BY seq LIMIT ?");
    st.Bind(1, since).Bind(2, static_cast<int64_t>(limit));
    std::vector<Change> out;
    while (st.Step()) out.push_back({st.Int(0), st.Text(1), st.Text(2), st.Text(3), st.Text(4)});
    if (!st.status().ok()) return st.status();
    return out;
  });
}

Result<int64_t> Store::LastSeq() const {
  return impl_->Read<int64_t>([&](sqlite3* db) -> Result<int64_t> {
    Stmt st(db, "SELECT COALESCE(MAX(seq), 0) FROM changes");
    if (st.Step()) return st.Int(0);
    return st.status();
  });
}

Result<int64_t> Store::CountDocuments() const {
  return impl_->Read<int64_t>([&](sqlite3* db) -> Result<int64_t> {
    Stmt st(db, "SELECT COUNT(*) FROM documents");
    if (st.Step()) return st.Int(0);
    return st.status();
  });
}

Status Store::Backup(const std::string& path) const {
  auto src = sqlite::Connection::OpenRaw(impl_->path, true);
  if (!src.ok()) return src.status();
  sqlite::Connection source(*src);
  auto dst = sqlite::Connection::OpenRaw(path, false);
  if (!dst.ok()) return dst.status();
  sqlite::Connection dest(*dst);
  sqlite3_backup* backup = sqlite3_backup_init(dest.get(), "main", source.get(), "main");
  if (!backup) return sqlite::Error(dest.get(), "backup to " + path);
  int rc;
  do {
    rc = sqlite3_backup_step(backup, 256);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) return sqlite::Error(dest.get(), "backup to " + path);
  return Status::Ok();
}

}  // namespace citykb
