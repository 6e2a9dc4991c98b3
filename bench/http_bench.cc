#include "http_bench.h"

#include <cstdio>
#include <fstream>

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
  const std::vector<std::pair<std::string, std::vector<std::string>>> endpoints = {
      {"/api/health", {"/api/health"}}, {"/api/search", search}, {"/api/suggest", suggest}};
  std::vector<std::string> files;
  for (const auto& [endpoint, paths] : endpoints) {
    files.push_back(options.scratch_dir + "/paths-" + endpoint.substr(5) + ".txt");
    if (Status s = WriteLines(files.back(), paths); !s.ok()) return s;
  }

  auto server = ServerProcess::Start(options.server);
  if (!server.ok()) return server.status();
  report.rss_start = server->MemoryBytes("VmRSS");
  WrkSpec spec;
  spec.url = "http://127.0.0.1:" + std::to_string(server->port());
  spec.script = options.wrk_script;
  spec.threads = options.wrk_threads;

  // Warm-up (not reported): the search and suggest paths once over.
  for (size_t e = 1; e < endpoints.size(); ++e) {
    spec.paths = files[e];
    spec.connections = 8;
    spec.seconds = std::max(1, options.seconds / 3);
    auto warm = RunWrk(spec);
    if (!warm.ok()) return warm.status();
  }

  for (const auto& [endpoint, paths] : endpoints)
    for (int c : options.connections) report.runs.push_back({endpoint, c, {}, 0, 0, 0, 0, 0, 0});
  spec.seconds = options.seconds;
  for (int r = 0; r < options.rounds; ++r) {
    for (size_t k = 0; k < endpoints.size(); ++k) {
      const size_t e = (k + static_cast<size_t>(r)) % endpoints.size();  // health, search, suggest rotate
      for (size_t ci = 0; ci < options.connections.size(); ++ci) {
        spec.paths = files[e];
        spec.connections = options.connections[ci];
        auto result = RunWrk(spec);
        if (!result.ok()) return result.status();
        HttpRun& run = report.runs[e * options.connections.size() + ci];
        run.rounds.push_back(*result);
        std::fprintf(stderr, "  http round %d %-13s c%-3d %9.0f req/s  p50 %7.2f ms  p99 %8.2f ms  errors %lld\n",
                     r + 1, endpoints[e].first.c_str(), spec.connections, result->rps, result->p50_ms,
                     result->p99_ms, static_cast<long long>(result->errors()));
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
  report.rss_peak = server->MemoryBytes("VmHWM");
  server->Stop();
  report.ran = true;
  return report;
}

}  // namespace citykb::bench
