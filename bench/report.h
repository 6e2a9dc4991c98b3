// The benchmark's report: the setup (CPU, versions, corpus), one line per
// result next to its baseline, the ratios checked against the issue's
// targets, and the same as JSON (bench/out/results-<profile>.json).
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "results.h"

namespace citykb::bench {

struct RunInfo {
  std::string profile;  // S, M, L, XL
  bool smoke = false;
  uint64_t seed = 42;
  std::string corpus_dir;
  nlohmann::json corpus;  // the generator's manifest (documents, cities, people, bytes)
  nlohmann::json setup;   // DescribeSetup()
  double seconds = 0;     // the whole run
};

// One of the targets, checked on this run's figures.
struct Target {
  std::string name;
  std::string rule;  // "<= 1.5" ...
  double value = 0;
  bool holds = false;
  bool measured = false;  // false when the figures it needs were not taken
};

// CPU, kernel, compiler and library versions of this machine, and its load.
nlohmann::json DescribeSetup();
// /proc/loadavg's 1, 5 and 15 minute figures: other work skews the timings.
std::string LoadAverage();

std::vector<Target> EvaluateTargets(const RunInfo& info, const IngestReport& ingest, const SearchReport& search,
                                    const HttpReport& http);

nlohmann::json ReportJson(const RunInfo& info, const IngestReport& ingest, const SearchReport& search,
                          const HttpReport& http, const std::vector<Target>& targets);

void PrintReport(std::FILE* out, const RunInfo& info, const IngestReport& ingest, const SearchReport& search,
                 const HttpReport& http, const std::vector<Target>& targets);

}  // namespace citykb::bench
