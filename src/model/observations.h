// Reading several observations of one indicator: a series when their dates
// differ, a conflict when sources disagree on the same year.
#pragma once

#include <vector>

#include "model/model.h"

namespace citykb {

// True when two of `observations` (one city, one indicator name) give
// different values for the same year (or both undated) from different sources.
bool HasConflict(const std::vector<Indicator>& observations);

}  // namespace citykb
