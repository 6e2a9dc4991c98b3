#include "index/index.h"

#include <filesystem>
#include <set>

#include <nlohmann/json.hpp>

#include "index/document_builder.h"
#include "index/index_impl.h"
#include "index/index_schema.h"
#include "model/model_json.h"
#include "store/store.h"
#include "text/text_analysis.h"

namespace citykb {

namespace is = index_schema;
using nlohmann::json;

namespace {

constexpr int kChangeBatch = 5000;
constexpr int kCommitEvery = 5000;

Status FromXapian(const Xapian::Error& e, const std::string& what) {
  if (std::string(e.get_type()) == "DatabaseLockError")
    return Status::Unavailable(what + ": the index is in use by another citykb process");
  if (std::string(e.get_type()) == "DatabaseOpeningError" ||
      std::string(e.get_type()) == "DatabaseNotFoundError")
    return Status::NotFound(what + ": no index (run `citykb reindex`)");
  return Status::Internal(what + ": " + e.get_description());
}

Result<DisplayContext> LoadContext(const Store& store) {
  DisplayContext ctx;
  auto cities = store.ListCities();
  if (!cities.ok()) return cities.status();
  std::vector<std::string> slugs = {""};
  for (auto& c : *cities) {
    slugs.push_back(c.city.slug);
    ctx.cities.emplace(c.city.slug, c.city);
  }
  for (const auto& slug : slugs) {
    auto people = store.ListPeople(slug);
    if (!people.ok()) return people.status();
    for (auto& p : *people) ctx.people.emplace(p.id, p);
  }
  auto sources = store.ListSources();
  if (!sources.ok()) return sources.status();
  for (auto& s : *sources) ctx.sources.emplace(s.id, s);
  auto tax = store.GetTaxonomy();
  if (!tax.ok()) return tax.status();
  ctx.taxonomy = *tax;
  return ctx;
}

// Records the accented forms of words, keeping a lower-case form once seen.
void WriteSurfaces(Xapian::WritableDatabase& db, const std::map<std::string, std::string>& surfaces) {
  for (const auto& [key, shown] : surfaces) {
    const std::string meta_key = std::string(is::kMetaSurfaces) + ":" + key;
    const std::string old = db.get_metadata(meta_key);
    if (old.empty() || (old != shown && Lower(old) == shown)) db.set_metadata(meta_key, shown);
  }
}

Status WriteSynonyms(Xapian::WritableDatabase& db, const Store& store) {
  auto synonyms = store.ListSynonyms();
  if (!synonyms.ok()) return synonyms.status();
  db.set_metadata(is::kMetaSynonyms, json(*synonyms).dump());
  return Status::Ok();
}

}  // namespace

Index::Impl::Reader::Reader(const Impl& impl) : impl_(impl) {
  {
    std::lock_guard<std::mutex> lock(impl_.readers_mu);
    if (!impl_.readers.empty()) {
      db_ = std::move(impl_.readers.back());
      impl_.readers.pop_back();
    }
  }
  if (db_) db_->reopen();
  else db_ = std::make_unique<Xapian::Database>(impl_.dir);
}

Index::Impl::Reader::~Reader() {
  std::lock_guard<std::mutex> lock(impl_.readers_mu);
  impl_.readers.push_back(std::move(db_));
}

Index::Index(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Index::~Index() {
  if (impl_->writer) {
    try {
      impl_->writer->close();
    } catch (const Xapian::Error&) {
    }
  }
}

Result<std::unique_ptr<Index>> Index::Open(const std::string& dir, bool writable) {
  auto impl = std::make_unique<Impl>();
  impl->dir = dir;
  impl->writable = writable;
  try {
    if (writable) {
      std::filesystem::create_directories(dir);
      try {
        impl->writer = std::make_unique<Xapian::WritableDatabase>(dir, Xapian::DB_CREATE_OR_OPEN);
      } catch (const Xapian::DatabaseCorruptError&) {
        // Derived data: start afresh; CatchUp replays the whole change log.
        impl->writer = std::make_unique<Xapian::WritableDatabase>(dir, Xapian::DB_CREATE_OR_OVERWRITE);
      } catch (const Xapian::DatabaseVersionError&) {
        impl->writer = std::make_unique<Xapian::WritableDatabase>(dir, Xapian::DB_CREATE_OR_OVERWRITE);
      }
      // An index in an older layout is rebuilt: CatchUp replays the log.
      if (impl->writer->get_metadata(is::kMetaFormat) != is::kFormat) {
        if (impl->writer->get_doccount() > 0) {
          impl->writer->close();
          impl->writer = std::make_unique<Xapian::WritableDatabase>(dir, Xapian::DB_CREATE_OR_OVERWRITE);
        }
        impl->writer->set_metadata(is::kMetaFormat, is::kFormat);
        impl->writer->commit();
      }
    } else {
      Xapian::Database probe(dir);
    }
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "open index " + dir);
  }
  return std::unique_ptr<Index>(new Index(std::move(impl)));
}

Result<int64_t> Index::LastSeq() const {
  try {
    std::string v;
    if (impl_->writer) {
      v = impl_->writer->get_metadata(is::kMetaLastSeq);
    } else {
      Impl::Reader reader(*impl_);
      v = reader.db().get_metadata(is::kMetaLastSeq);
    }
    return v.empty() ? int64_t{0} : static_cast<int64_t>(std::stoll(v));
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "read index sequence");
  }
}

