#include "index/snapshot.h"

#include <unordered_map>

#include "index/index_schema.h"

namespace citykb {

FacetColumn FacetColumn::Load(const Xapian::Database& db, Xapian::valueno slot, bool multi) {
  FacetColumn column;
  column.slot = slot;
  column.combo_of.assign(static_cast<size_t>(db.get_lastdocid()) + 1, 0);
  std::unordered_map<std::string, uint32_t> combo_ids, value_ids;
  auto value_id = [&](const std::string& value) {
    auto [found, added] = value_ids.emplace(value, static_cast<uint32_t>(column.values.size()));
    if (added) column.values.push_back(value);
    return found->second;
  };
  for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
    const std::string combo = *it;
    if (combo.empty()) continue;
    auto [found, added] = combo_ids.emplace(combo, static_cast<uint32_t>(column.combos.size()));
    if (added) {
      column.combos.push_back(combo);
      std::vector<uint32_t> values;
      if (!multi) {
        values.push_back(value_id(combo));
      } else {
        size_t start = 0;
        while (start < combo.size()) {
          size_t end = combo.find(index_schema::kValueSeparator, start);
          if (end == std::string::npos) end = combo.size();
          if (end > start) values.push_back(value_id(combo.substr(start, end - start)));
          start = end + 1;
        }
      }
      column.combo_values.push_back(std::move(values));
    }
    const Xapian::docid id = it.get_docid();
    if (id < column.combo_of.size()) column.combo_of[id] = found->second;
  }
  return column;
}

const FacetColumn* Snapshot::Column(Xapian::valueno slot) const {
  for (const auto& c : facets)
    if (c.slot == slot) return &c;
  return nullptr;
}

std::shared_ptr<const Snapshot> SnapshotCache::For(Xapian::Database& db) {
  // Built under the lock: after a write, the first search builds the new
  // snapshot and the others wait for it rather than build it too.
  std::lock_guard<std::mutex> lock(mu_);
  std::string uuid = db.get_uuid();
  if (current_ && uuid == current_->uuid && db.get_revision() < current_->revision) {
    db.reopen();
    uuid = db.get_uuid();
  }
  if (current_ && uuid == current_->uuid && db.get_revision() == current_->revision) return current_;
  auto snapshot = std::make_shared<Snapshot>();
  snapshot->uuid = uuid;
  snapshot->revision = db.get_revision();
  snapshot->synonyms = SynonymTable::FromJson(db.get_metadata(index_schema::kMetaSynonyms));
  for (const auto& [slot, multi] : slots_) snapshot->facets.push_back(FacetColumn::Load(db, slot, multi));
  current_ = snapshot;
  return snapshot;
}

std::shared_ptr<SnapshotCache> MakeSnapshotCache() {
  namespace is = index_schema;
  return std::make_shared<SnapshotCache>(std::vector<std::pair<Xapian::valueno, bool>>{
      {is::kSlotCity, false}, {is::kSlotThemes, true}, {is::kSlotStakeholders, true}, {is::kSlotKind, false}});
}

}  // namespace citykb
