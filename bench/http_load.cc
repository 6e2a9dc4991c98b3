#include "http_load.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace citykb::bench {

namespace {

constexpr auto kStartTimeout = std::chrono::minutes(10);  // a large index may need catching up

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

Result<ServerProcess> ServerProcess::Start(const ServerSpec& spec) {
  std::vector<std::string> args = {spec.binary, "serve", "--data", spec.data,  "--port",
                                   "0",         "--web", spec.web, "--corpus", spec.corpus};
  if (spec.threads > 0) {
    args.push_back("--threads");
    args.push_back(std::to_string(spec.threads));
  }
  if (spec.search_cache >= 0) {
    args.push_back("--search-cache");
    args.push_back(std::to_string(spec.search_cache));
  }
  const int log = open(spec.log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (log < 0) return Status::Internal("cannot write " + spec.log);
  const pid_t pid = fork();
  if (pid < 0) {
    close(log);
    return Status::Internal("fork failed");
  }
  if (pid == 0) {
    dup2(log, STDOUT_FILENO);
    dup2(log, STDERR_FILENO);
    close(log);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(log);
  const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  const std::string marker = "listening on ";
  while (std::chrono::steady_clock::now() < deadline) {
    const std::string text = Slurp(spec.log);
    const size_t at = text.find(marker);
    if (at != std::string::npos) {
      const size_t colon = text.find(':', at + marker.size());
      const size_t eol = text.find('\n', at);
      if (colon != std::string::npos && eol != std::string::npos)
        return ServerProcess(pid, std::stoi(text.substr(colon + 1, eol - colon - 1)));
    }
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid)
      return Status::Internal("the server exited before listening; see " + spec.log);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  return Status::Unavailable("the server did not start listening; see " + spec.log);
}

ServerProcess::ServerProcess(ServerProcess&& other) noexcept : pid_(other.pid_), port_(other.port_) { other.pid_ = -1; }

ServerProcess::~ServerProcess() { Stop(); }

int ServerProcess::Stop() {
  if (pid_ <= 0) return 0;
  kill(pid_, SIGTERM);
  int status = 0;
  // Keep-alive connections may hold the server a few seconds; then insist.
  for (int i = 0; i < 200; ++i) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return 137;
}

int64_t ServerProcess::MemoryBytes(const std::string& field) const {
  std::ifstream in("/proc/" + std::to_string(pid_) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field + ":", 0) != 0) continue;
    std::istringstream fields(line.substr(field.size() + 1));
    int64_t kb = -1;
    fields >> kb;
    return kb < 0 ? -1 : kb * 1024;
  }
  return -1;
}

Result<WrkResult> RunWrk(const WrkSpec& spec) {
  const std::string command = "wrk --latency --timeout 10s -t" + std::to_string(spec.threads) + " -c" +
                              std::to_string(spec.connections) + " -d" + std::to_string(spec.seconds) + "s -s '" +
                              spec.script + "' '" + spec.url + "' -- '" + spec.paths + "' 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return Status::Internal("cannot run wrk");
  std::string output;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
  const int rc = pclose(pipe);
  const size_t at = output.find("WRKJSON ");
  if (at == std::string::npos) {
    if (rc != 0 && output.find("not found") != std::string::npos)
      return Status::Unavailable("wrk is not installed (apt-get install wrk)");
    return Status::Internal("wrk gave no result: " + output);
  }
  const size_t eol = output.find('\n', at);
  const auto j = nlohmann::json::parse(output.substr(at + 8, eol - at - 8), nullptr, false);
  if (!j.is_object()) return Status::Internal("wrk result not understood: " + output);
  WrkResult r;
  r.requests = j.value("requests", int64_t{0});
  r.seconds = j.value("duration_us", 0.0) / 1e6;
  r.rps = r.seconds > 0 ? static_cast<double>(r.requests) / r.seconds : 0;
  r.p50_ms = j.value("p50_us", 0.0) / 1000;
  r.p90_ms = j.value("p90_us", 0.0) / 1000;
  r.p99_ms = j.value("p99_us", 0.0) / 1000;
  r.max_ms = j.value("max_us", 0.0) / 1000;
  r.mean_ms = j.value("mean_us", 0.0) / 1000;
  r.socket_errors = j.value("connect", int64_t{0}) + j.value("read", int64_t{0}) + j.value("write", int64_t{0}) +
                    j.value("timeout", int64_t{0});
  r.status_errors = j.value("status", int64_t{0});
  return r;
}

}  // namespace citykb::bench
