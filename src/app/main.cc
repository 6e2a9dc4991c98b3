// citykb: one binary, subcommands. Parses the command line and hands over
// to app/commands.cc.
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "app/commands.h"
#include "model/facet.h"

namespace {

int Run(int argc, char** argv) {
  CLI::App app{
      "citykb: a comparative knowledge base of how cities run their smart-city programmes.\n"
      "Data lives in a directory (default index/): a SQLite store and a Xapian index derived from it."};
  app.set_version_flag("--version", CITYKB_VERSION);
  app.require_subcommand(1);

  citykb::ServeArgs serve;
  auto* serve_cmd =
      app.add_subcommand("serve", "Serve the JSON API and the web page (loads the corpus on first start)");
  serve_cmd->add_option("--host", serve.host, "Interface to listen on")->capture_default_str();
  serve_cmd->add_option("--port", serve.port, "Port (0 = any free port)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  serve_cmd->add_option("--data", serve.data, "Data directory")->capture_default_str();
  serve_cmd->add_option("--web", serve.web, "Folder of the web page")->capture_default_str();
  serve_cmd->add_option("--corpus", serve.corpus, "Corpus loaded when the store is empty")->capture_default_str();
  serve_cmd->add_option("--threads", serve.threads, "Worker threads (one per open connection)")
      ->capture_default_str()
      ->check(CLI::Range(2, 1024));
  serve_cmd
      ->add_option("--search-cache", serve.search_cache,
                   "Search results kept for repeated searches until the data changes (0 = off)")
      ->capture_default_str()
      ->check(CLI::Range(0, 1000000));
  serve_cmd->add_option("--follow", serve.follow,
                        "Run as a read-only replica of the writer at this URL (http://host:port): its store and "
                        "index follow the writer's change log (the index is built locally unless --replicated-index); "
                        "writes are refused");
  serve_cmd->add_option("--replicated-index", serve.replicated_index,
                        "With --follow: serve the index that xapian-replicate keeps in this directory (opened "
                        "read-only, reopened on each new revision; waits for the first copy); the store follows the "
                        "change log up to that index's sequence (docs/cluster.md)");
  serve_cmd
      ->add_option("--publish-changesets", serve.publish_changesets,
                   "Writer: keep this many changesets of the index (XAPIAN_MAX_CHANGESETS) so that "
                   "xapian-replicate-server can send replicas revisions rather than full copies (0 = none)")
      ->capture_default_str()
      ->check(CLI::Range(0, 100000));
  serve_cmd->add_option("--token-file", serve.token_file,
                        "File holding the bearer token for writes (default: $CITYKB_ADMIN_TOKEN; none = writes off)");
  serve_cmd->add_option(
      "--public-url", serve.public_url,
      "Public base URL of this server, for absolute links such as CSV permalinks "
      "(e.g. https://citykb.example.org; default http://HOST:PORT; never taken from the Host header)");
  serve_cmd->add_option("--trusted-proxy", serve.trusted_proxy,
                        "Address of a front proxy (e.g. 127.0.0.1): for requests from it, the client is the last "
                        "X-Forwarded-For address (for the limit on failed writes); default: trust no proxy");
  serve_cmd
      ->add_option("--max-connections", serve.max_connections,
                   "Open connections served at once; more get 503 (at most 496)")
      ->capture_default_str()
      ->check(CLI::Range(1, 496));
  serve_cmd
      ->add_option("--header-timeout", serve.header_timeout,
                   "Seconds a client has to send a request line and its headers (else 408)")
      ->capture_default_str()
      ->check(CLI::Range(1, 300));

  std::string data = "index";
  std::string dir = "corpus";
  std::string check_file;
  auto* ingest_cmd = app.add_subcommand("ingest", "Validate and load a corpus directory");
  ingest_cmd->add_option("dir", dir, "Corpus directory")->capture_default_str();
  ingest_cmd->add_option("--data", data, "Data directory")->capture_default_str();
  ingest_cmd->add_option("--check", check_file, "Only validate this bundle file against the corpus; write nothing");

  citykb::SearchArgs search;
  std::vector<std::string> cities, themes, stakeholders, kinds;
  auto* search_cmd = app.add_subcommand("search", "Search from the command line");
  search_cmd->add_option("query", search.query, "What to look for (empty = everything)");
  search_cmd->add_option("--data", search.data, "Data directory")->capture_default_str();
  search_cmd->add_option("--city", cities, "Only these cities (repeatable)");
  search_cmd->add_option("--theme", themes, "Only these themes (repeatable)");
  search_cmd->add_option("--stakeholder", stakeholders, "Only these stakeholders (repeatable)");
  search_cmd->add_option("--kind", kinds, "Only these kinds: profile, role, practice, interview, milestone");
  search_cmd->add_option("--lang", search.lang, "Language of the results: fr or en")
      ->capture_default_str()
      ->check(CLI::IsMember({"fr", "en"}));
  search_cmd->add_option("--page", search.page, "Page")->capture_default_str()->check(CLI::Range(1, 1000));
  search_cmd->add_option("--per-page", search.per_page, "Results per page")
      ->capture_default_str()
      ->check(CLI::Range(1, 100));
  search_cmd->add_flag("--json", search.json, "Print the API's JSON");
  search_cmd->add_flag("--explain", search.explain, "Say how each result matched");

  std::string file;
  auto* add_cmd = app.add_subcommand("add", "Validate and add (or replace) one city bundle");
  add_cmd->add_option("file", file, "City bundle (JSON)")->required();
  add_cmd->add_option("--data", data, "Data directory")->capture_default_str();

  std::string out_dir;
  auto* export_cmd = app.add_subcommand("export", "Write the store as a corpus directory that loads back identically");
  export_cmd->add_option("dir", out_dir, "Target directory")->required();
  export_cmd->add_option("--data", data, "Data directory")->capture_default_str();

  auto* reindex_cmd = app.add_subcommand("reindex", "Rebuild the index from the store");
  reindex_cmd->add_option("--data", data, "Data directory")->capture_default_str();

  auto* check_cmd = app.add_subcommand("check", "Check that store and index agree (exit 0) or not (exit 1)");
  check_cmd->add_option("--data", data, "Data directory")->capture_default_str();

  std::string backup_file;
  auto* backup_cmd = app.add_subcommand("backup", "Copy the store with SQLite's online backup (safe while serving)");
  backup_cmd->add_option("file", backup_file, "Target file")->required();
  backup_cmd->add_option("--data", data, "Data directory")->capture_default_str();

  std::string coverage_dir = "corpus";
  bool coverage_markdown = false, coverage_strict = false;
  auto* coverage_cmd = app.add_subcommand(
      "coverage",
      "Per city: records by kind, indicators, milestones, sources, publishers, and what is below the minimums");
  coverage_cmd->add_option("dir", coverage_dir, "Corpus directory")->capture_default_str();
  coverage_cmd->add_flag("--markdown", coverage_markdown, "Print the Markdown of corpus/COVERAGE.md");
  coverage_cmd->add_flag("--strict", coverage_strict, "Exit 1 when the corpus or a city is below the minimums");

  CLI11_PARSE(app, argc, argv);
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");

  if (*serve_cmd) return citykb::RunServe(serve);
  if (*ingest_cmd) return citykb::RunIngest(data, dir, check_file);
  if (*search_cmd) {
    if (!cities.empty()) search.filters[citykb::Spec(citykb::Facet::kCity).name] = cities;
    if (!themes.empty()) search.filters[citykb::Spec(citykb::Facet::kTheme).name] = themes;
    if (!stakeholders.empty()) search.filters[citykb::Spec(citykb::Facet::kStakeholder).name] = stakeholders;
    if (!kinds.empty()) search.filters[citykb::Spec(citykb::Facet::kKind).name] = kinds;
    return citykb::RunSearch(search);
  }
  if (*add_cmd) return citykb::RunAdd(data, file);
  if (*export_cmd) return citykb::RunExport(data, out_dir);
  if (*reindex_cmd) return citykb::RunReindex(data);
  if (*check_cmd) return citykb::RunCheck(data);
  if (*backup_cmd) return citykb::RunBackup(data, backup_file);
  if (*coverage_cmd) return citykb::RunCoverage(coverage_dir, coverage_markdown, coverage_strict);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
    return 1;
  }
}
