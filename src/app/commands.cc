#include "app/commands.h"

#include <arpa/inet.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <set>

#include <fmt/core.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "kb/knowledge_base.h"
#include "app/progress.h"
#include "kb/replicated_index.h"
#include "corpus/bundle_parser.h"
#include "corpus/corpus_loader.h"
#include "corpus/corpus_writer.h"
#include "corpus/coverage.h"
#include "http/api_json.h"
#include "http/server.h"
#include "model/model_json.h"
#include "replica/follower.h"

namespace citykb {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

void PrintProblems(const Status& s) {
  std::cerr << "error: " << s.message() << "\n";
  for (const auto& p : s.problems())
    std::cerr << "  " << (p.file.empty() ? "" : p.file + ": ") << p.path << ": " << p.reason << "\n";
}

// Prints the error, then the command that gets the user out of it.
void PrintError(const Status& s, const std::string& way_out) {
  PrintProblems(s);
  if (!way_out.empty()) std::cerr << "to fix it: " << way_out << "\n";
}

// " --data DIR", or nothing for the default data directory.
std::string DataFlag(const std::string& data) { return data == "index" ? "" : " --data " + data; }

std::string StorePath(const std::string& data) { return data + "/citykb.sqlite"; }

// The way out of an empty data directory: load records into it.
std::string LoadRecordsHint(const std::string& data) {
  return "load the corpus with `citykb ingest corpus" + DataFlag(data) + "`, or start `citykb serve" + DataFlag(data) +
         "`, which loads corpus/ on its first start";
}

// Commands that only read need a data directory that holds a store: they
// say so (and what to run) instead of creating an empty one.
bool HasStore(const std::string& data) {
  if (fs::exists(StorePath(data))) return true;
  std::cerr << "error: no citykb data in " << data << "/ (no citykb.sqlite there)\n"
            << "to fix it: " << LoadRecordsHint(data)
            << (data == "index" ? ", or point to your data with --data DIR" : "") << "\n";
  return false;
}

// The way out of a corpus folder that cannot be loaded: a wrong folder, or
// files with problems (listed above the hint) to correct before running
// the command again.
// `command` is the command that was run, without its folder.
std::string CorpusWayOut(const Status& s, const std::string& dir, const std::string& command) {
  if (!fs::is_directory(dir) || !fs::exists(fs::path(dir) / "taxonomy.json"))
    return "give the folder that holds taxonomy.json, sources.json and cities/, e.g. `" + command + " corpus`";
  const std::string again = command + " " + dir;
  if (s.code() == StatusCode::kValidationFailed) return "correct the places named above, then run `" + again + "`";
  return "";
}

// The way out of a failure to open the data directory `data`.
std::string OpenWayOut(const Status& s, const std::string& data) {
  if (s.code() == StatusCode::kUnavailable)
    return "stop the other citykb process that uses " + data +
           "/ (a running `citykb serve`?), or give this one another --data";
  if (s.code() != StatusCode::kNotFound) return "";
  // No index: rebuild it when the store holds records, else load some.
  auto store = Store::Open(StorePath(data));
  auto documents = store.ok() ? (*store)->CountDocuments() : Result<int64_t>(store.status());
  if (documents.ok() && *documents > 0)
    return "rebuild the index from the store with `citykb reindex" + DataFlag(data) + "`";
  return LoadRecordsHint(data);
}

Result<std::unique_ptr<KnowledgeBase>> OpenKb(const std::string& data, bool read_only, const char* label,
                                              size_t search_cache_entries = 0) {
  ProgressBar bar(label);
  KnowledgeBaseOptions options;
  options.data_dir = data;
  options.read_only_index = read_only;
  options.search_cache_entries = search_cache_entries;
  return KnowledgeBase::Open(options, [&](int64_t done, int64_t total) { bar.Update(done, total); });
}

// How long a replica waits for xapian-replicate's first copy of the index.
constexpr int kReplicatedIndexWaitSeconds = 600;

HttpServer* running_server = nullptr;

void OnSignal(int) {
  if (running_server) running_server->Stop();
}

std::string ReadToken(const std::string& token_file) {
  if (!token_file.empty()) {
    auto text = ReadFile(token_file);
    if (!text.ok()) return {};
    std::string t = *text;
    while (!t.empty() && (t.back() == '\n' || t.back() == '\r' || t.back() == ' ')) t.pop_back();
    return t;
  }
  const char* env = std::getenv("CITYKB_ADMIN_TOKEN");
  return env ? env : "";
}

}  // namespace

