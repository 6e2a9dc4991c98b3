// citykb_bench: the benchmark, in the manner of leveldb's db_bench. One run
// ingests a generated corpus into citykb, raw Xapian and SQLite FTS5, runs
// the query mix in-process against all three, then drives the real server
// with wrk; prints one line per result and writes the figures as JSON.
//   citykb_bench --corpus DIR --profile M [--work DIR] [--out FILE] [--server build/citykb]
//                [--web web] [--smoke] [--rounds N] [--ingest-rounds N] [--queries N]
//                [--http-seconds N] [--server-threads N] [--no-http] [--reuse-data] [--seed N]
//                [--baselines all|none]
// `--baselines none` runs citykb alone (no raw Xapian, no FTS5): for XL, where
// the raw Xapian ingest alone takes hours; the ratios are then not measured.
// Exit status: 0, or 1 when a correctness check fails (systems disagree,
// documents missing, HTTP errors in the smoke run), 2 for usage errors.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "kb/knowledge_base.h"
#include "citykb_system.h"
#include "corpus/corpus_loader.h"
#include "fts5_baseline.h"
#include "http_bench.h"
#include "ingest_bench.h"
#include "profiles.h"
#include "query_mix.h"
#include "report.h"
#include "search_bench.h"
#include "write_bench.h"
#include "xapian_baseline.h"

namespace citykb::bench {
namespace {

struct Args {
  std::string profile = "S";
  std::string corpus;
  std::string work;
  std::string out;
  std::string server = "build/citykb";
  std::string web = "web";
  std::string wrk_script = "bench/wrk/rotate.lua";
  bool smoke = false;
  bool http = true;
  bool reuse_data = false;  // skip the ingest phase, search the data of an earlier run
  bool baselines = true;    // raw Xapian and FTS5 alongside citykb
  int rounds = 3;
  int ingest_rounds = -1;
  int queries = -1;
  int http_seconds = -1;
  int server_threads = 0;
  uint64_t seed = 42;
};

int Usage() {
  std::fprintf(stderr,
               "usage: citykb_bench --corpus DIR [--profile S|M|L|XL] [--work DIR] [--out FILE]\n"
               "                    [--server build/citykb] [--web web] [--smoke] [--rounds N]\n"
               "                    [--ingest-rounds N] [--queries N] [--http-seconds N]\n"
               "                    [--server-threads N] [--no-http] [--reuse-data] [--seed N]\n"
               "                    [--baselines all|none]\n");
  return 2;
}

bool Parse(int argc, char** argv, Args& a) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--profile")
      a.profile = value();
    else if (arg == "--corpus")
      a.corpus = value();
    else if (arg == "--work")
      a.work = value();
    else if (arg == "--out")
      a.out = value();
    else if (arg == "--server")
      a.server = value();
    else if (arg == "--web")
      a.web = value();
    else if (arg == "--wrk-script")
      a.wrk_script = value();
    else if (arg == "--smoke")
      a.smoke = true;
    else if (arg == "--no-http")
      a.http = false;
    else if (arg == "--reuse-data")
      a.reuse_data = true;
    else if (arg == "--rounds")
      a.rounds = std::stoi(value());
    else if (arg == "--ingest-rounds")
      a.ingest_rounds = std::stoi(value());
    else if (arg == "--queries")
      a.queries = std::stoi(value());
    else if (arg == "--http-seconds")
      a.http_seconds = std::stoi(value());
    else if (arg == "--server-threads")
      a.server_threads = std::stoi(value());
    else if (arg == "--seed")
      a.seed = std::stoull(value());
    else if (arg == "--baselines") {
      const std::string v = value();
      if (v != "all" && v != "none") return false;
      a.baselines = v == "all";
    } else
      return false;
  }
  return !a.corpus.empty();
}

