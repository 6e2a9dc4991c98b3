// A bounded least-recently-used cache of search results, keyed by the
// index revision they were computed on and the request. A write makes a
// new revision, so a cached result is never served after its data changed;
// entries of old revisions age out. Thread-safe.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace citykb {

struct SearchResult;

class ResultCache {
 public:
  explicit ResultCache(size_t capacity) : capacity_(capacity) {}

  // The result cached under `key`, or null.
  std::shared_ptr<const SearchResult> Get(const std::string& key);
  void Put(const std::string& key, std::shared_ptr<const SearchResult> result);
  bool enabled() const { return capacity_ > 0; }

 private:
  using Entry = std::pair<std::string, std::shared_ptr<const SearchResult>>;
  const size_t capacity_;
  std::mutex mu_;
  std::list<Entry> order_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> entries_;
};

}  // namespace citykb
