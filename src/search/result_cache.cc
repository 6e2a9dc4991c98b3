#include "search/result_cache.h"

namespace citykb {

std::shared_ptr<const SearchResult> ResultCache::Get(const std::string& key) {
  if (!enabled()) return nullptr;
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return nullptr;
  order_.splice(order_.begin(), order_, it->second);
  return it->second->second;
}

void ResultCache::Put(const std::string& key, std::shared_ptr<const SearchResult> result) {
  if (!enabled()) return;
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = entries_.find(key); it != entries_.end()) {
    it->second->second = std::move(result);
    order_.splice(order_.begin(), order_, it->second);
    return;
  }
  order_.emplace_front(key, std::move(result));
  entries_.emplace(key, order_.begin());
  while (order_.size() > capacity_) {
    entries_.erase(order_.back().first);
    order_.pop_back();
  }
}

}  // namespace citykb
