// What one benchmark run measured, phase by phase, before it is reported.
// Plain values.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "http_load.h"
#include "stats.h"

namespace citykb::bench {

struct IngestResult {
  std::string system;           // citykb, xapian, fts5
  std::vector<double> seconds;  // one per round
  double median_seconds = 0;
  double docs_per_second = 0;            // documents / median_seconds
  int64_t documents = 0;                 // found in the system afterwards
  int64_t bytes = 0;                     // on disk after the last round
  std::map<std::string, int64_t> parts;  // bytes by file or directory
};

struct IngestReport {
  int64_t documents = 0;     // in the corpus
  double parse_seconds = 0;  // reading and validating the corpus alone (median)
  std::vector<IngestResult> systems;
};

struct SearchResultSet {
  std::string system;
  std::vector<LatencySummary> rounds;
  LatencySummary median;                          // field by field over the rounds
  std::map<std::string, LatencySummary> by_kind;  // all rounds pooled, per query class
};

// Do the systems find the same documents where they should?
struct Agreement {
  bool checked = true;                  // false when the baselines were not run
  int compared = 0;                     // queries citykb answered literally (no synonyms, not relaxed)
  int totals_equal = 0;                 // ... with the same total as raw Xapian
  int pages_equal = 0;                  // ... and the same page of ids, in order
  int facets_equal = 0;                 // ... and the same facet counts
  double mean_overlap = 0;              // share of the page both found
  int browse = 0;                       // queries without words (all three systems)
  int browse_equal = 0;                 // ... with equal totals and facet counts everywhere
  int zero = 0;                         // zero-hit queries
  int zero_empty = 0;                   // ... that found nothing in all three
  int zero_corrected = 0;               // ... for which citykb searched a spelling correction
  int64_t citykb_word_hits = 0;         // summed totals over one-word queries
  int64_t fts5_word_hits = 0;           // the same queries in FTS5 (no stemming)
  std::vector<std::string> mismatches;  // the first few, described
};

struct SearchReport {
  int queries = 0;
  int rounds = 0;
  std::vector<SearchResultSet> systems;
  Agreement agreement;
};

struct HttpRun {
  std::string endpoint;  // /api/health, /api/search, /api/suggest
  int connections = 0;
  std::vector<WrkResult> rounds;
  double rps = 0, p50_ms = 0, p99_ms = 0, max_ms = 0;  // medians over rounds
  int64_t requests = 0, errors = 0;                    // summed over rounds
};

struct HttpReport {
  bool ran = false;
  std::string skipped;  // why not, when not
  int server_threads = 0;
  int wrk_threads = 0;
  int seconds = 0;
  std::vector<HttpRun> runs;
  int64_t rss_start = 0;           // bytes after start-up
  int64_t rss_peak = 0;            // VmHWM after the load
  std::vector<double> startup_ms;  // each start of the shipped server on the existing data: launch to listening
};

}  // namespace citykb::bench
