#include "ingest_bench.h"

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "kb/knowledge_base.h"
#include "corpus/corpus_loader.h"
#include "doc_texts.h"
#include "fts5_baseline.h"
#include "xapian_baseline.h"

namespace citykb::bench {

namespace fs = std::filesystem;

namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void Remove(const std::string& path) {
  std::error_code ec;
  fs::remove_all(path, ec);
  for (const char* suffix : {"-wal", "-shm"}) fs::remove(path + suffix, ec);
}

// Reads the corpus as the baselines do: the loader, then the texts.
Result<std::vector<DocTexts>> ReadTexts(const std::string& corpus_dir) {
  auto corpus = LoadCorpus(corpus_dir);
  if (!corpus.ok()) return corpus.status();
  return CollectTexts(*corpus);
}

// One system's ingest, timed from the corpus directory to a committed index.
Result<double> IngestOnce(const std::string& system, const std::string& corpus_dir, const WorkPaths& paths,
                          int64_t& documents) {
  const auto start = std::chrono::steady_clock::now();
  if (system == "citykb" || system == kCitykbOneThread) {
    Remove(paths.citykb);
    KnowledgeBaseOptions options;
    options.data_dir = paths.citykb;
    options.index_build_threads = system == kCitykbOneThread ? 1 : 2;
    auto kb = KnowledgeBase::Open(options);
    if (!kb.ok()) return kb.status();
    // A line every half minute on long ingests (not timed differently: the
    // index reports progress either way).
    auto last = std::chrono::steady_clock::now();
    auto receipt = (*kb)->IngestCorpus(corpus_dir, [&](int64_t done, int64_t total) {
      if (std::chrono::steady_clock::now() - last < std::chrono::seconds(30)) return;
      last = std::chrono::steady_clock::now();
      std::fprintf(stderr, "    citykb: %lld of %lld index updates planned so far (%.0f s)\n",
                   static_cast<long long>(done), static_cast<long long>(total), SecondsSince(start));
    });
    if (!receipt.ok()) return receipt.status();
    auto count = (*kb)->index().DocumentCount();
    if (!count.ok()) return count.status();
    documents = *count;
  } else if (system == "xapian") {
    Remove(paths.xapian);
    auto texts = ReadTexts(corpus_dir);
    if (!texts.ok()) return texts.status();
    if (Status s = BuildXapianIndex(paths.xapian, *texts); !s.ok()) return s;
    documents = static_cast<int64_t>(texts->size());
  } else {
    Remove(paths.fts5);
    auto texts = ReadTexts(corpus_dir);
    if (!texts.ok()) return texts.status();
    if (Status s = BuildFts5Index(paths.fts5, *texts); !s.ok()) return s;
    documents = static_cast<int64_t>(texts->size());
  }
  return SecondsSince(start);
}

}  // namespace

int64_t DiskBytes(const std::string& path) {
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) return static_cast<int64_t>(fs::file_size(path, ec));
  int64_t total = 0;
  for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec))
    if (it->is_regular_file(ec)) total += static_cast<int64_t>(it->file_size(ec));
  return total;
}

Result<IngestReport> RunIngest(const std::string& corpus_dir, const WorkPaths& paths, int rounds,
                               const std::vector<std::string>& systems) {
  IngestReport report;
  for (const auto& s : systems) report.systems.push_back({s, {}, 0, 0, 0, 0, {}});
  std::vector<double> parse;
  for (int r = 0; r < rounds; ++r) {
    {
      const auto start = std::chrono::steady_clock::now();
      auto texts = ReadTexts(corpus_dir);
      if (!texts.ok()) return texts.status();
      parse.push_back(SecondsSince(start));
      report.documents = static_cast<int64_t>(texts->size());
    }
    for (size_t k = 0; k < systems.size(); ++k) {
      const size_t i = (k + static_cast<size_t>(r)) % systems.size();  // A B C, B C A, C A B
      IngestResult& result = report.systems[i];
      auto seconds = IngestOnce(systems[i], corpus_dir, paths, result.documents);
      if (!seconds.ok()) return seconds.status();
      result.seconds.push_back(*seconds);
      std::fprintf(stderr, "  ingest round %d %-9s %8.2f s\n", r + 1, systems[i].c_str(), *seconds);
    }
  }
  report.parse_seconds = Median(parse);
  for (IngestResult& result : report.systems) {
    result.median_seconds = Median(result.seconds);
    result.docs_per_second = static_cast<double>(report.documents) / result.median_seconds;
  }
  for (IngestResult& result : report.systems) {
    if (result.system == "citykb" || result.system == kCitykbOneThread) {
      result.parts = {
          {"xapian", DiskBytes(paths.citykb + "/xapian")},
          {"sqlite", DiskBytes(paths.citykb + "/citykb.sqlite") + DiskBytes(paths.citykb + "/citykb.sqlite-wal")}};
      result.bytes = DiskBytes(paths.citykb);
    } else if (result.system == "xapian") {
      result.bytes = DiskBytes(paths.xapian);
    } else {
      result.bytes = DiskBytes(paths.fts5) + DiskBytes(paths.fts5 + "-wal");
    }
  }
  return report;
}

}  // namespace citykb::bench
