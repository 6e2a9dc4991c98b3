#include "http/server.h"

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string_view>
#include <thread>

#include "corpus/corpus_loader.h"
#include "http/api_context.h"
#include "http/api_json.h"
#include "http/compression.h"
#include "http/connection_stream.h"
#include "http/error_mapping.h"
#include "http/request_head.h"
#include "http/routes.h"
#include "http/validators.h"
#include "http/web_pages.h"
#include "http/worker_pool.h"
#include "text/text_analysis.h"

namespace citykb {

namespace {

constexpr char kJson[] = "application/json; charset=utf-8";

using Clock = std::chrono::steady_clock;

thread_local Clock::time_point request_start;

// Headers on every answer, the API's, the files' and the early errors'.
const httplib::Headers& SecurityHeaders() {
  static const httplib::Headers headers = {
      {"Content-Security-Policy",
       "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'"},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"X-Frame-Options", "DENY"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
  };
  return headers;
}

// `text` made safe for one line of the log: control characters, backslashes,
// invalid UTF-8, C1 controls, line and paragraph separators and bidi
// overrides become \xNN or \u{NNNN}, so that nothing a client sends can
// start a line or disguise one. At most 1000 bytes of `text` are shown.
std::string LogField(std::string_view text) {
  std::string out;
  const size_t shown = std::min<size_t>(text.size(), 1000);
  char hex[16];
  for (size_t i = 0; i < shown;) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    const size_t n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 1;
    if (n > 1 && i + n <= text.size() && IsValidUtf8(text.substr(i, n))) {
      uint32_t cp = n == 2 ? c & 0x1f : n == 3 ? c & 0x0f : c & 0x07;
      for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3f);
      const bool hidden =
          cp < 0xa0 || cp == 0x2028 || cp == 0x2029 || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
      if (hidden) {
        std::snprintf(hex, sizeof hex, "\\u{%04x}", static_cast<unsigned>(cp));
        out += hex;
      } else {
        out.append(text.substr(i, n));
      }
      i += n;
      continue;
    }
    std::snprintf(hex, sizeof hex, "\\x%02x", c);
    out += hex;
    ++i;
  }
  if (shown < text.size()) out += "...";
  return out;
}

void LogAccess(std::string_view method, std::string_view path, int status) {
  const double ms = std::chrono::duration<double, std::milli>(Clock::now() - request_start).count();
  spdlog::info("{} {} {} {:.1f}ms", LogField(method), LogField(path), status, ms);
}

void SendJsonError(httplib::Response& res, int status, const char* code, const std::string& message) {
  res.status = status;
  res.set_content(Dump(ErrorBody(code, message)), kJson);
}

const char* CodeForStatus(int status) {
  switch (status) {
    case 400:
      return "bad_request";
    case 404:
      return "not_found";
    case 405:
      return "method_not_allowed";
    case 411:
      return "length_required";
    case 413:
      return "payload_too_large";
    case 414:
      return "uri_too_long";
    case 408:
      return "request_timeout";
    case 416:
      return "range_not_satisfiable";
    case 431:
      return "headers_too_large";
    case 503:
      return "unavailable";
    default:
      return status >= 500 ? "internal" : "bad_request";
  }
}

// The connection being served by this worker thread, for the post-routing hook.
thread_local ConnectionStream* current_connection = nullptr;

const char* ReasonPhrase(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 408:
      return "Request Timeout";
    case 411:
      return "Length Required";
    case 413:
      return "Payload Too Large";
    case 414:
      return "URI Too Long";
    case 431:
      return "Request Header Fields Too Large";
    case 503:
      return "Service Unavailable";
    default:
      return "Error";
  }
}

// Writes an answer citykb sends without httplib (a refused head, a full
// server): JSON error, security headers, Connection: close.
void WriteEarlyAnswer(httplib::Stream& strm, int status, const char* code, const std::string& message) {
  const std::string body = Dump(ErrorBody(code, message));
  std::string out = "HTTP/1.1 " + std::to_string(status) + " " + ReasonPhrase(status) + "\r\n";
  for (const auto& [name, value] : SecurityHeaders()) out.append(name).append(": ").append(value).append("\r\n");
  if (status == 503) out += "Retry-After: 5\r\n";
  out += std::string("Content-Type: ") + kJson + "\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\nConnection: close\r\n\r\n" + body;
  for (size_t sent = 0; sent < out.size();) {
    const ssize_t n = strm.write(out.data() + sent, out.size() - sent);
    if (n <= 0) return;
    sent += static_cast<size_t>(n);
  }
}

// httplib::Server with citykb's own connection loop (see ConnectionStream and
// ParseRequestHead). Thread-safe as httplib::Server is.
class ConnectionServer : public httplib::Server {
 public:
  explicit ConnectionServer(const ServerOptions& options) : options_(options) {}

