// HTTP phase: starts `citykb serve` on the ingested data and measures
// /api/search and /api/suggest (the query mix and the typed prefixes)
// against /api/health, the server's own ceiling, with wrk at 8 and 64
// connections; then /api/search and /api/suggest again on a server with
// its answer caches off, where every request is computed. The endpoints alternate round by
// round. Reports the shipped server's peak RSS.
#pragma once

#include <string>
#include <vector>

#include "query_mix.h"
#include "results.h"

namespace citykb::bench {

// The names under which the runs of the server without its answer caches
// are reported.
inline constexpr char kUncachedSearch[] = "/api/search (cache off)";
inline constexpr char kUncachedSuggest[] = "/api/suggest (cache off)";

struct HttpOptions {
  ServerSpec server;
  std::string wrk_script;   // bench/wrk/rotate.lua
  std::string scratch_dir;  // path files are written here
  int rounds = 3;
  int seconds = 10;  // per wrk run
  int wrk_threads = 2;
  std::vector<int> connections = {8, 64};
};

Result<HttpReport> RunHttp(const HttpOptions& options, const QueryMix& mix);

}  // namespace citykb::bench
