#include "index/index.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <future>
#include <optional>
#include <iterator>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "index/document_builder.h"
#include "index/index_impl.h"
#include "index/index_schema.h"
#include "index/touched_log.h"
#include "model/model_json.h"
#include "store/store.h"
#include "text/text_analysis.h"

namespace citykb {

namespace is = index_schema;
using nlohmann::json;

namespace {

constexpr int kChangeBatch = 5000;
constexpr int kCommitEvery = 5000;
constexpr size_t kBuildBatch = 500;  // divides kCommitEvery

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

Status WriteSynonyms(Xapian::WritableDatabase& db, const Store& store) {
  auto synonyms = store.ListSynonyms();
  if (!synonyms.ok()) return synonyms.status();
  db.set_metadata(is::kMetaSynonyms, json(*synonyms).dump());
  return Status::Ok();
}

// Opens the database in `dir` for reading. A directory kept by
// xapian-replicate is a stub naming the live copy; a full copy switches the
// stub, then removes the old copy: an open that read the stub just before
// the switch fails and is tried again.
std::unique_ptr<Xapian::Database> OpenFresh(const std::string& dir) {
  for (int attempt = 0;; ++attempt) {
    try {
      return std::make_unique<Xapian::Database>(dir);
    } catch (const Xapian::DatabaseOpeningError&) {
      if (attempt >= 4) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
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
  if (db_) {
    try {
      db_->reopen();
      return;
    } catch (const Xapian::DatabaseError&) {
      // Replaced under us (a full copy by xapian-replicate switches its stub
      // to a new directory and removes the old one): opened afresh below.
    }
  }
  db_ = OpenFresh(impl_.dir);
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
    // Read from a reader (the last commit), never from the writable
    // database: another thread may be writing it (CatchUp), and Xapian's
    // WritableDatabase is not safe across threads (/api/health polled during
    // writes left the index corrupt).
    Impl::Reader reader(*impl_);
    const std::string v = reader.db().get_metadata(is::kMetaLastSeq);
    return v.empty() ? int64_t{0} : static_cast<int64_t>(std::stoll(v));
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "read index sequence");
  }
}

namespace {

// What a stretch of the change log asks of the index.
struct PendingChanges {
  int64_t last = 0;                 // the sequence of the last entry read
  std::set<std::string> documents;  // written or removed
  std::set<std::string> cities;     // their documents show the city
  std::set<std::string> people;     // their documents show the person
  std::set<std::string> sources;    // their documents show the source
  bool all = false;                 // taxonomy (or every source): every document
  bool synonyms = false;            // the synonym groups changed
};

// Reads every change-log entry after `since`, page by page, keeping ids only.
Result<PendingChanges> GatherChanges(const Store& store, int64_t since) {
  PendingChanges pending;
  pending.last = since;
  for (;;) {
    auto changes = store.ChangesSince(pending.last, kChangeBatch);
    if (!changes.ok()) return changes.status();
    if (changes->empty()) break;
    for (const Change& c : *changes) {
      if (c.entity == "document")
        pending.documents.insert(c.entity_id);
      else if (c.entity == "city")
        pending.cities.insert(c.entity_id);
      else if (c.entity == "person")
        pending.people.insert(c.entity_id);
      else if (c.entity == "source")
        pending.sources.insert(c.entity_id);
      else if (c.entity == "taxonomy" || c.entity == "sources")
        pending.all = true;
      else if (c.entity == "synonyms")
        pending.synonyms = true;
    }
    pending.last = changes->back().seq;
  }
  return pending;
}

// The Xapian documents of ids[start, end), in order; none for an id whose
// document is no longer stored.
struct BuiltBatch {
  std::vector<std::optional<Xapian::Document>> documents;
};

Result<BuiltBatch> BuildBatch(const Store& store, const std::vector<std::string>& ids, size_t start, size_t end,
                              const DisplayContext& ctx, WordTally& tally) {
  const std::vector<std::string> wanted(ids.begin() + static_cast<std::ptrdiff_t>(start),
                                        ids.begin() + static_cast<std::ptrdiff_t>(end));
  auto docs = store.GetDocuments(wanted);
  if (!docs.ok()) return docs.status();
  BuiltBatch batch;
  batch.documents.reserve(wanted.size());
  // Both lists are in id order: an id without its document was removed.
  auto doc = docs->begin();
  for (const std::string& id : wanted) {
    if (doc != docs->end() && doc->id == id) {
      batch.documents.emplace_back(BuildDocument(*doc, ctx, tally));
      ++doc;
    } else {
      batch.documents.emplace_back();
    }
  }
  return batch;
}

// The ids of every document whose index entry must be rewritten or removed.
Result<std::vector<std::string>> AffectedDocuments(const Store& store, const PendingChanges& pending) {
  Result<std::vector<std::string>> more = std::vector<std::string>();
  if (pending.all)
    more = store.ListDocumentIds();
  else if (!pending.cities.empty() || !pending.people.empty() || !pending.sources.empty())
    more = store.DocumentIdsOf(pending.cities, pending.people, pending.sources);
  if (!more.ok()) return more.status();
  std::vector<std::string> ids;
  ids.reserve(pending.documents.size() + more->size());
  std::set_union(pending.documents.begin(), pending.documents.end(), more->begin(), more->end(),
                 std::back_inserter(ids));
  return ids;
}

}  // namespace

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
    // First everything the log asks for, then each affected document once.
    auto pending = GatherChanges(store, last);
    if (!pending.ok()) return pending.status();
    if (pending->last == last) return last;
    if (pending->synonyms) {
      if (Status s = WriteSynonyms(db, store); !s.ok()) return s;
    }
    auto ids = AffectedDocuments(store, *pending);
    if (!ids.ok()) return ids.status();
    auto ctx = LoadContext(store);
    if (!ctx.ok()) return ctx.status();
    // Documents are fetched and built on a second thread, one batch ahead
    // of the database writes on this one (a single batch is built here).
    // The tally is only touched by the builder until the last batch has
    // been handed over.
    WordTally tally;
    std::vector<Xapian::docid> touched;  // the documents each commit changes (touched_log.h)
    auto build = [&](size_t start, size_t end) { return BuildBatch(store, *ids, start, end, *ctx, tally); };
    const size_t count = ids->size();
    const int64_t total = static_cast<int64_t>(count);
    std::future<Result<BuiltBatch>> next;
    const auto policy = count > kBuildBatch && impl_->build_threads > 1 ? std::launch::async : std::launch::deferred;
    if (count > 0) next = std::async(policy, build, 0, std::min(count, kBuildBatch));
    for (size_t start = 0; start < count; start += kBuildBatch) {
      const size_t end = std::min(count, start + kBuildBatch);
      auto batch = next.get();
      if (end < count) next = std::async(policy, build, end, std::min(count, end + kBuildBatch));
      if (!batch.ok()) return batch.status();
      for (size_t i = start; i < end; ++i) {
        const std::string idterm = is::kId + (*ids)[i];
        auto& built = batch->documents[i - start];
        // A replaced document keeps its docid (returned); a deleted one is
        // looked up first.
        if (built) {
          touched.push_back(db.replace_document(idterm, *built));
        } else {
          for (auto p = db.postlist_begin(idterm); p != db.postlist_end(idterm); ++p) touched.push_back(*p);
          db.delete_document(idterm);
        }
        const int64_t n = static_cast<int64_t>(i + 1);
        if (progress && (n % 100 == 0 || n == total)) progress(n, total);
      }
      // Intermediate commits leave the sequence where it was: should the
      // work stop here, the next CatchUp replays the whole stretch.
      if (end < count && end % kCommitEvery == 0) {
        touched_log::Record(db, touched);
        touched.clear();
        db.commit();
      }
    }
    // The words once, with the sequence, in the last commit.
    WriteWordTally(db, tally);
    db.set_metadata(is::kMetaLastSeq, std::to_string(pending->last));
    touched_log::Record(db, touched);
    db.commit();
    return pending->last;
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "update index");
  }
}

void Index::SetBuildThreads(int threads) { impl_->build_threads = threads < 2 ? 1 : 2; }

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
    WordTally tally;
    const int64_t total = static_cast<int64_t>(docs->size());
    int64_t n = 0;
    for (const auto& d : *docs) {
      db.replace_document(is::kId + d.id, BuildDocument(d, *ctx, tally));
      if (++n % kCommitEvery == 0) db.commit();
      if (progress && (n % 100 == 0 || n == total)) progress(n, total);
    }
    WriteWordTally(db, tally);
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

Result<DisplayRecord> Index::GetDisplayRecord(const std::string& id) const {
  try {
    Impl::Reader reader(*impl_);
    Xapian::Database& db = reader.db();
    Xapian::PostingIterator p = db.postlist_begin(is::kId + id);
    if (p == db.postlist_end(is::kId + id)) return Status::NotFound("no document '" + id + "'");
    return DecodeDisplayRecord(db.get_document(*p).get_data());
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