Result<int64_t> Index::CatchUp(const Store& store, const ProgressFn& progress) {
  if (!impl_->writer) return Status::Internal("the index was opened read-only");
  std::lock_guard<std::mutex> lock(impl_->write_mu);
  try {
    const std::string v = impl_->writer->get_metadata(is::kMetaLastSeq);
    int64_t last = v.empty() ? 0 : std::stoll(v);
    auto store_last = store.LastSeq();
    if (!store_last.ok()) return store_last.status();
    if (last > *store_last) {
      // The store is older than the index (restored from a backup): start
      // afresh and replay the whole change log.
      impl_->writer->close();
      impl_->writer.reset();
      impl_->writer = std::make_unique<Xapian::WritableDatabase>(impl_->dir, Xapian::DB_CREATE_OR_OVERWRITE);
      impl_->writer->set_metadata(is::kMetaFormat, is::kFormat);
      last = 0;
    }
    Xapian::WritableDatabase& db = *impl_->writer;
    std::optional<DisplayContext> ctx;
    int64_t done = 0;
    for (;;) {
      auto changes = store.ChangesSince(last, kChangeBatch);
      if (!changes.ok()) return changes.status();
      if (changes->empty()) break;
      std::set<std::string> doc_ids, cities, people;
      bool all = false;
      for (const Change& c : *changes) {
        if (c.entity == "document") doc_ids.insert(c.entity_id);
        else if (c.entity == "city") cities.insert(c.entity_id);
        else if (c.entity == "person") people.insert(c.entity_id);
        else if (c.entity == "taxonomy" || c.entity == "sources") all = true;
        else if (c.entity == "synonyms") {
          if (Status s = WriteSynonyms(db, store); !s.ok()) return s;
        }
      }
      if (!ctx || !cities.empty() || !people.empty() || all) {
        auto loaded = LoadContext(store);
        if (!loaded.ok()) return loaded.status();
        ctx = std::move(*loaded);
      }
      if (all || !cities.empty() || !people.empty()) {
        auto docs = store.ListDocuments();
        if (!docs.ok()) return docs.status();
        for (const auto& d : *docs)
          if (all || cities.count(d.city) || people.count(d.person)) doc_ids.insert(d.id);
      }
      std::map<std::string, std::string> surfaces;
      const int64_t total = static_cast<int64_t>(doc_ids.size());
      int64_t n = 0;
      for (const auto& id : doc_ids) {
        auto doc = store.GetDocument(id);
        if (!doc.ok()) return doc.status();
        const std::string idterm = is::kId + id;
        if (*doc) {
          db.replace_document(idterm, BuildDocument(**doc, *ctx));
          AddSpellingAndSurfaces(db, **doc, *ctx, surfaces);
        } else {
          db.delete_document(idterm);
        }
        if (progress && (++n % 100 == 0 || n == total)) progress(done + n, done + total);
      }
      done += total;
      WriteSurfaces(db, surfaces);
      last = changes->back().seq;
      db.set_metadata(is::kMetaLastSeq, std::to_string(last));
      db.commit();
    }
    return last;
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "update index");
  }
}

