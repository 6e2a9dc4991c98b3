// Coverage of a corpus: per city, the records by kind, indicator
// observations, milestones, sources and publishers cited, and what falls
// below the minimums a comparable city needs; totals for the whole corpus.
// `citykb coverage` prints it; corpus/COVERAGE.md is its Markdown form.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "model/model.h"

namespace citykb {

// What a city needs before it can be compared with its peers.
struct CoverageMinimums {
  int profiles = 1;
  int roles = 1;
  int practices = 3;
  int milestones = 1;
  int indicators = 4;
  // The whole corpus.
  int cities = 15;
  int records = 200;
  int sources = 80;
  int publishers = 20;
};

struct CityCoverage {
  std::string slug;
  std::string name;
  std::string country;
  std::map<std::string, int> documents_by_kind;
  int indicators = 0;              // observations
  int indicator_names = 0;         // distinct names
  int conflicts = 0;               // indicator names on which sources disagree
  int sources = 0;                 // distinct sources cited
  int publishers = 0;              // distinct publishers of those sources
  int undated_records = 0;         // records without as_of (milestones: without date)
  std::vector<std::string> below;  // what is missing, e.g. "practices 2/3"
};

struct Coverage {
  std::vector<CityCoverage> cities;  // by name
  int records = 0;                   // documents, cross-city ones included
  int cities_meeting_minimums = 0;
  int sources_cited = 0;
  int publishers_cited = 0;
  int sources_without_url = 0;
  int conflicts = 0;               // (city, indicator) pairs where sources disagree
  std::vector<std::string> below;  // corpus-wide shortfalls
};

Coverage ComputeCoverage(const Corpus& corpus, const CoverageMinimums& minimums = {});
// A plain-text table for a terminal.
std::string CoverageText(const Coverage& coverage);
// The Markdown of corpus/COVERAGE.md.
std::string CoverageMarkdown(const Coverage& coverage, const CoverageMinimums& minimums = {});

}  // namespace citykb
