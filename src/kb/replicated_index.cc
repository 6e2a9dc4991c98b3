#include "kb/replicated_index.h"

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

#include <spdlog/spdlog.h>

namespace citykb {

void PublishChangesets(int count) { ::setenv("XAPIAN_MAX_CHANGESETS", std::to_string(count).c_str(), 1); }

Result<std::unique_ptr<KnowledgeBase>> OpenWithReplicatedIndex(const std::string& data, const std::string& index_dir,
                                                               size_t search_cache_entries, int wait_seconds) {
  KnowledgeBaseOptions options;
  options.data_dir = data;
  options.index_dir = index_dir;
  options.replicated_index = true;
  options.search_cache_entries = search_cache_entries;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(wait_seconds);
  bool told = false;
  for (;;) {
    auto kb = KnowledgeBase::Open(options);
    if (kb.ok() || kb.status().code() != StatusCode::kNotFound || std::chrono::steady_clock::now() >= deadline)
      return kb;
    if (!told) spdlog::info("waiting for xapian-replicate to copy the index into {}", index_dir);
    told = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

}  // namespace citykb
