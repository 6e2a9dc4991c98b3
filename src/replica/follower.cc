#include "replica/follower.h"

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "replica/batch.h"

namespace citykb {

using nlohmann::json;

namespace {

// Percent-encodes a query parameter value.
std::string Encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == ',') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

Result<json> GetJson(httplib::Client& client, const std::string& path) {
  auto res = client.Get(path);
  if (!res) return Status::Unavailable("writer unreachable: " + httplib::to_string(res.error()));
  if (res->status != 200)
    return Status::Unavailable("writer answered " + std::to_string(res->status) + " to " + path.substr(0, 80));
  json j = json::parse(res->body, nullptr, false);
  if (j.is_discarded()) return Status::Unavailable("writer sent malformed JSON for " + path.substr(0, 80));
  return j;
}

}  // namespace

Follower::Follower(KnowledgeBase& kb, std::string writer_url, int poll_ms)
    : kb_(kb), writer_url_(std::move(writer_url)), poll_ms_(poll_ms) {}

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

void Follower::Fail(const std::string& error) {
  std::lock_guard<std::mutex> lock(mu_);
  if (error != last_error_) spdlog::warn("following {}: {}", writer_url_, error);
  last_error_ = error;
}

void Follower::Loop() {
  while (true) {
    const bool applied = Step();
    std::unique_lock<std::mutex> lock(mu_);
    if (stop_) return;
    if (!applied) wake_.wait_for(lock, std::chrono::milliseconds(poll_ms_), [this] { return stop_; });
    if (stop_) return;
  }
}

bool Follower::Step() {
  httplib::Client client(writer_url_);
  client.set_connection_timeout(2, 0);
  client.set_read_timeout(30, 0);
  auto since = kb_.store().LastSeq();
  if (!since.ok()) {
    Fail(since.status().message());
    return false;
  }
  auto log = GetJson(client, "/api/changes?since=" + std::to_string(*since) + "&limit=500");
  if (!log.ok()) {
    Fail(log.status().message());
    return false;
  }
  std::vector<Change> changes;
  try {
    for (const auto& c : (*log)["changes"])
      changes.push_back({c.at("seq").get<int64_t>(), c.at("at").get<std::string>(), c.at("entity").get<std::string>(),
                         c.at("id").get<std::string>(), c.at("op").get<std::string>()});
    std::lock_guard<std::mutex> lock(mu_);
    writer_seq_ = log->at("last_seq").get<int64_t>();
    contact_ = std::chrono::steady_clock::now();
    contacted_ = true;
  } catch (const json::exception& e) {
    Fail(std::string("malformed change log: ") + e.what());
    return false;
  }
  if (changes.empty()) {
    std::lock_guard<std::mutex> lock(mu_);
    last_error_.clear();
    return false;
  }
  auto owners = OwnersOfDeleted(kb_.store(), changes);
  if (!owners.ok()) {
    Fail(owners.status().message());
    return false;
  }
  std::string cities;
  for (const auto& c : *owners) cities += (cities.empty() ? "" : ",") + c;
  auto batch_json = GetJson(client, "/api/replication/batch?since=" + std::to_string(*since) +
                                        "&through=" + std::to_string(changes.back().seq) +
                                        (cities.empty() ? "" : "&cities=" + Encode(cities)));
  if (!batch_json.ok()) {
    Fail(batch_json.status().message());
    return false;
  }
  auto batch = ParseBatch(*batch_json);
  if (!batch.ok()) {
    Fail(batch.status().message());
    return false;
  }
  auto receipt = kb_.ApplyReplicated(*batch);
  if (!receipt.ok()) {
    Fail(receipt.status().message());
    return false;
  }
  std::lock_guard<std::mutex> lock(mu_);
  last_error_.clear();
  return true;
}

}  // namespace citykb
