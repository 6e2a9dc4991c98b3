// The benchmark's sizes (S, M, L, XL) and how long each phase runs at
// each size. Plain constants.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace citykb::bench {

struct Profile {
  const char* name;
  int64_t documents;
  int queries;        // distinct queries in the search mix
  int ingest_rounds;  // ingest is repeated this many times (median reported)
  int http_seconds;   // per wrk run
};

inline constexpr Profile kProfiles[] = {
    {"S", 2000, 300, 3, 5},
    {"M", 20000, 600, 3, 10},
    {"L", 100000, 600, 3, 10},
    {"XL", 1000000, 400, 1, 10},
};

inline std::optional<Profile> FindProfile(const std::string& name) {
  for (const Profile& p : kProfiles)
    if (name == p.name) return p;
  return std::nullopt;
}

}  // namespace citykb::bench
