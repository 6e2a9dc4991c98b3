// DescribeSetup(): what the figures were measured on.
#include <sqlite3.h>
#include <sys/utsname.h>
#include <xapian.h>

#include <cstdio>
#include <ctime>
#include <fstream>
#include <thread>

#include "report.h"

namespace citykb::bench {

namespace {

std::string Command(const std::string& command) {
  std::string out;
  if (FILE* pipe = popen((command + " 2>/dev/null").c_str(), "r")) {
    char buffer[512];
    size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
    pclose(pipe);
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

std::string CpuModel() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) == 0) {
      const size_t colon = line.find(':');
      return colon == std::string::npos ? line : line.substr(colon + 2);
    }
  }
  return "unknown";
}

}  // namespace

std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

nlohmann::json DescribeSetup() {
  utsname u{};
  uname(&u);
  char date[32];
  const std::time_t now = std::time(nullptr);
  std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  auto package = [](const char* name) { return Command(std::string("dpkg-query -W -f '${Version}' ") + name); };
  return {
      {"date", date},
      {"cpu", CpuModel()},
      {"cores", std::thread::hardware_concurrency()},
      {"kernel", std::string(u.sysname) + " " + u.release},
      {"load_average_start", LoadAverage()},
      {"compiler", std::string("g++ ") + __VERSION__},
      {"build_type", CITYKB_BENCH_BUILD_TYPE},
      {"xapian", Xapian::version_string()},
      {"sqlite", sqlite3_libversion()},
      {"cpp_httplib", package("libcpp-httplib-dev")},
      {"wrk", package("wrk")},
      {"wfrench", package("wfrench")},
      {"wamerican", package("wamerican")},
      // The source measured: the commit, and whether src/ had local changes.
      {"commit", Command("git rev-parse --short HEAD")},
      {"src_modified_files", Command("git status --porcelain -- src | wc -l")},
  };
}

}  // namespace citykb::bench
