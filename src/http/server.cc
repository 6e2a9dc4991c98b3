#include "http/server.h"

#include <httplib.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <chrono>
#include <filesystem>

#include "corpus/corpus_loader.h"
#include "http/api_context.h"
#include "http/api_json.h"
#include "http/error_mapping.h"
#include "http/routes.h"
#include "http/worker_pool.h"

namespace citykb {

namespace {

constexpr char kJson[] = "application/json; charset=utf-8";

thread_local std::chrono::steady_clock::time_point request_start;

void SendJsonError(httplib::Response& res, int status, const char* code, const std::string& message) {
  res.status = status;
  res.set_content(Dump(ErrorBody(code, message)), kJson);
}

const char* CodeForStatus(int status) {
  switch (status) {
    case 400: return "bad_request";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 411: return "length_required";
    case 413: return "payload_too_large";
    case 414: return "uri_too_long";
    case 416: return "range_not_satisfiable";
    case 431: return "headers_too_large";
    default: return status >= 500 ? "internal" : "bad_request";
  }
}

}  // namespace

bool FailureLimiter::Blocked(const std::string& client) {
  std::lock_guard<std::mutex> lock(mu_);
  auto& times = failures_[client];
  const auto cutoff = std::chrono::steady_clock::now() - std::chrono::minutes(1);
  times.erase(std::remove_if(times.begin(), times.end(), [&](auto t) { return t < cutoff; }), times.end());
  return static_cast<int>(times.size()) >= per_minute_;
}

void FailureLimiter::RecordFailure(const std::string& client) {
  std::lock_guard<std::mutex> lock(mu_);
  if (failures_.size() > 100000) failures_.clear();  // bounded memory under a flood of addresses
  failures_[client].push_back(std::chrono::steady_clock::now());
}

class HttpServer::Impl {
 public:
  Impl(KnowledgeBase& kb, ServerOptions options)
      : options_(std::move(options)), context_{kb, options_, FailureLimiter(options_.write_failures_per_minute)} {}

  void Configure() {
    const auto threads = static_cast<size_t>(std::max(2, options_.threads));
    const auto max_threads = std::max(threads, static_cast<size_t>(std::max(0, options_.max_threads)));
    server_.new_task_queue = [threads, max_threads] { return new WorkerPool(threads, max_threads); };
    server_.set_tcp_nodelay(true);
    server_.set_keep_alive_max_count(static_cast<size_t>(options_.keep_alive_max));
    server_.set_keep_alive_timeout(options_.keep_alive_seconds);
    server_.set_read_timeout(5, 0);
    server_.set_write_timeout(5, 0);
    server_.set_payload_max_length(options_.max_body_bytes);
    server_.set_default_headers({
        {"Content-Security-Policy",
         "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
         "form-action 'self'"},
        {"X-Content-Type-Options", "nosniff"},
        {"Referrer-Policy", "no-referrer"},
        {"X-Frame-Options", "DENY"},
        {"Cross-Origin-Opener-Policy", "same-origin"},
    });

    server_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      request_start = std::chrono::steady_clock::now();
      // A NUL in the decoded path would cut the file name short ("/index.html%00.js").
      if (req.path.find('\0') != std::string::npos) {
        SendJsonError(res, 400, "bad_request", "the path holds a NUL byte");
        return httplib::Server::HandlerResponse::Handled;
      }
      // httplib applies the request's byte ranges to whatever is answered,
      // errors and JSON included (keeping 200): ranges are kept for static
      // files only. The request object is the server's own, so clearing its
      // parsed ranges here is safe.
      auto& ranges = const_cast<httplib::Request&>(req).ranges;
      // Several ranges in one request can amplify a response: refuse them.
      const std::string range = req.get_header_value("Range");
      if (range.find(',') != std::string::npos) {
        ranges.clear();
        SendJsonError(res, 416, "range_not_satisfiable", "only a single byte range is served");
        return httplib::Server::HandlerResponse::Handled;
      }
      if (req.path.rfind("/api/", 0) == 0) ranges.clear();
      // Chunked bodies would bypass the body size limit: ask for a length.
      if (req.has_header("Transfer-Encoding")) {
        SendJsonError(res, 411, "length_required", "send the body with a Content-Length, not chunked");
        res.set_header("Connection", "close");
        return httplib::Server::HandlerResponse::Handled;
      }
      (void)this;
      return httplib::Server::HandlerResponse::Unhandled;
    });

