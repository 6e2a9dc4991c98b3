// Ingest phase: loads the same corpus directory into citykb (the full
// pipeline: validation, store, change log, index), into raw Xapian and into
// SQLite FTS5, alternating the order round by round, and measures the
// documents per second and the bytes on disk. The last round's data stays
// in `work_dir` for the search and HTTP phases.
#pragma once

#include <string>
#include <vector>

#include "results.h"
#include "util/status.h"

namespace citykb::bench {

// Where each system keeps its data under the work directory.
// citykb's ingest with the index built on one thread (the shipped one
// builds the next batch of documents on a second thread).
inline constexpr char kCitykbOneThread[] = "citykb-1t";

struct WorkPaths {
  std::string citykb;  // KnowledgeBase data directory
  std::string xapian;  // raw Xapian database
  std::string fts5;    // SQLite file
  static WorkPaths In(const std::string& work_dir) {
    return {work_dir + "/citykb", work_dir + "/xapian", work_dir + "/fts5.sqlite"};
  }
};

// `systems`: any of "citykb", "xapian", "fts5" (citykb first).
Result<IngestReport> RunIngest(const std::string& corpus_dir, const WorkPaths& paths, int rounds,
                               const std::vector<std::string>& systems);

// Bytes of a file or of everything under a directory.
int64_t DiskBytes(const std::string& path);

}  // namespace citykb::bench
