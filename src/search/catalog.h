// The catalog: what the API needs to label facets and hits (taxonomy,
// city names, source titles), loaded from the store. Immutable once built;
// services share it through shared_ptr and swap in a new one after writes.
#pragma once

#include <algorithm>
#include <map>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "model/model.h"
#include "util/status.h"

namespace citykb {

class Store;

struct Catalog {
  Taxonomy taxonomy;
  std::map<std::string, City> cities;                     // slug -> city
  std::map<std::string, Source> sources;                  // id -> source
  std::map<std::string, IndicatorDefinition> indicators;  // name -> definition

  // The label of a facet value in `lang` (the value itself when unknown).
  std::string Label(const std::string& facet, const std::string& value, Lang lang) const;
  // Position of a value in the taxonomy order (cities: by name), or a large number.
  size_t Order(const std::string& facet, const std::string& value) const;
  // The values a facet can take, in taxonomy order.
  std::vector<std::string> Values(const std::string& facet) const;

  static Result<std::shared_ptr<const Catalog>> Load(const Store& store);
};

// The current catalog, reloaded from the store after every write. Owned by
// the knowledge base; the services read it. Thread-safe.
class CatalogHolder {
 public:
  struct Current {
    std::shared_ptr<const Catalog> catalog;  // never null (empty before the first Reload)
    uint64_t generation = 0;                 // bumped by every Reload: part of cache keys
  };
  Current Get() const;
  std::shared_ptr<const Catalog> catalog() const { return Get().catalog; }
  // Loads the catalog from `store` and makes it current; on error the
  // previous one stays.
  Status Reload(const Store& store);

 private:
  mutable std::mutex mu_;
  std::shared_ptr<const Catalog> catalog_ = std::make_shared<const Catalog>();
  uint64_t generation_ = 0;
};

}  // namespace citykb
