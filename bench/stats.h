// Small statistics for the benchmark: percentiles of a sample (nearest
// rank) and the median of per-round figures. Pure functions.
#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

namespace citykb::bench {

// The p-th percentile (0..100) by nearest rank; 0 for an empty sample.
inline double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const double rank = std::ceil(p / 100.0 * static_cast<double>(values.size()));
  const size_t i = static_cast<size_t>(std::clamp(rank, 1.0, static_cast<double>(values.size()))) - 1;
  return values[i];
}

inline double Median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

// Latency figures of one round, in milliseconds.
struct LatencySummary {
  double p50 = 0, p99 = 0, max = 0, mean = 0;
  size_t count = 0;
};

inline LatencySummary Summarize(const std::vector<double>& ms) {
  LatencySummary s;
  s.count = ms.size();
  if (ms.empty()) return s;
  s.p50 = Percentile(ms, 50);
  s.p99 = Percentile(ms, 99);
  s.max = *std::max_element(ms.begin(), ms.end());
  double sum = 0;
  for (double v : ms) sum += v;
  s.mean = sum / static_cast<double>(ms.size());
  return s;
}

// The median, field by field, of several rounds' summaries.
inline LatencySummary MedianOf(const std::vector<LatencySummary>& rounds) {
  LatencySummary m;
  std::vector<double> p50, p99, max, mean;
  for (const auto& r : rounds) {
    p50.push_back(r.p50);
    p99.push_back(r.p99);
    max.push_back(r.max);
    mean.push_back(r.mean);
    m.count = r.count;
  }
  m.p50 = Median(p50);
  m.p99 = Median(p99);
  m.max = Median(max);
  m.mean = Median(mean);
  return m;
}

}  // namespace citykb::bench
