// The two ends of index replication with Xapian's own tools
// (docs/cluster.md): the writer keeps changesets of its index for
// xapian-replicate-server; a replica opens the copy xapian-replicate keeps,
// read-only, once the first copy has arrived.
#pragma once

#include <memory>
#include <string>

#include "kb/knowledge_base.h"
#include "util/status.h"

namespace citykb {

// Makes the index opened after this call keep its last `count` changesets
// (Xapian reads XAPIAN_MAX_CHANGESETS when a database is opened for
// writing), so that xapian-replicate can send revisions instead of full
// copies. `count` > 0.
void PublishChangesets(int count);

// Opens the knowledge base of a replica: the store in `data`, the index
// kept by xapian-replicate in `index_dir`. Waits up to `wait_seconds` for
// the first copy of the index to arrive (kNotFound after that).
Result<std::unique_ptr<KnowledgeBase>> OpenWithReplicatedIndex(const std::string& data, const std::string& index_dir,
                                                               size_t search_cache_entries, int wait_seconds);

}  // namespace citykb