// The correctness checks: what must hold whatever the timings.
std::vector<std::string> Check(const IngestReport& ingest, const SearchReport& search, const HttpReport& http) {
  std::vector<std::string> failures;
  for (const auto& s : ingest.systems)
    if (s.documents != ingest.documents)
      failures.push_back(s.system + " holds " + std::to_string(s.documents) + " of " +
                         std::to_string(ingest.documents) + " documents");
  const Agreement& a = search.agreement;
  if (!a.checked) return failures;
  if (a.compared == 0 || a.totals_equal < a.compared * 95 / 100)
    failures.push_back("citykb and raw Xapian disagree on the totals of " +
                       std::to_string(a.compared - a.totals_equal) + " of " + std::to_string(a.compared) + " queries");
  if (a.facets_equal < a.compared * 95 / 100)
    failures.push_back("citykb and raw Xapian disagree on the facets of " +
                       std::to_string(a.compared - a.facets_equal) + " queries");
  if (a.browse_equal != a.browse) failures.push_back("browse totals or facets differ between the systems");
  if (a.zero_empty != a.zero) failures.push_back("a zero-hit query found something");
  // Every answer must be a success; socket errors under overload (64
  // connections) are a performance target, reported, not a failed check.
  for (const auto& r : http.runs) {
    int64_t status = 0, socket = 0;
    for (const auto& w : r.rounds) {
      status += w.status_errors;
      socket += w.socket_errors;
    }
    const std::string where = r.endpoint + " at " + std::to_string(r.connections) + " connections: ";
    if (status > 0) failures.push_back(where + std::to_string(status) + " answers with HTTP status >= 400");
    if (socket > 0 && r.connections <= 8) failures.push_back(where + std::to_string(socket) + " socket errors");
    if (r.requests == 0) failures.push_back(where + "no request completed");
  }
  return failures;
}

