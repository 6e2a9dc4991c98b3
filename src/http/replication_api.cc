#include "http/replication_api.h"

#include <set>

#include "http/error_mapping.h"
#include "http/request_params.h"
#include "replica/batch.h"

namespace citykb {

using nlohmann::json;

namespace {
constexpr char kJson[] = "application/json; charset=utf-8";

void Send(httplib::Response& res, const json& body, int status = 200) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), kJson);
}

constexpr double kWriterSilenceSeconds = 10;
}  // namespace

void ReplicationBatch(ApiContext& ctx, const httplib::Request& req, httplib::Response& res) {
  auto since = IntParam(req.params, "since", 0, 0, 2147483647);
  if (!since.ok()) return Send(res, ErrorBody(since.status()), 400);
  auto through = IntParam(req.params, "through", 0, 0, 2147483647);
  if (!through.ok()) return Send(res, ErrorBody(through.status()), 400);
  if (*through < *since || *through - *since > kMaxBatchSpan)
    return Send(
        res,
        ErrorBody(Status::InvalidArgument(
            "through must be at least since and at most " + std::to_string(kMaxBatchSpan) + " more", "through")),
        400);
  const auto list = ListParam(req.params, "cities");
  if (list.size() > 5000) return Send(res, ErrorBody(Status::InvalidArgument("at most 5000 cities", "cities")), 400);
  auto batch = ctx.kb.ExportBatch(*since, *through, std::set<std::string>(list.begin(), list.end()));
  if (!batch.ok()) return Send(res, ErrorBody(batch.status()), HttpStatusFor(batch.status()));
  Send(res, *batch);
}

bool RefuseWriteOnReplica(const ApiContext& ctx, httplib::Response& res) {
  if (ctx.options.writer_url.empty()) return false;
  json body = ErrorBody("read_only_replica",
                        "this server is a read-only replica: send writes to the writer at " + ctx.options.writer_url);
  body["error"]["writer"] = ctx.options.writer_url;
  Send(res, body, 403);
  return true;
}

int AddReplicationHealth(const ApiContext& ctx, const httplib::Request& req, int64_t applied_seq, json& body,
                         int status) {
  auto max_lag = IntParam(req.params, "max_lag", -1, 0, 2147483647);
  if (!max_lag.ok()) {
    body = ErrorBody(max_lag.status());
    return 400;
  }
  const bool replica = !ctx.options.writer_url.empty();
  body["role"] = replica ? "replica" : "writer";
  body["applied_seq"] = applied_seq;
  if (!replica) {
    body["writer_seq"] = applied_seq;
    body["lag"] = 0;
    return status;
  }
  const FollowState state = ctx.options.follow_state ? ctx.options.follow_state() : FollowState{};
  body["writer"] = state.writer_url;
  body["writer_seq"] = state.writer_seq < 0 ? json(nullptr) : json(state.writer_seq);
  const int64_t lag = state.writer_seq < 0 ? -1 : std::max<int64_t>(0, state.writer_seq - applied_seq);
  body["lag"] = lag < 0 ? json(nullptr) : json(lag);
  body["seconds_since_writer_contact"] =
      state.seconds_since_contact < 0 ? json(nullptr) : json(state.seconds_since_contact);
  if (!state.last_error.empty()) body["replication_error"] = state.last_error;
  if (*max_lag >= 0) {
    const bool silent = state.seconds_since_contact < 0 || state.seconds_since_contact > kWriterSilenceSeconds;
    if (lag < 0 || lag > *max_lag || silent) {
      body["status"] = "behind";
      return 503;
    }
  }
  return status;
}

}  // namespace citykb
