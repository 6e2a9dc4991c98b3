// The catalog: what the API needs to label facets and hits (taxonomy,
// city names, source titles), loaded from the store. Immutable once built;
// services share it through shared_ptr and swap in a new one after writes.
#pragma once

#include <algorithm>
#include <map>
#include <memory>
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

}  // namespace citykb