int Run(const Args& args) {
  const auto start = std::chrono::steady_clock::now();
  const auto profile = FindProfile(args.profile);
  if (!profile) return Usage();
  RunInfo info;
  info.profile = profile->name;
  info.smoke = args.smoke;
  info.seed = args.seed;
  info.corpus_dir = args.corpus;
  info.setup = DescribeSetup();
  if (auto manifest = ReadFile(args.corpus + "/bench-manifest.json"); manifest.ok())
    info.corpus = nlohmann::json::parse(*manifest, nullptr, false);
  const std::string work = args.work.empty() ? "bench/out/work-" + info.profile : args.work;
  std::filesystem::create_directories(work);
  const WorkPaths paths = WorkPaths::In(work);

  const int ingest_rounds = args.ingest_rounds > 0 ? args.ingest_rounds : args.smoke ? 1 : profile->ingest_rounds;
  const int rounds = args.smoke ? 1 : args.rounds;
  const int queries = args.queries > 0 ? args.queries : args.smoke ? 120 : profile->queries;

  Result<IngestReport> ingest = IngestReport{};
  if (args.reuse_data) {
    std::fprintf(stderr, "== ingest skipped (--reuse-data)\n");
  } else {
    std::fprintf(stderr, "== ingest (%d round%s)\n", ingest_rounds, ingest_rounds > 1 ? "s" : "");
    std::vector<std::string> systems = {"citykb"};
    if (args.baselines) systems.insert(systems.end(), {kCitykbOneThread, "xapian", "fts5"});
    ingest = RunIngest(args.corpus, paths, ingest_rounds, systems);
  }
  if (!ingest.ok()) {
    std::fprintf(stderr, "error: %s\n", ingest.status().message().c_str());
    return 1;
  }

  std::fprintf(stderr, "== search (%d queries, %d round%s)\n", queries, rounds, rounds > 1 ? "s" : "");
  QueryMix mix;
  SearchReport search;
  WriteReport write_report;
  {
    auto corpus = LoadCorpus(args.corpus);
    if (!corpus.ok()) {
      std::fprintf(stderr, "error: %s\n", corpus.status().message().c_str());
      return 1;
    }
    mix = BuildQueryMix(*corpus, queries, args.seed);
  }
  {
    KnowledgeBaseOptions options;
    options.data_dir = paths.citykb;
    auto kb = KnowledgeBase::Open(options);
    if (!kb.ok()) {
      std::fprintf(stderr, "error: cannot open the ingested data in %s\n", work.c_str());
      return 1;
    }
    CitykbSearcher citykb((*kb)->search());
    std::vector<SearchSystem*> systems = {&citykb};
    Result<std::unique_ptr<XapianSearcher>> xapian = std::unique_ptr<XapianSearcher>();
    Result<std::unique_ptr<Fts5Searcher>> fts5 = std::unique_ptr<Fts5Searcher>();
    if (args.baselines) {
      xapian = XapianSearcher::Open(paths.xapian);
      fts5 = Fts5Searcher::Open(paths.fts5);
      if (!xapian.ok() || !fts5.ok()) {
        std::fprintf(stderr, "error: cannot open the baselines' data in %s\n", work.c_str());
        return 1;
      }
      systems.insert(systems.end(), {xapian->get(), fts5->get()});
    }
    auto result = RunSearch(systems, mix.search, rounds);
    if (!result.ok()) {
      std::fprintf(stderr, "error: %s\n", result.status().message().c_str());
      return 1;
    }
    search = std::move(*result);
    std::fprintf(stderr, "== one-record writes, each followed by a search\n");
    auto writes = RunWriteThenSearch(**kb, paths.citykb, args.corpus, args.smoke ? 3 : 9);
    if (!writes.ok()) {
      std::fprintf(stderr, "error: %s\n", writes.status().message().c_str());
      return 1;
    }
    write_report = *writes;
  }

  HttpReport http;
  if (args.http) {
    HttpOptions options;
    options.server = {args.server, paths.citykb, args.web, args.corpus, work + "/server.log", args.server_threads};
    options.wrk_script = args.wrk_script;
    options.scratch_dir = work;
    options.rounds = rounds;
    options.seconds = args.http_seconds > 0 ? args.http_seconds : args.smoke ? 2 : profile->http_seconds;
    std::fprintf(stderr, "== http (wrk, %d s a run, %d round%s)\n", options.seconds, rounds, rounds > 1 ? "s" : "");
    auto result = RunHttp(options, mix);
    if (!result.ok()) {
      std::fprintf(stderr, "error: %s\n", result.status().message().c_str());
      return 1;
    }
    http = std::move(*result);
  } else {
    http.skipped = "--no-http";
  }

  info.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  info.setup["load_average_end"] = LoadAverage();
  const auto targets = EvaluateTargets(info, *ingest, search, http);
  PrintReport(stdout, info, *ingest, search, http, targets);
  std::printf(
      "    write        citykb  : %.1f ms per one-record write; first search after it %.1f ms, "
      "another fresh search %.1f ms; on an index just opened (columns loaded whole) %.1f ms "
      "(facet columns: %lld derived, %lld loaded whole)\n",
      write_report.write_ms_p50, write_report.first_search_ms_p50, write_report.fresh_search_ms_p50,
      write_report.whole_load_ms_p50, static_cast<long long>(write_report.columns_derived),
      static_cast<long long>(write_report.columns_whole));
  const std::string out = args.out.empty() ? "bench/out/results-" + info.profile + ".json" : args.out;
  nlohmann::json report = ReportJson(info, *ingest, search, http, targets);
  report["write_then_search"] = ToJson(write_report);
  std::ofstream(out) << report.dump(2) << '\n';
  std::printf("results written to %s (%.0f s)\n", out.c_str(), info.seconds);

  auto failures = Check(*ingest, search, http);
  if (write_report.columns_derived != write_report.rounds)
    failures.push_back("after " + std::to_string(write_report.rounds) + " one-record writes the facet columns were " +
                       "derived " + std::to_string(write_report.columns_derived) +
                       " times (the others reloaded whole)");
  for (const auto& f : failures) std::fprintf(stderr, "check failed: %s\n", f.c_str());
  return failures.empty() ? 0 : 1;
}

}  // namespace
}  // namespace citykb::bench

int main(int argc, char** argv) {
  citykb::bench::Args args;
  try {
    if (!citykb::bench::Parse(argc, argv, args)) return citykb::bench::Usage();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return citykb::bench::Usage();
  }
  return citykb::bench::Run(args);
}
