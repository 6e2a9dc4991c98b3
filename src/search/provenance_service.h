// Provenance: the sources citykb cites (each with the records and indicator
// observations that cite it), the people (their roles over time and what
// they said or did) and the timeline of milestones. Reads the store and the
// catalog; knows nothing of HTTP or JSON. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/model.h"
#include "search/search_service.h"
#include "util/status.h"

namespace citykb {

class Store;

struct SourceSummary {
  Source source;
  int citations = 0;  // documents and indicator observations citing it
};

// A source and what cites it.
struct SourcePage {
  Source source;
  std::vector<Document> documents;                            // citing records, by city then id
  std::vector<std::pair<std::string, Indicator>> indicators;  // city slug, observation
};

// A person, their roles and the records that name them.
struct PersonPage {
  Person person;
  std::optional<CityRef> city;
  std::vector<Document> documents;  // roles first, then by date (newest first)
};

struct TimelineRequest {
  std::vector<std::string> cities;  // empty = all
  std::vector<std::string> themes;  // empty = all
  std::string from, to;             // partial ISO dates, inclusive; empty = open
};

struct TimelineEntry {
  Document milestone;
  std::optional<CityRef> city;
};

class ProvenanceService {
 public:
  ProvenanceService(const Store& store, const SearchService& search) : store_(store), search_(search) {}

  // Every source with its number of citations; `q` filters on title,
  // publisher or id (case- and accent-insensitive), empty = all.
  Result<std::vector<SourceSummary>> Sources(const std::string& q) const;
  Result<SourcePage> Source(const std::string& id) const;
  Result<PersonPage> Person(const std::string& id) const;
  // Milestones in date order (oldest first).
  Result<std::vector<TimelineEntry>> Timeline(const TimelineRequest& request) const;

 private:
  const Store& store_;
  const SearchService& search_;
};

}  // namespace citykb