int RunServe(const ServeArgs& args) {
  unsigned char addr[16];
  if (!args.trusted_proxy.empty() && ::inet_pton(AF_INET, args.trusted_proxy.c_str(), addr) != 1 &&
      ::inet_pton(AF_INET6, args.trusted_proxy.c_str(), addr) != 1) {
    std::cerr << "error: --trusted-proxy must be an IPv4 or IPv6 address\n";
    return 2;
  }
  const std::string& follow = args.follow;
  if (!follow.empty() && (follow.rfind("http://", 0) != 0 || follow.size() > 2000 ||
                          follow.find_first_of(" \t\r\n\"<>\\") != std::string::npos)) {
    std::cerr << "error: --follow must be the writer's http:// URL (e.g. http://10.0.0.1:8080)\n";
    return 2;
  }
  if (!args.replicated_index.empty() && follow.empty()) {
    std::cerr << "error: --replicated-index needs --follow (only a replica serves an index kept by xapian-replicate)\n";
    return 2;
  }
  if (args.publish_changesets > 0 && !follow.empty()) {
    std::cerr << "error: --publish-changesets is for the writer; a replica's index is never written\n";
    return 2;
  }
  if (args.publish_changesets > 0) PublishChangesets(args.publish_changesets);
  auto kb = args.replicated_index.empty()
                ? OpenKb(args.data, false, "catching up", static_cast<size_t>(args.search_cache))
                : OpenWithReplicatedIndex(args.data, args.replicated_index, static_cast<size_t>(args.search_cache),
                                          kReplicatedIndexWaitSeconds);
  if (!kb.ok()) {
    PrintError(kb.status(), OpenWayOut(kb.status(), args.data));
    return 1;
  }
  auto empty = (*kb)->Empty();
  if (follow.empty() && empty.ok() && *empty && !fs::is_directory(args.corpus))
    spdlog::warn(
        "the store is empty and there is no corpus folder '{}': give one with --corpus DIR (or load it with "
        "`citykb ingest DIR{}`), or add cities with `citykb add FILE.json` or POST /api/cities",
        args.corpus, DataFlag(args.data));
  if (follow.empty() && empty.ok() && *empty && fs::is_directory(args.corpus)) {
    spdlog::info("empty store: loading the corpus from {}", args.corpus);
    ProgressBar bar("indexing");
    auto receipt = (*kb)->IngestCorpus(args.corpus, [&](int64_t d, int64_t t) { bar.Update(d, t); });
    if (!receipt.ok()) {
      PrintError(receipt.status(),
                 CorpusWayOut(receipt.status(), args.corpus, "citykb serve" + DataFlag(args.data) + " --corpus"));
      return 1;
    }
    spdlog::info("loaded {} documents", receipt->documents);
  }
  ServerOptions options;
  const std::string& url = args.public_url;
  const bool url_ok = url.empty() || ((url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0) &&
                                      url.size() < 2000 && std::all_of(url.begin(), url.end(), [](char c) {
                                        return c > 0x20 && c < 0x7f && c != '"' && c != '<' && c != '>' && c != '\\';
                                      }));
  if (!url_ok) {
    std::cerr
        << "error: --public-url must be an http:// or https:// URL without spaces or quotes\n"
        << "to fix it: give the address users reach, e.g. `citykb serve --public-url https://citykb.example.org`, "
           "or leave --public-url out\n";
    return 2;
  }
  options.public_url = url;
  options.trusted_proxy = args.trusted_proxy;
  options.max_connections = args.max_connections;
  options.header_timeout_seconds = args.header_timeout;
  options.host = args.host;
  options.port = args.port;
  options.web_dir = args.web;
  options.threads = args.threads;
  options.admin_token = ReadToken(args.token_file);
  if (!args.token_file.empty() && options.admin_token.empty()) {
    std::cerr << "error: cannot read a token from " << args.token_file << " (missing, unreadable or empty)\n"
              << "to fix it: write one into it (e.g. `openssl rand -hex 32 > " << args.token_file
              << "`) and run `citykb serve --token-file " << args.token_file
              << "` again, or leave --token-file out to serve with writes disabled\n";
    return 2;
  }
  if (!options.admin_token.empty() && options.admin_token.size() < 20)
    spdlog::warn(
        "the admin token is shorter than 20 characters: the right token is never rate-limited, so a "
        "short one can be guessed; use a long random one (e.g. openssl rand -hex 32)");
  std::unique_ptr<Follower> follower;
  if (!follow.empty()) {
    options.writer_url = follow;
    while (!options.writer_url.empty() && options.writer_url.back() == '/') options.writer_url.pop_back();
    follower = std::make_unique<Follower>(**kb, options.writer_url, 100, !args.replicated_index.empty());
    options.follow_state = [f = follower.get()] { return f->State(); };
  }
  HttpServer server(**kb, options);
  auto port = server.Bind();
  if (!port.ok()) {
    PrintError(port.status(),
               "stop what listens on port " + std::to_string(args.port) +
                   ", or choose another port: `citykb serve --port 8081` (`--port 0` takes any free one)");
    return 1;
  }
  running_server = &server;
  if (follower) follower->Start();
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  spdlog::info("citykb serving http://{}:{}/ ({})", args.host, *port,
               follower ? "read-only replica of " + options.writer_url
                        : std::string(options.admin_token.empty() ? "writes disabled" : "writes enabled"));
  // Machine-readable line for scripts that start the server on port 0.
  std::printf("listening on %s:%d\n", args.host.c_str(), *port);
  std::fflush(stdout);
  server.Run();
  if (follower) follower->Stop();
  running_server = nullptr;
  spdlog::info("stopped");
  return 0;
}