    server_.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
      try {
        if (ep) std::rethrow_exception(ep);
      } catch (const std::exception& e) {
        spdlog::error("unhandled exception on {} {}: {}", req.method, req.path, e.what());
      } catch (...) {
        spdlog::error("unhandled exception on {} {}", req.method, req.path);
      }
      SendJsonError(res, 500, "internal", "the server could not complete the request; it has been logged");
    });

    server_.set_error_handler(httplib::Server::HandlerWithResponse([this](const httplib::Request& req,
                                                                          httplib::Response& res) {
      const_cast<httplib::Request&>(req).ranges.clear();  // an error is always sent whole
      if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
      // Pages of the web UI that are not files get the page itself.
      if (res.status == 404 && req.method == "GET" && req.path.rfind("/api/", 0) != 0 &&
          req.path.find('.') == std::string::npos && !index_html_.empty()) {
        res.status = 200;
        res.set_content(index_html_, "text/html; charset=utf-8");
        return httplib::Server::HandlerResponse::Handled;
      }
      std::string message = "no such resource: " + req.path;
      if (res.status == 413) message = "the request body is larger than " + std::to_string(options_.max_body_bytes) + " bytes";
      else if (res.status != 404) message = "the request could not be served (HTTP " + std::to_string(res.status) + ")";
      SendJsonError(res, res.status, CodeForStatus(res.status), message);
      return httplib::Server::HandlerResponse::Handled;
    }));

    server_.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      const double ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - request_start).count();
      spdlog::info("{} {} {} {:.1f}ms", req.method, req.path, res.status, ms);
    });

    if (!options_.web_dir.empty() && std::filesystem::is_directory(options_.web_dir)) {
      server_.set_mount_point("/", options_.web_dir);
      server_.set_file_extension_and_mimetype_mapping("js", "text/javascript; charset=utf-8");
      server_.set_file_extension_and_mimetype_mapping("mjs", "text/javascript; charset=utf-8");
      server_.set_file_extension_and_mimetype_mapping("css", "text/css; charset=utf-8");
      server_.set_file_extension_and_mimetype_mapping("html", "text/html; charset=utf-8");
      server_.set_file_extension_and_mimetype_mapping("svg", "image/svg+xml");
      auto page = ReadFile(options_.web_dir + "/index.html");
      if (page.ok()) index_html_ = *page;
    } else if (!options_.web_dir.empty()) {
      spdlog::warn("web folder '{}' not found: only the API is served", options_.web_dir);
    }
    RegisterRoutes(server_, context_);
  }

  Result<int> Bind() {
    Configure();
    server_.set_socket_options([this](socket_t sock) {
      httplib::default_socket_options(sock);
      if (listen_socket_ == INVALID_SOCKET) listen_socket_ = sock;  // the first is the listening socket
    });
    const int port = options_.port == 0 ? server_.bind_to_any_port(options_.host)
                                        : (server_.bind_to_port(options_.host, options_.port) ? options_.port : -1);
    if (port < 0)
      return Status::Unavailable("cannot listen on " + options_.host + ":" + std::to_string(options_.port));
    // httplib 0.11.4 listens with a backlog of 5: a burst of connections (all
    // clients reconnecting after a restart) would wait seconds for SYN
    // retransmissions. Listening again on the same socket raises it.
    if (listen_socket_ != INVALID_SOCKET) ::listen(listen_socket_, SOMAXCONN);
    return port;
  }

  void Run() { server_.listen_after_bind(); }
  void Stop() { server_.stop(); }

 private:
  ServerOptions options_;
  ApiContext context_;
  httplib::Server server_;
  std::string index_html_;
  socket_t listen_socket_ = INVALID_SOCKET;  // set by Bind()
};

HttpServer::HttpServer(KnowledgeBase& kb, ServerOptions options)
    : impl_(std::make_unique<Impl>(kb, std::move(options))) {}
HttpServer::~HttpServer() = default;
Result<int> HttpServer::Bind() { return impl_->Bind(); }
void HttpServer::Run() { impl_->Run(); }
void HttpServer::Stop() { impl_->Stop(); }

}  // namespace citykb
