// Which documents each commit of the index changed, kept in the index's own
// metadata (one key per revision, the last kKept revisions), so that a
// reader holding the facet columns of an older revision, in this process or
// on a replica's copy of the database, can bring them forward by reading
// only those documents. Private to src/index/.
#pragma once

#include <xapian.h>

#include <optional>
#include <vector>

namespace citykb::touched_log {

// Revisions whose record is kept; a reader further behind reloads.
inline constexpr Xapian::rev kKept = 64;
// A commit touching more documents records "all": reloading is cheaper.
inline constexpr size_t kMaxIds = 20000;

// Records `ids` as the documents changed by the commit about to be made on
// `db` (call just before commit()), and forgets the record kKept revisions
// older.
void Record(Xapian::WritableDatabase& db, const std::vector<Xapian::docid>& ids);

// The documents changed by the revisions after `from` up to `to` of `db`
// (which must be at `to`), or nothing when a revision in between has no
// record (a rebuild, a commit that records nothing, too many documents).
std::optional<std::vector<Xapian::docid>> Between(const Xapian::Database& db, Xapian::rev from, Xapian::rev to);

}  // namespace citykb::touched_log