int RunIngest(const std::string& data, const std::string& dir, const std::string& check_file) {
  if (!check_file.empty()) {
    // Validate one bundle against the corpus's taxonomy and sources.
    auto corpus = LoadCorpus(dir);
    if (!corpus.ok()) {
      PrintError(corpus.status(), CorpusWayOut(corpus.status(), dir, "citykb ingest --check " + check_file));
      return 1;
    }
    ValidationContext context;
    context.taxonomy = &corpus->taxonomy;
    for (const auto& s : corpus->sources) context.source_ids.insert(s.id);
    for (const auto& d : corpus->indicators) context.indicators.emplace(d.name, d);
    auto text = ReadFile(check_file);
    if (!text.ok()) {
      PrintError(text.status(), "give the path of a city bundle, e.g. `citykb ingest --check corpus/cities/lyon.json`");
      return 1;
    }
    const bool cross_city = fs::path(check_file).filename() == "general.json";
    auto bundle = ParseBundleText(*text, context, cross_city);
    if (!bundle.ok()) {
      const Status& s = bundle.status();
      std::cerr << check_file << ": ";
      PrintError(s, "correct the places named above and run `citykb ingest --check " + check_file + "` again");
      return 1;
    }
    std::cout << check_file << ": valid (" << bundle->documents.size() << " documents, " << bundle->people.size()
              << " people)\n";
    return 0;
  }
  if (!fs::is_directory(dir)) {
    std::cerr << "error: no corpus folder " << dir << "\n"
              << "to fix it: give the folder that holds taxonomy.json, sources.json and cities/, e.g. `citykb ingest "
                 "corpus"
              << DataFlag(data) << "`\n";
    return 1;
  }
  auto kb = OpenKb(data, false, "catching up");
  if (!kb.ok()) {
    PrintError(kb.status(), OpenWayOut(kb.status(), data));
    return 1;
  }
  ProgressBar bar("indexing");
  auto receipt = (*kb)->IngestCorpus(dir, [&](int64_t d, int64_t t) { bar.Update(d, t); });
  if (!receipt.ok()) {
    PrintError(receipt.status(), CorpusWayOut(receipt.status(), dir, "citykb ingest" + DataFlag(data)));
    return 1;
  }
  std::cout << "ingested " << dir << ": " << receipt->documents << " documents, " << receipt->people
            << " people (change-log sequence " << receipt->seq << ")\n";
  return 0;
}

