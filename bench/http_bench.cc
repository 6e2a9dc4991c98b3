#include "http_bench.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <optional>

namespace citykb::bench {

namespace {

Status WriteLines(const std::string& path, const std::vector<std::string>& lines) {
  std::ofstream out(path, std::ios::trunc);
  for (const auto& l : lines) out << l << '\n';
  out.close();
  return out ? Status::Ok() : Status::Internal("cannot write " + path);
}

}  // namespace

Result<HttpReport> RunHttp(const HttpOptions& options, const QueryMix& mix) {
  HttpReport report;
  report.server_threads = options.server.threads;
  report.wrk_threads = options.wrk_threads;
  report.seconds = options.seconds;

  std::vector<std::string> search, suggest;
  for (const auto& q : mix.search) search.push_back(SearchPath(q));
  for (const auto& t : mix.typed) suggest.push_back(SuggestPath(t));
  // The shipped server (search cache on), and the same server with the
  // cache off, so that every search is computed: both on the same data,
  // one at a time (the index admits one server).
  ServerSpec uncached = options.server;
  uncached.search_cache = 0;
  const std::vector<ServerSpec> servers = {options.server, uncached};
  struct Endpoint {
    std::string name;  // as reported
    size_t server;
    std::vector<std::string> paths;
  };
  const std::vector<Endpoint> endpoints = {{"/api/health", 0, {"/api/health"}},
                                           {"/api/search", 0, search},
                                           {"/api/suggest", 0, suggest},
                                           {kUncachedSearch, 1, search},
                                           {kUncachedSuggest, 1, suggest}};
  std::vector<std::string> files;
  for (size_t e = 0; e < endpoints.size(); ++e) {
    files.push_back(options.scratch_dir + "/paths-" + std::to_string(e) + ".txt");
    if (Status s = WriteLines(files.back(), endpoints[e].paths); !s.ok()) return s;
  }

  std::optional<ServerProcess> server;
  size_t running = servers.size();
  WrkSpec spec;
  spec.script = options.wrk_script;
  spec.threads = options.wrk_threads;
  // Starts server `which` unless it runs; a fresh server is warmed up (not
  // reported): its search and suggest paths once over.
  auto use = [&](size_t which) -> Status {
    if (running == which) return Status::Ok();
    if (server) {
      if (running == 0) report.rss_peak = std::max(report.rss_peak, server->MemoryBytes("VmHWM"));
      server->Stop();
      server.reset();
    }
    const auto launched = std::chrono::steady_clock::now();
    auto started = ServerProcess::Start(servers[which]);
    if (!started.ok()) return started.status();
    if (which == 0)
      report.startup_ms.push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - launched).count());
    server.emplace(std::move(*started));
    running = which;
    if (which == 0 && report.rss_start == 0) report.rss_start = server->MemoryBytes("VmRSS");
    spec.url = "http://127.0.0.1:" + std::to_string(server->port());
    for (size_t e = 0; e < endpoints.size(); ++e) {
      if (endpoints[e].server != which || endpoints[e].paths.size() < 2) continue;
      WrkSpec warm = spec;
      warm.paths = files[e];
      warm.connections = 8;
      warm.seconds = std::max(1, options.seconds / 3);
      auto result = RunWrk(warm);
      if (!result.ok()) return result.status();
    }
    return Status::Ok();
  };

  for (const auto& e : endpoints)
    for (int c : options.connections) report.runs.push_back({e.name, c, {}, 0, 0, 0, 0, 0, 0});
  spec.seconds = options.seconds;
  for (int r = 0; r < options.rounds; ++r) {
    for (size_t k = 0; k < endpoints.size(); ++k) {
      const size_t e = (k + static_cast<size_t>(r)) % endpoints.size();  // the endpoints rotate
      if (Status s = use(endpoints[e].server); !s.ok()) return s;
      for (size_t ci = 0; ci < options.connections.size(); ++ci) {
        spec.paths = files[e];
        spec.connections = options.connections[ci];
        auto result = RunWrk(spec);
        if (!result.ok()) return result.status();
        HttpRun& run = report.runs[e * options.connections.size() + ci];
        run.rounds.push_back(*result);
        std::fprintf(stderr, "  http round %d %-24s c%-3d %9.0f req/s  p50 %7.2f ms  p99 %8.2f ms  errors %lld\n",
                     r + 1, endpoints[e].name.c_str(), spec.connections, result->rps, result->p50_ms, result->p99_ms,
                     static_cast<long long>(result->errors()));
      }
    }
  }
  for (HttpRun& run : report.runs) {
    std::vector<double> rps, p50, p99, max;
    for (const WrkResult& w : run.rounds) {
      rps.push_back(w.rps);
      p50.push_back(w.p50_ms);
      p99.push_back(w.p99_ms);
      max.push_back(w.max_ms);
      run.requests += w.requests;
      run.errors += w.errors();
    }
    run.rps = Median(rps);
    run.p50_ms = Median(p50);
    run.p99_ms = Median(p99);
    run.max_ms = Median(max);
  }
  if (server) {
    if (running == 0) report.rss_peak = std::max(report.rss_peak, server->MemoryBytes("VmHWM"));
    server->Stop();
  }
  report.ran = true;
  return report;
}

}  // namespace citykb::bench
