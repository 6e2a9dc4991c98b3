// Replication batches: the JSON a writer sends a read replica for a range of
// its change log (the entries and the current content they touch: whole
// city bundles, taxonomy, indicator definitions, sources, synonyms), and
// its reading back on the replica. Whole bundles make applying idempotent:
// a batch applied twice, or content newer than its range, converges.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/store.h"
#include "util/status.h"

namespace citykb {

// The most change-log entries one batch may span.
inline constexpr int64_t kMaxBatchSpan = 5000;

// Writer side: the batch of the entries in (since, through], with the
// bundles of the cities they name or own, plus `cities` (slugs the replica
// knows to be touched, e.g. owners of deleted records; kNoCity = the
// cross-city bundle).
Result<nlohmann::json> ExportBatch(const Store& store, int64_t since, int64_t through,
                                   const std::set<std::string>& cities);

// Replica side: reads a batch; kInvalidArgument when it is malformed.
Result<ReplicatedBatch> ParseBatch(const nlohmann::json& j);

// Replica side: the cities owning the records that `changes` delete, as the
// replica's store knows them (the writer no longer does).
Result<std::set<std::string>> OwnersOfDeleted(const Store& store, const std::vector<Change>& changes);

}  // namespace citykb