int RunSearch(const SearchArgs& args) {
  if (!HasStore(args.data)) return 1;
  auto kb = OpenKb(args.data, true, "opening");
  if (!kb.ok()) {
    PrintError(kb.status(), OpenWayOut(kb.status(), args.data));
    return 1;
  }
  SearchRequest request;
  request.q = args.query;
  request.filters = args.filters;
  request.lang = args.lang == "en" ? Lang::kEn : Lang::kFr;
  request.page = args.page;
  request.per_page = args.per_page;
  request.explain = args.explain;
  auto result = (*kb)->search().Search(request);
  if (!result.ok()) {
    PrintError(result.status(), result.status().code() == StatusCode::kInvalidArgument
                                    ? "see `citykb search --help`; the values of the filters are listed by "
                                      "`citykb search \"\"` under the results"
                                    : "");
    return 1;
  }
  if (args.json) {
    std::cout
        << SearchResultJson(*result, request.lang, request.explain).dump(2, ' ', false, json::error_handler_t::replace)
        << "\n";
    return 0;
  }
  std::cout << fmt::format("{} result{} for \"{}\" ({:.1f} ms)\n", result->total, result->total == 1 ? "" : "s",
                           args.query, result->took_ms);
  if (result->suggestion) std::cout << "did you mean: " << *result->suggestion << "\n";
  if (!result->expanded.empty()) {
    std::cout << "also searched:";
    for (const auto& e : result->expanded) std::cout << " \"" << e << "\"";
    std::cout << "\n";
  }
  auto plain = [](std::string s) {
    for (const char* tag : {"<mark>", "</mark>"})
      for (size_t p; (p = s.find(tag)) != std::string::npos;) s.replace(p, std::string(tag).size(), "*");
    for (auto [from, to] : std::initializer_list<std::pair<const char*, const char*>>{
             {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}})
      for (size_t p; (p = s.find(from)) != std::string::npos;) s.replace(p, std::string(from).size(), to);
    return s;
  };
  int n = (result->page - 1) * result->per_page;
  for (const auto& h : result->hits) {
    std::cout << "\n" << ++n << ". " << h.title << "  [" << h.kind << (h.city ? ", " + h.city->name : "") << "]\n";
    if (h.person) std::cout << "   " << h.person->name << ", " << h.person->title.In(request.lang) << "\n";
    std::cout << "   " << plain(h.snippet) << "\n";
    std::cout << "   id: " << h.id << (h.source ? "  source: " + h.source->title : "") << "\n";
  }
  for (const auto& [facet, values] : result->facets) {
    if (values.empty()) continue;
    std::cout << "\n" << facet << ":";
    for (const auto& v : values) std::cout << " " << v.label << " (" << v.count << ")";
  }
  std::cout << "\n";
  return 0;
}

int RunAdd(const std::string& data, const std::string& file) {
  auto text = ReadFile(file);
  if (!text.ok()) {
    PrintError(text.status(), "give the path of a city bundle, e.g. `citykb add corpus/cities/lyon.json" +
                                  DataFlag(data) + "` (corpus/README.md describes the format)");
    return 1;
  }
  auto kb = OpenKb(data, false, "catching up");
  if (!kb.ok()) {
    PrintError(kb.status(), OpenWayOut(kb.status(), data));
    return 1;
  }
  auto receipt = (*kb)->PutBundle(*text);
  if (!receipt.ok()) {
    std::cerr << file << ": ";
    PrintError(receipt.status(), receipt.status().code() == StatusCode::kValidationFailed
                                     ? "correct the places named above, then `citykb add " + file + DataFlag(data) +
                                           "` again (nothing was written)"
                                     : "");
    return 1;
  }
  std::cout << "added " << receipt->slug << ": " << receipt->documents << " documents, " << receipt->people
            << " people (change-log sequence " << receipt->seq << ")\n";
  return 0;
}

int RunExport(const std::string& data, const std::string& dir) {
  if (!HasStore(data)) return 1;
  auto kb = OpenKb(data, true, "opening");
  if (!kb.ok()) {
    PrintError(kb.status(), OpenWayOut(kb.status(), data));
    return 1;
  }
  auto files = ExportCorpus((*kb)->store(), dir);
  if (!files.ok()) {
    PrintError(files.status(),
               "give a folder you can write to, e.g. `citykb export /tmp/citykb-export" + DataFlag(data) + "`");
    return 1;
  }
  std::cout << "exported " << *files << " files to " << dir << "\n";
  return 0;
}

