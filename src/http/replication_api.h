// The API of replication: the writer's replication batches
// (GET /api/replication/batch), the write refusal of a read replica, and the
// role and lag fields of /api/health. Private to src/http/.
#pragma once

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "http/api_context.h"

namespace citykb {

// GET /api/replication/batch?since=N&through=M[&cities=a,b]
void ReplicationBatch(ApiContext& ctx, const httplib::Request& req, httplib::Response& res);

// On a read replica, answers a write with 403 read_only_replica naming the
// writer and returns true; on the writer returns false.
bool RefuseWriteOnReplica(const ApiContext& ctx, httplib::Response& res);

// Adds role, writer_seq, applied_seq and lag to a health body. With
// ?max_lag=N, returns 503 when the replica is more than N sequences behind
// or has not heard from its writer for 10 seconds; else the status given.
int AddReplicationHealth(const ApiContext& ctx, const httplib::Request& req, int64_t applied_seq, nlohmann::json& body,
                         int status);

}  // namespace citykb
