#include "replica/follower.h"

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "replica/batch.h"

namespace citykb {

using nlohmann::json;

namespace {

// GET path?params (httplib encodes the parameters), parsed as JSON.
Result<json> GetJson(httplib::Client& client, const std::string& path, const httplib::Params& params) {
  auto res = client.Get(path, params, httplib::Headers{});
  if (!res) return Status::Unavailable("writer unreachable: " + httplib::to_string(res.error()));
  if (res->status != 200)
    return Status::Unavailable("writer answered " + std::to_string(res->status) + " to " + path.substr(0, 80));
  json j = json::parse(res->body, nullptr, false);
  if (j.is_discarded()) return Status::Unavailable("writer sent malformed JSON for " + path.substr(0, 80));
  return j;
}

}  // namespace

Follower::Follower(KnowledgeBase& kb, std::string writer_url, int poll_ms, bool up_to_index)
    : kb_(kb), writer_url_(std::move(writer_url)), poll_ms_(poll_ms), up_to_index_(up_to_index) {}

Follower::~Follower() { Stop(); }

void Follower::Start() {
  thread_ = std::thread([this] { Loop(); });
}

void Follower::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

FollowState Follower::State() const {
  std::lock_guard<std::mutex> lock(mu_);
  FollowState s;
  s.writer_url = writer_url_;
  s.writer_seq = writer_seq_;
  s.last_error = last_error_;
  if (contacted_)
    s.seconds_since_contact = std::chrono::duration<double>(std::chrono::steady_clock::now() - contact_).count();
  return s;
}

void Follower::Loop() {
  // One client for the life of the thread: its keep-alive connection is
  // reused from poll to poll.
  httplib::Client client(writer_url_);
  client.set_connection_timeout(2, 0);
  client.set_read_timeout(30, 0);
  client.set_keep_alive(true);
  while (true) {
    const bool applied = Step(client);
    std::unique_lock<std::mutex> lock(mu_);
    if (stop_) return;
    if (!applied) wake_.wait_for(lock, std::chrono::milliseconds(poll_ms_), [this] { return stop_; });
    if (stop_) return;
  }
}

bool Follower::Step(httplib::Client& client) {
  const Result<bool> applied = ApplyNext(client);
  std::lock_guard<std::mutex> lock(mu_);
  if (!applied.ok()) {
    const std::string& error = applied.status().message();
    if (error != last_error_) spdlog::warn("following {}: {}", writer_url_, error);
    last_error_ = error;
    return false;
  }
  last_error_.clear();
  return *applied;
}

Result<bool> Follower::ApplyNext(httplib::Client& client) {
  ASSIGN_OR_RETURN(const int64_t since, kb_.store().LastSeq());
  ASSIGN_OR_RETURN(const json log,
                   GetJson(client, "/api/changes", {{"since", std::to_string(since)}, {"limit", "500"}}));
  std::vector<Change> changes;
  try {
    for (const auto& c : log.at("changes"))
      changes.push_back({c.at("seq").get<int64_t>(), c.at("at").get<std::string>(), c.at("entity").get<std::string>(),
                         c.at("id").get<std::string>(), c.at("op").get<std::string>()});
    const int64_t writer_seq = log.at("last_seq").get<int64_t>();
    std::lock_guard<std::mutex> lock(mu_);
    writer_seq_ = writer_seq;
    contact_ = std::chrono::steady_clock::now();
    contacted_ = true;
  } catch (const json::exception& e) {
    return Status::Unavailable(std::string("malformed change log: ") + e.what());
  }
  if (up_to_index_) {
    // Never past the replicated index: the store follows it.
    ASSIGN_OR_RETURN(const int64_t ceiling, kb_.index().LastSeq());
    std::erase_if(changes, [&](const Change& c) { return c.seq > ceiling; });
  }
  if (changes.empty()) return false;
  ASSIGN_OR_RETURN(const auto owners, OwnersOfDeleted(kb_.store(), changes));
  httplib::Params params{{"since", std::to_string(since)}, {"through", std::to_string(changes.back().seq)}};
  std::string cities;
  for (const auto& c : owners) cities += (cities.empty() ? "" : ",") + c;
  if (!cities.empty()) params.emplace("cities", cities);
  ASSIGN_OR_RETURN(const json batch_json, GetJson(client, "/api/replication/batch", params));
  ASSIGN_OR_RETURN(const auto batch, ParseBatch(batch_json));
  RETURN_IF_ERROR(kb_.ApplyReplicated(batch).status());
  return true;
}

}  // namespace citykb