int RunReindex(const std::string& data) {
  if (!HasStore(data)) return 1;
  auto kb = OpenKb(data, false, "catching up");
  if (!kb.ok()) {
    PrintError(kb.status(), OpenWayOut(kb.status(), data));
    return 1;
  }
  ProgressBar bar("reindexing");
  auto seq = (*kb)->Reindex([&](int64_t d, int64_t t) { bar.Update(d, t); });
  if (!seq.ok()) {
    PrintError(seq.status(), "");
    return 1;
  }
  auto n = (*kb)->index().DocumentCount();
  std::cout << "reindexed " << (n.ok() ? *n : 0) << " documents (change-log sequence " << *seq << ")\n";
  if (n.ok() && *n == 0) std::cout << "the store holds no records: " << LoadRecordsHint(data) << "\n";
  return 0;
}

int RunCheck(const std::string& data) {
  if (!HasStore(data)) return 1;
  auto kb = OpenKb(data, true, "opening");
  if (!kb.ok()) {
    PrintError(kb.status(), OpenWayOut(kb.status(), data));
    return 1;
  }
  Store& store = (*kb)->store();
  Index& index = (*kb)->index();
  auto docs = store.ListDocuments();
  auto ids = index.DocumentIds();
  auto store_seq = store.LastSeq();
  auto index_seq = index.LastSeq();
  if (!docs.ok() || !ids.ok() || !store_seq.ok() || !index_seq.ok()) {
    std::cerr << "error: cannot read the store or the index\n"
              << "to fix it: rebuild the index with `citykb reindex" << DataFlag(data)
              << "`; if the store itself is damaged, restore it from a `citykb backup` file\n";
    return 1;
  }
  int problems = 0;
  if (*store_seq != *index_seq) {
    std::cout << "index is at change-log sequence " << *index_seq << ", store at " << *store_seq << "\n";
    ++problems;
  }
  std::set<std::string> in_index(ids->begin(), ids->end());
  for (const auto& d : *docs) {
    if (!in_index.erase(d.id)) {
      std::cout << "missing from the index: " << d.id << "\n";
      ++problems;
      continue;
    }
    auto indexed = index.GetDisplayRecord(d.id);
    if (!indexed.ok() || indexed->doc.updated_at != d.updated_at || indexed->doc.title != d.title ||
        indexed->doc.body != d.body) {
      std::cout << "out of date in the index: " << d.id << "\n";
      ++problems;
    }
  }
  for (const auto& id : in_index) {
    std::cout << "in the index but not in the store: " << id << "\n";
    ++problems;
  }
  if (problems == 0) {
    std::cout << "ok: store and index agree (" << docs->size() << " documents, sequence " << *store_seq << ")\n";
    return 0;
  }
  std::cout << problems << " problem(s); `citykb reindex" << DataFlag(data) << "` rebuilds the index from the store\n";
  return 1;
}

int RunBackup(const std::string& data, const std::string& file) {
  if (!HasStore(data)) return 1;
  auto store = Store::Open(StorePath(data));
  if (!store.ok()) {
    PrintError(store.status(), "");
    return 1;
  }
  if (Status s = (*store)->Backup(file); !s.ok()) {
    PrintError(
        s, "give a file in a folder you can write to, e.g. `citykb backup /tmp/citykb.sqlite" + DataFlag(data) + "`");
    return 1;
  }
  std::cout << "backed up " << data << "/citykb.sqlite to " << file << "\n";
  return 0;
}

int RunCoverage(const std::string& dir, bool markdown, bool strict) {
  auto corpus = LoadCorpus(dir);
  if (!corpus.ok()) {
    PrintError(corpus.status(), CorpusWayOut(corpus.status(), dir, "citykb coverage"));
    return 1;
  }
  const Coverage coverage = ComputeCoverage(*corpus);
  std::cout << (markdown ? CoverageMarkdown(coverage) : CoverageText(coverage));
  const bool below =
      !coverage.below.empty() || coverage.cities_meeting_minimums < static_cast<int>(coverage.cities.size());
  return strict && below ? 1 : 0;
}

}  // namespace citykb