 private:
  bool process_and_close_socket(socket_t sock) override {
    const int open = ++open_connections_;
    struct Release {
      std::atomic<int>& n;
      ~Release() { --n; }
    } release{open_connections_};
    ConnectionStream strm(sock, static_cast<int>(read_timeout_sec_ * 1000 + read_timeout_usec_ / 1000),
                          static_cast<int>(write_timeout_sec_ * 1000 + write_timeout_usec_ / 1000));
    if (open > options_.max_connections) {
      request_start = Clock::now();
      WriteEarlyAnswer(strm, 503, "unavailable", "the server has too many open connections; retry in a few seconds");
      LogAccess("-", "-", 503);
      CloseConnection(sock, kLingerWhenFull);
      return true;
    }
    const size_t max_requests = std::max<size_t>(1, keep_alive_max_count_);
    bool unread = false;  // input left unread when the connection ends
    for (size_t served = 0; served < max_requests && svr_sock_ != INVALID_SOCKET; ++served) {
      if (!strm.WaitForRequest(static_cast<int>(keep_alive_timeout_sec_ * 1000))) break;
      request_start = Clock::now();
      const auto [head_bytes, refusal] =
          strm.PeekHead(request_start + std::chrono::seconds(options_.header_timeout_seconds));
      if (refusal < 0) break;  // closed by the client mid-head
      RequestHead head;
      if (refusal == 414)
        head = Refuse(head, 414, "uri_too_long", "the request line is longer than 8192 bytes");
      else if (refusal == 431)
        head = Refuse(head, 431, "headers_too_large", "the request head is larger than 32 KiB");
      else if (refusal == 408)
        head = Refuse(head, 408, "request_timeout", "the request head did not arrive in time");
      else
        head = ParseRequestHead(strm.Peek(head_bytes), options_.max_body_bytes);
      if (head.status != 0) {
        WriteEarlyAnswer(strm, head.status, head.code, head.message);
        LogAccess(head.method.empty() ? "-" : head.method, head.target.empty() ? "-" : head.target, head.status);
        unread = true;
        break;
      }
      strm.BeginRequest(head_bytes + head.content_length,
                        request_start + std::chrono::seconds(options_.request_timeout_seconds));
      const bool last = served + 1 == max_requests;
      bool closed = false;
      current_connection = &strm;
      const bool ok = process_request(strm, last, closed, nullptr);
      current_connection = nullptr;
      if (!ok || !strm.ReadExactly()) unread = true;
      if (unread || closed || last) break;
    }
    CloseConnection(sock, unread || strm.Buffered() ? kLingerAfterError : kNoLinger);
    return true;
  }

  const ServerOptions& options_;
  std::atomic<int> open_connections_{0};
};

