// Elapsed time in milliseconds, as the API reports it (took_ms).
#pragma once

#include <chrono>

namespace citykb {

inline double MillisSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace citykb
