// Deterministic random numbers for the benchmark: a xoshiro256** generator
// seeded with SplitMix64, and an alias-method sampler for weighted choices
// (Zipf among them). Written out so that a seed gives the same corpus with
// any standard library. Not thread-safe: one generator per thread.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

namespace citykb::bench {

class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (auto& s : s_) {
      seed += 0x9e3779b97f4a7c15ULL;
      uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      s = z ^ (z >> 31);
    }
  }

  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, n); n > 0.
  uint64_t Below(uint64_t n) {
    __extension__ typedef unsigned __int128 Wide;  // Lemire's multiply-shift
    return static_cast<uint64_t>((static_cast<Wide>(Next()) * n) >> 64);
  }
  // Uniform in [lo, hi].
  int Between(int lo, int hi) { return lo + static_cast<int>(Below(static_cast<uint64_t>(hi - lo + 1))); }
  // Uniform in [0, 1).
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Unit() < p; }

  // A new generator whose sequence does not overlap this one's in practice.
  Rng Fork(uint64_t salt) { return Rng(Next() ^ (salt * 0xd1b54a32d192ed03ULL)); }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

// Draws index i with probability weights[i] / sum(weights) in O(1)
// (Vose's alias method). Immutable after construction.
class WeightedSampler {
 public:
  WeightedSampler() = default;
  explicit WeightedSampler(const std::vector<double>& weights) {
    const size_t n = weights.size();
    prob_.assign(n, 0);
    alias_.assign(n, 0);
    double sum = 0;
    for (double w : weights) sum += w;
    std::vector<double> scaled(n);
    std::vector<uint32_t> small, large;
    for (size_t i = 0; i < n; ++i) {
      scaled[i] = weights[i] * static_cast<double>(n) / sum;
      (scaled[i] < 1 ? small : large).push_back(static_cast<uint32_t>(i));
    }
    while (!small.empty() && !large.empty()) {
      const uint32_t s = small.back(), l = large.back();
      small.pop_back();
      prob_[s] = scaled[s];
      alias_[s] = l;
      scaled[l] -= 1 - scaled[s];
      if (scaled[l] < 1) {
        large.pop_back();
        small.push_back(l);
      }
    }
    for (uint32_t i : large) prob_[i] = 1;
    for (uint32_t i : small) prob_[i] = 1;
  }

  size_t size() const { return prob_.size(); }
  size_t Sample(Rng& rng) const {
    const size_t i = rng.Below(prob_.size());
    return rng.Unit() < prob_[i] ? i : alias_[i];
  }

 private:
  std::vector<double> prob_;
  std::vector<uint32_t> alias_;
};

// Zipf's law over ranks 0..n-1: P(rank k) proportional to 1 / (k + 1)^s.
inline WeightedSampler ZipfSampler(size_t n, double s) {
  std::vector<double> w(n);
  for (size_t k = 0; k < n; ++k) w[k] = 1.0 / std::pow(static_cast<double>(k + 1), s);
  return WeightedSampler(w);
}

}  // namespace citykb::bench
