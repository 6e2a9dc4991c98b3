#include "index/snapshot.h"

#include "index/index_schema.h"
#include "index/touched_log.h"

namespace citykb {

uint32_t FacetColumn::ValueId(const std::string& value) {
  auto [found, added] = value_ids_.emplace(value, static_cast<uint32_t>(values.size()));
  if (added) values.push_back(value);
  return found->second;
}

uint32_t FacetColumn::ComboId(const std::string& combo) {
  if (combo.empty()) return 0;
  auto [found, added] = combo_ids_.emplace(combo, static_cast<uint32_t>(combos.size()));
  if (added) {
    combos.push_back(combo);
    std::vector<uint32_t> ids;
    if (!multi) {
      ids.push_back(ValueId(combo));
    } else {
      size_t start = 0;
      while (start < combo.size()) {
        size_t end = combo.find(index_schema::kValueSeparator, start);
        if (end == std::string::npos) end = combo.size();
        if (end > start) ids.push_back(ValueId(combo.substr(start, end - start)));
        start = end + 1;
      }
    }
    combo_values.push_back(std::move(ids));
  }
  return found->second;
}

void FacetColumn::Assign(Xapian::docid id, const std::string& combo) {
  if (id >= combo_of.size()) combo_of.resize(static_cast<size_t>(id) + 1, 0);
  combo_of[id] = ComboId(combo);
}

FacetColumn FacetColumn::Load(const Xapian::Database& db, Xapian::valueno slot, bool multi) {
  FacetColumn column;
  column.slot = slot;
  column.multi = multi;
  column.combo_of.assign(static_cast<size_t>(db.get_lastdocid()) + 1, 0);
  for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) column.Assign(it.get_docid(), *it);
  return column;
}

const FacetColumn* Snapshot::Column(Xapian::valueno slot) const {
  for (const auto& c : facets)
    if (c.slot == slot) return &c;
  return nullptr;
}

std::shared_ptr<Snapshot> SnapshotCache::LoadWhole(const Xapian::Database& db) const {
  auto snapshot = std::make_shared<Snapshot>();
  snapshot->uuid = db.get_uuid();
  snapshot->revision = db.get_revision();
  snapshot->synonyms_json = db.get_metadata(index_schema::kMetaSynonyms);
  snapshot->synonyms = SynonymTable::FromJson(snapshot->synonyms_json);
  for (const auto& [slot, multi] : slots_) snapshot->facets.push_back(FacetColumn::Load(db, slot, multi));
  return snapshot;
}

std::shared_ptr<Snapshot> SnapshotCache::Advance(const Snapshot& from, const Xapian::Database& db,
                                                 const std::vector<Xapian::docid>& changed) const {
  auto snapshot = std::make_shared<Snapshot>(from);  // the columns are copied, then patched
  snapshot->revision = db.get_revision();
  snapshot->prefix_words = std::make_shared<PrefixTable>();
  std::string synonyms_json = db.get_metadata(index_schema::kMetaSynonyms);
  if (synonyms_json != from.synonyms_json) {
    snapshot->synonyms = SynonymTable::FromJson(synonyms_json);
    snapshot->synonyms_json = std::move(synonyms_json);
  }
  for (Xapian::docid id : changed) {
    Xapian::Document doc;
    bool present = true;
    try {
      doc = db.get_document(id);
    } catch (const Xapian::DocNotFoundError&) {
      present = false;  // deleted: no value any more
    }
    for (auto& column : snapshot->facets) column.Assign(id, present ? doc.get_value(column.slot) : std::string());
  }
  return snapshot;
}

std::shared_ptr<const Snapshot> SnapshotCache::For(Xapian::Database& db) {
  // Built under the lock: after a write, the first search builds the new
  // snapshot and the others wait for it rather than build it too.
  std::lock_guard<std::mutex> lock(mu_);
  std::string uuid = db.get_uuid();
  if (current_ && uuid == current_->uuid && db.get_revision() < current_->revision) {
    try {
      db.reopen();
    } catch (const Xapian::DatabaseError&) {
      // This handle's copy was replaced (a full copy by xapian-replicate):
      // it answers from its own revision, with columns of its own.
      ++loads_.whole;
      return LoadWhole(db);
    }
    uuid = db.get_uuid();
  }
  const Xapian::rev revision = db.get_revision();
  if (current_ && uuid == current_->uuid && revision == current_->revision) return current_;
  std::shared_ptr<Snapshot> next;
  if (current_ && uuid == current_->uuid && revision > current_->revision) {
    if (auto changed = touched_log::Between(db, current_->revision, revision)) next = Advance(*current_, db, *changed);
  }
  if (next) {
    ++loads_.derived;
  } else {
    next = LoadWhole(db);
    ++loads_.whole;
  }
  current_ = std::move(next);
  return current_;
}

SnapshotLoads SnapshotCache::Loads() const {
  std::lock_guard<std::mutex> lock(mu_);
  return loads_;
}

std::shared_ptr<SnapshotCache> MakeSnapshotCache() {
  std::vector<std::pair<Xapian::valueno, bool>> columns;
  columns.reserve(kFacets.size());
  for (const FacetSpec& f : kFacets) columns.emplace_back(f.slot, f.multi_valued);
  return std::make_shared<SnapshotCache>(std::move(columns));
}

}  // namespace citykb
