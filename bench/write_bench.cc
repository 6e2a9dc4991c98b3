#include "write_bench.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <vector>

#include "corpus/corpus_loader.h"
#include "stats.h"
#include "util/clock.h"

namespace citykb::bench {
namespace {

Result<std::string> FirstBundle(const std::string& corpus_dir) {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(corpus_dir + "/cities"))
    if (e.path().extension() == ".json") files.push_back(e.path().string());
  if (files.empty()) return Status::NotFound("no city bundle in " + corpus_dir + "/cities");
  std::sort(files.begin(), files.end());
  return ReadFile(files.front());
}

}  // namespace

Result<WriteReport> RunWriteThenSearch(KnowledgeBase& kb, const std::string& data_dir, const std::string& corpus_dir,
                                       int rounds) {
  auto text = FirstBundle(corpus_dir);
  if (!text.ok()) return text.status();
  nlohmann::json bundle = nlohmann::json::parse(*text, nullptr, false);
  if (!bundle.is_object() || !bundle["documents"].is_array() || bundle["documents"].empty())
    return Status::InvalidArgument("the first bundle of " + corpus_dir + " has no documents");
  const std::string title = bundle["documents"][0]["title"]["en"].get<std::string>();
  const SnapshotLoads before = kb.index().FacetColumnLoads();
  std::vector<double> writes, firsts, freshes, wholes;
  for (int r = 0; r < rounds; ++r) {
    bundle["documents"][0]["title"]["en"] = title + " (revision " + std::to_string(r + 1) + ")";
    auto start = std::chrono::steady_clock::now();
    auto receipt = kb.PutBundle(bundle.dump());
    if (!receipt.ok()) return receipt.status();
    writes.push_back(MillisSince(start));

    SearchRequest browse;  // everything, all facets: what the home page asks
    start = std::chrono::steady_clock::now();
    if (auto s = kb.search().Search(browse); !s.ok()) return s.status();
    firsts.push_back(MillisSince(start));

    SearchRequest other;  // a page never asked before on this revision
    other.page = 2 + r;
    start = std::chrono::steady_clock::now();
    if (auto s = kb.search().Search(other); !s.ok()) return s.status();
    freshes.push_back(MillisSince(start));

    auto fresh_index = Index::Open(data_dir + "/xapian", false);
    if (!fresh_index.ok()) return fresh_index.status();
    IndexQuery everything;  // what the browse search asks of the index
    start = std::chrono::steady_clock::now();
    if (auto s = (*fresh_index)->Search(everything); !s.ok()) return s.status();
    wholes.push_back(MillisSince(start));
  }
  const SnapshotLoads after = kb.index().FacetColumnLoads();
  WriteReport out;
  out.rounds = rounds;
  out.write_ms_p50 = Median(writes);
  out.first_search_ms_p50 = Median(firsts);
  out.fresh_search_ms_p50 = Median(freshes);
  out.whole_load_ms_p50 = Median(wholes);
  out.columns_whole = after.whole - before.whole;
  out.columns_derived = after.derived - before.derived;
  return out;
}

nlohmann::json ToJson(const WriteReport& r) {
  return {{"rounds", r.rounds},
          {"write_ms_p50", r.write_ms_p50},
          {"first_search_after_write_ms_p50", r.first_search_ms_p50},
          {"fresh_search_same_revision_ms_p50", r.fresh_search_ms_p50},
          {"first_search_columns_loaded_whole_ms_p50", r.whole_load_ms_p50},
          {"facet_columns_loaded_whole", r.columns_whole},
          {"facet_columns_derived", r.columns_derived}};
}

}  // namespace citykb::bench