// The size of the file of web/ that `path` names, if it is one.
std::optional<uintmax_t> StaticFileSize(const std::string& web_dir, std::string path) {
  if (web_dir.empty() || path.empty() || path[0] != '/' || path.find("..") != std::string::npos) return std::nullopt;
  if (path.back() == '/') path += "index.html";
  std::error_code ec;
  const std::filesystem::path file = std::filesystem::path(web_dir) / path.substr(1);
  if (!std::filesystem::is_regular_file(file, ec)) return std::nullopt;
  const uintmax_t size = std::filesystem::file_size(file, ec);
  if (ec) return std::nullopt;
  return size;
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
    const auto idle = std::chrono::seconds(std::max(1, options_.idle_thread_seconds));
    server_.new_task_queue = [threads, max_threads, idle] { return new WorkerPool(threads, max_threads, idle); };
    server_.set_tcp_nodelay(true);
    server_.set_keep_alive_max_count(static_cast<size_t>(options_.keep_alive_max));
    server_.set_keep_alive_timeout(options_.keep_alive_seconds);
    server_.set_read_timeout(5, 0);
    server_.set_write_timeout(5, 0);
    server_.set_payload_max_length(options_.max_body_bytes);
    server_.set_default_headers(SecurityHeaders());
    // A worker must stay free to answer 503 when connections are at their bound.
    options_.max_connections = std::max(1, std::min(options_.max_connections, static_cast<int>(max_threads) - 16));

    server_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
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
      // Compression: gzip, never httplib's brotli (see AcceptEncodingWithoutBrotli).
      auto& headers = const_cast<httplib::Request&>(req).headers;
      for (auto [it, end] = headers.equal_range("Accept-Encoding"); it != end; ++it)
        it->second = AcceptEncodingWithoutBrotli(it->second);
      // One range on a file: refused with the file's size when it starts past
      // the end (httplib would send an empty 416 with a wrong Content-Range).
      if (ranges.size() == 1) {
        const auto size = StaticFileSize(options_.web_dir, req.path);
        const auto [first, last] = ranges.front();
        const bool satisfiable = size && (first < 0 ? last > 0 && *size > 0 : static_cast<uintmax_t>(first) < *size);
        if (!size) {
          ranges.clear();
        } else if (!satisfiable) {
          ranges.clear();
          SendJsonError(res, 416, "range_not_satisfiable",
                        "the range starts past the end of the file (" + std::to_string(*size) + " bytes)");
          res.set_header("Content-Range", "bytes */" + std::to_string(*size));
          return httplib::Server::HandlerResponse::Handled;
        }
      }
      // Transfer-Encoding never gets here: the connection loop answers 411.
      return httplib::Server::HandlerResponse::Unhandled;
    });

    server_.set_exception_handler([](const httplib::Request& req, httplib::Response& res,
                                     const std::exception_ptr& ep) {
      try {
        if (ep) std::rethrow_exception(ep);
      } catch (const std::exception& e) {
        spdlog::error("unhandled exception on {} {}: {}", LogField(req.method), LogField(req.path), LogField(e.what()));
      } catch (...) {
        spdlog::error("unhandled exception on {} {}", LogField(req.method), LogField(req.path));
      }
      SendJsonError(res, 500, "internal", "the server could not complete the request; it has been logged");
    });

    server_.set_error_handler(
        httplib::Server::HandlerWithResponse([this](const httplib::Request& req, httplib::Response& res) {
          const_cast<httplib::Request&>(req).ranges.clear();  // an error is always sent whole
          if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
          // Pages of the web UI that are not files get the page itself.
          // Pages of the web UI that are not files get the page itself: 200
          // when the page and its record exist, 404 otherwise (the page then
          // renders its not-found view).
          if (res.status == 404 && req.method == "GET" && req.path.rfind("/api/", 0) != 0 &&
              req.path.find('.') == std::string::npos && !index_html_.empty()) {
            res.status = WebPageStatus(context_, req.path);
            res.set_content(index_html_, "text/html; charset=utf-8");
            return httplib::Server::HandlerResponse::Handled;
          }
          std::string message = "no such resource: " + req.path;
          if (res.status == 413)
            message = "the request body is larger than " + std::to_string(options_.max_body_bytes) + " bytes";
          else if (res.status != 404)
            message = "the request could not be served (HTTP " + std::to_string(res.status) + ")";
          SendJsonError(res, res.status, CodeForStatus(res.status), message);
          return httplib::Server::HandlerResponse::Handled;
        }));

    // Every logged field is escaped: a client cannot write a line of its own.
    server_.set_logger(
        [](const httplib::Request& req, const httplib::Response& res) { LogAccess(req.method, req.path, res.status); });

    // JSON answers: gzip when the client takes it (see compression.h), with
    // validators that tell the two forms apart. An answer after which the
    // connection will be closed (its request was not read exactly to its
    // end) says so.
    server_.set_post_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      auto revision = context_.kb.search().DataVersion();
      const bool json = IsCompressibleJson(res);
      const bool gzip = json && AcceptsGzip(req.get_header_value("Accept-Encoding"));
      if (json) res.set_header("Vary", "Accept-Encoding");
      AddValidators(req, res, revision.ok() ? *revision : std::string(), gzip ? "gzip" : "");
      if (gzip && res.status != 304) GzipBody(res);
      if (current_connection == nullptr || current_connection->ReadExactly()) return;
      res.headers.erase("Keep-Alive");
      if (!res.has_header("Connection")) res.set_header("Connection", "close");
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
    if (port < 0) return Status::Unavailable("cannot listen on " + options_.host + ":" + std::to_string(options_.port));
    if (options_.public_url.empty()) {
      const bool any = options_.host == "0.0.0.0" || options_.host == "::" || options_.host.empty();
      const bool v6 = options_.host.find(':') != std::string::npos;
      options_.public_url = "http://" +
                            (any  ? std::string("localhost")
                             : v6 ? "[" + options_.host + "]"
                                  : options_.host) +
                            ":" + std::to_string(port);
    }
    while (!options_.public_url.empty() && options_.public_url.back() == '/') options_.public_url.pop_back();
    // httplib 0.11.4 listens with a backlog of 5: a burst of connections (all
    // clients reconnecting after a restart) would wait seconds for SYN
    // retransmissions. Listening again on the same socket raises it.
    if (listen_socket_ != INVALID_SOCKET) ::listen(listen_socket_, SOMAXCONN);
    return port;
  }

  // httplib's stop() does nothing until the accept loop has started: a Stop()
  // that comes first (a SIGTERM right after start-up) is remembered and
  // repeated as soon as the loop runs.
  void Run() {
    std::atomic<bool> returned{false};
    std::thread late_stop([&] {
      while (!returned && !server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      if (stop_requested_) server_.stop();
    });
    if (!stop_requested_) server_.listen_after_bind();
    returned = true;
    late_stop.join();
  }
  void Stop() {
    stop_requested_ = true;
    server_.stop();
  }

 private:
  ServerOptions options_;
  ApiContext context_;
  ConnectionServer server_{options_};
  std::string index_html_;
  socket_t listen_socket_ = INVALID_SOCKET;  // set by Bind()
  std::atomic<bool> stop_requested_{false};
};

HttpServer::HttpServer(KnowledgeBase& kb, ServerOptions options)
    : impl_(std::make_unique<Impl>(kb, std::move(options))) {}
HttpServer::~HttpServer() = default;
Result<int> HttpServer::Bind() { return impl_->Bind(); }
void HttpServer::Run() { impl_->Run(); }
void HttpServer::Stop() { impl_->Stop(); }

}  // namespace citykb
