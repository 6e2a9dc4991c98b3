// A bounded least-recently-used cache of answers (search results,
// suggestions), keyed by the index revision they were computed on and the
// request. A write makes a new revision, so a cached answer is never served
// after its data changed; entries of old revisions age out. Thread-safe.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

namespace citykb {

template <typename Value>
class ResultCache {
 public:
  explicit ResultCache(size_t capacity) : capacity_(capacity) {}

  bool enabled() const { return capacity_ > 0; }

  // The answer cached under `key`, or null.
  std::shared_ptr<const Value> Get(const std::string& key) {
    if (!enabled()) return nullptr;
    std::lock_guard<std::mutex> lock(mu_);
    auto it = entries_.find(key);
    if (it == entries_.end()) return nullptr;
    order_.splice(order_.begin(), order_, it->second);
    return it->second->second;
  }

  void Put(const std::string& key, std::shared_ptr<const Value> value) {
    if (!enabled()) return;
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = entries_.find(key); it != entries_.end()) {
      it->second->second = std::move(value);
      order_.splice(order_.begin(), order_, it->second);
      return;
    }
    order_.emplace_front(key, std::move(value));
    entries_.emplace(key, order_.begin());
    while (order_.size() > capacity_) {
      entries_.erase(order_.back().first);
      order_.pop_back();
    }
  }

 private:
  using Entry = std::pair<std::string, std::shared_ptr<const Value>>;
  const size_t capacity_;
  std::mutex mu_;
  std::list<Entry> order_;  // most recently used first
  std::unordered_map<std::string, typename std::list<Entry>::iterator> entries_;
};

}  // namespace citykb
