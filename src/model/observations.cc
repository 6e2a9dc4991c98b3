#include "model/observations.h"

namespace citykb {

bool HasConflict(const std::vector<Indicator>& observations) {
  for (size_t i = 0; i < observations.size(); ++i)
    for (size_t j = i + 1; j < observations.size(); ++j) {
      const Indicator& a = observations[i];
      const Indicator& b = observations[j];
      if (a.value != b.value && a.source != b.source && a.as_of.substr(0, 4) == b.as_of.substr(0, 4)) return true;
    }
  return false;
}

}  // namespace citykb