Result<int64_t> Index::Rebuild(const Store& store, const ProgressFn& progress) {
  if (!impl_->writer) return Status::Internal("the index was opened read-only");
  std::lock_guard<std::mutex> lock(impl_->write_mu);
  try {
    impl_->writer->close();
    impl_->writer.reset();
    impl_->writer = std::make_unique<Xapian::WritableDatabase>(impl_->dir, Xapian::DB_CREATE_OR_OVERWRITE);
    {
      std::lock_guard<std::mutex> readers_lock(impl_->readers_mu);
      impl_->readers.clear();
    }
    Xapian::WritableDatabase& db = *impl_->writer;
    db.set_metadata(is::kMetaFormat, is::kFormat);
    // The sequence first: changes after it are replayed by the next CatchUp.
    auto seq = store.LastSeq();
    if (!seq.ok()) return seq.status();
    auto ctx = LoadContext(store);
    if (!ctx.ok()) return ctx.status();
    auto docs = store.ListDocuments();
    if (!docs.ok()) return docs.status();
    if (Status s = WriteSynonyms(db, store); !s.ok()) return s;
    std::map<std::string, std::string> surfaces;
    const int64_t total = static_cast<int64_t>(docs->size());
    int64_t n = 0;
    for (const auto& d : *docs) {
      db.replace_document(is::kId + d.id, BuildDocument(d, *ctx));
      AddSpellingAndSurfaces(db, d, *ctx, surfaces);
      if (++n % kCommitEvery == 0) db.commit();
      if (progress && (n % 100 == 0 || n == total)) progress(n, total);
    }
    WriteSurfaces(db, surfaces);
    db.set_metadata(is::kMetaLastSeq, std::to_string(*seq));
    db.commit();
    return *seq;
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "rebuild index");
  }
}

Result<int64_t> Index::DocumentCount() const {
  try {
    Impl::Reader reader(*impl_);
    return static_cast<int64_t>(reader.db().get_doccount());
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "count documents");
  }
}

Result<std::vector<std::string>> Index::DocumentIds() const {
  try {
    Impl::Reader reader(*impl_);
    std::vector<std::string> out;
    const std::string prefix = is::kId;
    for (auto it = reader.db().allterms_begin(prefix); it != reader.db().allterms_end(prefix); ++it)
      out.push_back((*it).substr(prefix.size()));
    return out;
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "list documents");
  }
}

Result<std::string> Index::DocumentData(const std::string& id) const {
  try {
    Impl::Reader reader(*impl_);
    Xapian::Database& db = reader.db();
    Xapian::PostingIterator p = db.postlist_begin(is::kId + id);
    if (p == db.postlist_end(is::kId + id)) return Status::NotFound("no document '" + id + "'");
    return db.get_document(*p).get_data();
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "read document");
  }
}

SynonymTable SynonymTable::FromJson(const std::string& json_text) {
  SynonymTable table;
  if (json_text.empty()) return table;
  json j = json::parse(json_text, nullptr, false);
  if (!j.is_array()) return table;
  for (const auto& group : j) {
    if (!group.is_array()) continue;
    std::vector<std::string> folded, shown;
    for (const auto& e : group) {
      if (!e.is_string()) continue;
      std::string key;
      size_t words = 0;
      for (const Word& w : SplitWords(e.get<std::string>())) {
        if (!key.empty()) key += ' ';
        key += w.key;
        ++words;
      }
      if (key.empty()) continue;
      table.longest = std::max(table.longest, words);
      table.group_of.emplace(key, table.groups.size());
      folded.push_back(key);
      shown.push_back(e.get<std::string>());
    }
    table.groups.push_back(std::move(folded));
    table.display.push_back(std::move(shown));
  }
  return table;
}

}  // namespace citykb
