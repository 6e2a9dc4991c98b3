// The citykb subcommands. Each returns the process exit code: 0 on
// success, 1 when the work failed (or, for check, store and index differ),
// 2 for a usage error.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace citykb {

struct ServeArgs {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string data = "index";
  std::string web = "web";
  std::string corpus = "corpus";
  int threads = 32;
  int search_cache = 1000;  // search results kept for repeated searches
  std::string token_file;
  std::string public_url;        // base of absolute links; empty = http://HOST:PORT
  std::string trusted_proxy;     // front proxy whose X-Forwarded-For is believed; empty = none
  int max_connections = 480;     // open connections above this get 503
  int header_timeout = 10;       // seconds for a request line and headers to arrive
  std::string follow;            // writer URL: run as its read-only replica
  std::string replicated_index;  // with `follow`: the index kept by xapian-replicate here (read-only)
  int publish_changesets = 0;    // writer: keep this many index changesets for xapian-replicate (0 = none)
};
int RunServe(const ServeArgs& args);

int RunIngest(const std::string& data, const std::string& dir, const std::string& check_file);

struct SearchArgs {
  std::string data = "index";
  std::string query;
  std::map<std::string, std::vector<std::string>> filters;
  std::string lang = "fr";
  int page = 1;
  int per_page = 10;
  bool json = false;
  bool explain = false;
};
int RunSearch(const SearchArgs& args);

int RunAdd(const std::string& data, const std::string& file);
int RunExport(const std::string& data, const std::string& dir);
int RunReindex(const std::string& data);
int RunCheck(const std::string& data);
int RunBackup(const std::string& data, const std::string& file);
// Prints the corpus coverage (text, or Markdown); with `strict`, exit 1 when below the minimums.
int RunCoverage(const std::string& dir, bool markdown, bool strict);

}  // namespace citykb
