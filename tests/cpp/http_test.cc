#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <thread>

#include "http/compression.h"
#include "http/request_head.h"
#include "http/server.h"
#include "test_support.h"

using namespace citykb;
using citykb::testing::OpenWithCorpus;
using citykb::testing::ReadSource;
using citykb::testing::SourcePath;
using citykb::testing::TempDir;
using nlohmann::json;

namespace {

// A citykb server on an ephemeral loopback port, stopped on destruction.
class TestServer {
 public:
  explicit TestServer(std::string token = "") {
    kb_ = OpenWithCorpus(dir_.path());
    ServerOptions options;
    options.port = 0;
    options.web_dir = SourcePath("web");
    options.keep_alive_seconds = 1;
    options.threads = 4;
    options.admin_token = std::move(token);
    options.write_failures_per_minute = 5;
    server_ = std::make_unique<HttpServer>(*kb_, options);
    auto port = server_->Bind();
    REQUIRE(port.ok());
    port_ = *port;
    thread_ = std::thread([this] { server_->Run(); });
  }
  ~TestServer() {
    server_->Stop();
    thread_.join();
  }
  httplib::Client Client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(10, 0);
    return c;
  }
  KnowledgeBase& kb() { return *kb_; }

 private:
  TempDir dir_;
  std::unique_ptr<KnowledgeBase> kb_;
  std::unique_ptr<HttpServer> server_;
  int port_ = 0;
  std::thread thread_;
};

json Get(const httplib::Client& c_const, const std::string& path, int expected = 200) {
  auto& c = const_cast<httplib::Client&>(c_const);
  auto res = c.Get(path.c_str());
  REQUIRE(res);
  CAPTURE(path, res->body);
  CHECK(res->status == expected);
  CHECK(res->get_header_value("Content-Type").find("application/json") == 0);
  json j = json::parse(res->body, nullptr, false);
  REQUIRE_FALSE(j.is_discarded());
  return j;
}

}  // namespace

TEST_CASE("GET /api/search answers as the contract says", "[http]") {
  TestServer server;
  auto c = server.Client();
  json j = Get(c, "/api/search?q=energie&city=lyon");
  for (const char* key : {"query", "total", "page", "per_page", "hits", "facets", "suggestion", "expanded", "took_ms"})
    CHECK(j.contains(key));
  REQUIRE(j["total"].get<int>() > 0);
  bool marked = false;
  for (const auto& h : j["hits"]) {
    CHECK(h["city"]["slug"] == "lyon");
    for (const char* key : {"id", "kind", "title", "snippet", "themes", "stakeholders", "person", "source", "score"})
      CHECK(h.contains(key));
    marked |= h["snippet"].get<std::string>().find("<mark>énergie</mark>") != std::string::npos;
  }
  CHECK(marked);
  SECTION("energie, énergie and ÉNERGIE give the same results") {
    auto ids = [&](const std::string& q) {
      std::vector<std::string> out;
      const json page = Get(c, "/api/search?q=" + q + "&city=lyon");  // kept alive for the loop
      for (const auto& h : page["hits"]) out.push_back(h["id"]);
      return out;
    };
    CHECK(ids("%C3%A9nergie") == ids("energie"));
    CHECK(ids("%C3%89NERGIE") == ids("energie"));
  }
  SECTION("repeated and comma-separated filters are the same") {
    CHECK(Get(c, "/api/search?city=lyon&city=rennes")["total"] == Get(c, "/api/search?city=lyon,rennes")["total"]);
  }
  SECTION("lang=en returns English titles") {
    json en = Get(c, "/api/search?q=acculturation&lang=en");
    REQUIRE(en["total"].get<int>() > 0);
    json doc = Get(c, "/api/documents/" + en["hits"][0]["id"].get<std::string>());
    CHECK(en["hits"][0]["title"] == doc["title"]["en"]);
  }
}

TEST_CASE("Bad parameters get a 400 JSON error naming the field", "[http]") {
  TestServer server;
  auto c = server.Client();
  for (const auto& [path, field] : std::vector<std::pair<std::string, std::string>>{
           {"/api/search?per_page=0", "per_page"},
           {"/api/search?per_page=101", "per_page"},
           {"/api/search?page=abc", "page"},
           {"/api/search?page=-1", "page"},
           {"/api/search?sort=price", "sort"},
           {"/api/search?lang=de", "lang"},
           {"/api/search?q=%E9t%E9", "q"},
       }) {
    CAPTURE(path);
    json j = Get(c, path, 400);
    CHECK(j["error"]["code"] == "invalid_argument");
    CHECK(j["error"]["field"] == field);
    CHECK_FALSE(j["error"]["message"].get<std::string>().empty());
  }
  SECTION("unknown document and unknown route are JSON 404s") {
    CHECK(Get(c, "/api/documents/nope", 404)["error"]["code"] == "not_found");
    CHECK(Get(c, "/api/nothing-here", 404)["error"]["code"] == "not_found");
  }
  SECTION("query syntax the parser cannot read is answered") {
    for (const char* q : {"%28%28energie", "%22open", "AND", "ville%3A", "*"}) {
      CAPTURE(q);
      Get(c, std::string("/api/search?q=") + q, 200);
    }
  }
}

TEST_CASE("Static files are served and traversal is refused", "[http]") {
  TestServer server;
  auto c = server.Client();
  auto page = c.Get("/");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->get_header_value("Content-Type").find("text/html") == 0);
  CHECK(page->get_header_value("X-Content-Type-Options") == "nosniff");
  CHECK(page->get_header_value("Content-Security-Policy").find("default-src 'self'") != std::string::npos);
  for (const char* path : {"/../CMakeLists.txt", "/%2e%2e/CMakeLists.txt", "/..%2fCMakeLists.txt",
                           "/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/web/../../CMakeLists.txt", "/....//CMakeLists.txt"}) {
    CAPTURE(path);
    auto res = c.Get(path);
    REQUIRE(res);
    CHECK(res->body.find("cmake_minimum_required") == std::string::npos);
    CHECK(res->body.find("root:") == std::string::npos);
    CHECK(res->status < 500);
  }
  SECTION("several ranges in one request are refused") {
    httplib::Headers h = {{"Range", "bytes=0-1,2-3,4-5"}};
    auto res = c.Get("/index.html", h);
    REQUIRE(res);
    CHECK(res->status == 416);
  }
}

TEST_CASE("Static files are compressed with gzip even when the browser offers brotli", "[http]") {
  CHECK(AcceptEncodingWithoutBrotli("gzip, deflate, br, zstd") == "gzip, deflate, zstd");
  CHECK(AcceptEncodingWithoutBrotli("br;q=1.0, gzip;q=0.8") == "gzip;q=0.8");
  CHECK(AcceptEncodingWithoutBrotli(" BR ") == "");
  CHECK(AcceptEncodingWithoutBrotli("") == "");
  CHECK(AcceptEncodingWithoutBrotli("identity") == "identity");
  TestServer server;
  auto c = server.Client();
  auto res = c.Get("/js/messages.js", {{"Accept-Encoding", "gzip, deflate, br, zstd"}});
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(res->get_header_value("Content-Encoding") == "gzip");
  CHECK(res->body.find("export") != std::string::npos);  // decompressed by the client
  auto only_br = c.Get("/js/messages.js", {{"Accept-Encoding", "br"}});
  REQUIRE(only_br);
  CHECK(only_br->status == 200);
  CHECK(only_br->get_header_value("Content-Encoding").empty());
}

TEST_CASE("Accept-Encoding is read with its qualities", "[http]") {
  CHECK(AcceptsGzip("gzip"));
  CHECK(AcceptsGzip("deflate, GZIP;q=0.5"));
  CHECK(AcceptsGzip("x-gzip"));
  CHECK(AcceptsGzip("*"));
  CHECK(AcceptsGzip("gzip ; q = 1.0"));
  CHECK_FALSE(AcceptsGzip(""));
  CHECK_FALSE(AcceptsGzip("identity"));
  CHECK_FALSE(AcceptsGzip("deflate, zstd"));
  CHECK_FALSE(AcceptsGzip("gzip;q=0"));
  CHECK_FALSE(AcceptsGzip("gzip;q=0.000"));
  CHECK_FALSE(AcceptsGzip("*, gzip;q=0"));
  CHECK_FALSE(AcceptsGzip("*;q=0"));
  CHECK_FALSE(AcceptsGzip("gzip;q=abc"));
  CHECK_FALSE(AcceptsGzip("gzipped"));
}

TEST_CASE("JSON answers are compressed with gzip when the client takes it", "[http]") {
  TestServer server;
  auto c = server.Client();
  c.set_decompress(false);
  const char* path = "/api/search?q=donnees&per_page=20";
  auto plain = c.Get(path, {{"Accept-Encoding", "identity"}});
  auto packed = c.Get(path, {{"Accept-Encoding", "gzip, deflate"}});
  REQUIRE(plain);
  REQUIRE(packed);
  CHECK(plain->status == 200);
  CHECK(packed->status == 200);
  CHECK(plain->get_header_value("Content-Encoding").empty());
  CHECK(packed->get_header_value("Content-Encoding") == "gzip");
  for (const auto* res : {&*plain, &*packed}) {
    CHECK(res->get_header_value("Vary") == "Accept-Encoding");
    CHECK(res->get_header_value("Content-Type") == "application/json; charset=utf-8");
  }
  REQUIRE(plain->body.size() >= kMinGzipBytes);
  REQUIRE(packed->body.size() >= 2);
  CHECK(static_cast<unsigned char>(packed->body[0]) == 0x1f);  // the gzip magic
  CHECK(static_cast<unsigned char>(packed->body[1]) == 0x8b);
  CHECK(packed->body.size() * 2 < plain->body.size());
  CHECK(packed->get_header_value("Content-Length") == std::to_string(packed->body.size()));
  // The two forms have their own tags; each revalidates only itself.
  const std::string plain_tag = plain->get_header_value("ETag");
  const std::string packed_tag = packed->get_header_value("ETag");
  REQUIRE_FALSE(packed_tag.empty());
  CHECK(plain_tag != packed_tag);
  auto same = c.Get(path, {{"Accept-Encoding", "gzip"}, {"If-None-Match", packed_tag}});
  REQUIRE(same);
  CHECK(same->status == 304);
  CHECK(same->body.empty());
  auto other = c.Get(path, {{"Accept-Encoding", "gzip"}, {"If-None-Match", plain_tag}});
  REQUIRE(other);
  CHECK(other->status == 200);
  CHECK(other->get_header_value("Content-Encoding") == "gzip");
  // A client that decompresses reads the same answer (took_ms aside).
  httplib::Client reader = server.Client();
  auto read = reader.Get(path, {{"Accept-Encoding", "gzip"}});
  REQUIRE(read);
  auto a = json::parse(plain->body);
  auto b = json::parse(read->body);
  a.erase("took_ms");
  b.erase("took_ms");
  CHECK(a == b);
  // Small answers go as they are.
  auto health = c.Get("/api/health", {{"Accept-Encoding", "gzip"}});
  REQUIRE(health);
  REQUIRE(health->body.size() < kMinGzipBytes);
  CHECK(health->get_header_value("Content-Encoding").empty());
  CHECK(json::parse(health->body).is_object());
}

TEST_CASE("Pages answer 404 when they or their record do not exist", "[http]") {
  TestServer server;
  auto c = server.Client();
  for (const char* path : {"/", "/search", "/compare", "/timeline", "/sources", "/add", "/documents/lyon-profile",
                           "/cities/lyon", "/people/marion-glatron", "/sources/article-chef-de-projet-smart-city"}) {
    CAPTURE(path);
    auto res = c.Get(path);
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Type").find("text/html") == 0);
  }
  for (const char* path : {"/nowhere", "/documents/does-not-exist", "/cities/atlantis", "/people/nobody",
                           "/sources/nothing", "/documents/lyon-profile/extra"}) {
    CAPTURE(path);
    auto res = c.Get(path);
    REQUIRE(res);
    CHECK(res->status == 404);
    // The page itself comes with it: it renders its not-found view.
    CHECK(res->get_header_value("Content-Type").find("text/html") == 0);
    CHECK(res->body.find("<html") != std::string::npos);
  }
}

TEST_CASE("GET answers carry validators and a matching If-None-Match gets 304", "[http]") {
  TestServer server;
  auto c = server.Client();
  for (const char* path : {"/index.html", "/api/search?q=pilotage", "/api/cities/lyon", "/api/sources"}) {
    CAPTURE(path);
    auto first = c.Get(path);
    REQUIRE(first);
    CHECK(first->status == 200);
    const std::string tag = first->get_header_value("ETag");
    REQUIRE_FALSE(tag.empty());
    CHECK(first->get_header_value("Cache-Control") == "no-cache");
    auto again = c.Get(path, {{"If-None-Match", tag}});
    REQUIRE(again);
    CHECK(again->status == 304);
    CHECK(again->body.empty());
    auto other = c.Get(path, {{"If-None-Match", "\"something-else\""}});
    REQUIRE(other);
    CHECK(other->status == 200);
  }
  // Another request gets another tag; health reports live state and is never tagged.
  auto a = c.Get("/api/search?q=pilotage");
  auto b = c.Get("/api/search?q=energie");
  REQUIRE(a);
  REQUIRE(b);
  CHECK(a->get_header_value("ETag") != b->get_header_value("ETag"));
  auto health = c.Get("/api/health");
  REQUIRE(health);
  CHECK(health->get_header_value("ETag").empty());
}

TEST_CASE("Health taxonomy and OpenAPI", "[http]") {
  TestServer server;
  auto c = server.Client();
  json health = Get(c, "/api/health");
  CHECK(health["status"] == "ok");
  CHECK(health["documents"].get<int>() > 20);
  CHECK(health["index_seq"] == health["store_seq"]);
  json tax = Get(c, "/api/taxonomy");
  CHECK(tax["themes"].size() >= 15);
  json spec = Get(c, "/api/openapi.json");
  CHECK(spec["openapi"].get<std::string>().rfind("3.", 0) == 0);
  for (const char* path :
       {"/api/search", "/api/suggest", "/api/documents/{id}", "/api/documents/{id}/similar", "/api/taxonomy",
        "/api/changes", "/api/health", "/api/openapi.json", "/api/cities", "/api/cities/{slug}", "/api/compare"}) {
    CAPTURE(path);
    CHECK(spec["paths"].contains(path));
  }
}

TEST_CASE("Writes need a configured token and the right one", "[http]") {
  const std::string bundle = ReadSource("tests/fixtures/bundles/valid-testville.json");
  SECTION("no token configured: 403 saying how to enable writes") {
    TestServer server;
    auto c = server.Client();
    auto res = c.Post("/api/cities", bundle, "application/json");
    REQUIRE(res);
    CHECK(res->status == 403);
    CHECK(res->body.find("CITYKB_ADMIN_TOKEN") != std::string::npos);
  }
  SECTION("wrong or missing token: 401; right token: written and searchable at once") {
    TestServer server("s3cret-token");
    auto c = server.Client();
    auto res = c.Post("/api/cities", bundle, "application/json");
    REQUIRE(res);
    CHECK(res->status == 401);
    httplib::Headers wrong = {{"Authorization", "Bearer nope"}};
    res = c.Post("/api/cities", wrong, bundle, "application/json");
    REQUIRE(res);
    CHECK(res->status == 401);
    httplib::Headers right = {{"Authorization", "Bearer s3cret-token"}};
    res = c.Post("/api/cities", right, bundle, "application/json");
    REQUIRE(res);
    CAPTURE(res->body);
    CHECK(res->status == 201);
    json receipt = json::parse(res->body);
    CHECK(receipt["slug"] == "testville");
    json found = Get(c, "/api/search?city=testville");
    CHECK(found["total"].get<int>() == receipt["documents"].get<int>());
    SECTION("an invalid bundle writes nothing and lists its problems") {
      const int64_t before = *server.kb().store().LastSeq();
      res = c.Post("/api/cities", right, ReadSource("tests/fixtures/bundles/unknown-theme.json"), "application/json");
      REQUIRE(res);
      CHECK(res->status == 422);
      json err = json::parse(res->body);
      CHECK(err["error"]["problems"].size() >= 1);
      CHECK(*server.kb().store().LastSeq() == before);
    }
    SECTION("delete removes the city") {
      auto del = c.Delete("/api/cities/testville", right);
      REQUIRE(del);
      CHECK(del->status == 200);
      CHECK(Get(c, "/api/search?city=testville")["total"] == 0);
    }
  }
  SECTION("repeated failures are rate-limited per client") {
    TestServer server("s3cret-token");
    auto c = server.Client();
    int last = 0;
    for (int i = 0; i < 8; ++i) {
      httplib::Headers wrong = {{"Authorization", "Bearer nope"}};
      auto res = c.Post("/api/cities", wrong, bundle, "application/json");
      REQUIRE(res);
      last = res->status;
    }
    CHECK(last == 429);
  }
}

TEST_CASE("Suggest similar explain CSV compare and changes over HTTP", "[http]") {
  TestServer server;
  auto c = server.Client();
  SECTION("suggest completes words in the asked language, people and cities") {
    auto has = [](const json& j, const std::string& type, const std::string& text) {
      for (const auto& s : j["suggestions"])
        if (s["type"] == type && s["text"] == text) return true;
      return false;
    };
    CHECK(has(Get(c, "/api/suggest?q=gren"), "city", "Grenoble"));
    CHECK(has(Get(c, "/api/suggest?q=steer&lang=en"), "word", "steering"));
    CHECK(has(Get(c, "/api/suggest?q=marion"), "person", "Marion Glatron"));
    CHECK(has(Get(c, "/api/suggest?q=comit%C3%A9%20de%20pilo"), "word", "comité de pilotage"));
    CHECK(Get(c, "/api/suggest?q=")["suggestions"].empty());
  }
  SECTION("similar records come from other cities unless same_city=1") {
    json other = Get(c, "/api/documents/lyon-practice-cooperation-loop/similar");
    REQUIRE_FALSE(other["hits"].empty());
    for (const auto& h : other["hits"]) {
      REQUIRE(h["city"].is_object());
      CHECK(h["city"]["slug"] != "lyon");
      CHECK(h["id"] != "lyon-practice-cooperation-loop");
    }
    json same = Get(c, "/api/documents/lyon-practice-cooperation-loop/similar?same_city=1&limit=20");
    bool lyon = false;
    for (const auto& h : same["hits"]) lyon |= h["city"].is_object() && h["city"]["slug"] == "lyon";
    CHECK(lyon);
    Get(c, "/api/documents/nope/similar", 404);
  }
  SECTION("explain=1 says how each hit matched") {
    json j = Get(c, "/api/search?q=energie&explain=1");
    REQUIRE(j["total"].get<int>() > 0);
    std::set<std::string> hows;
    for (const auto& h : j["hits"])
      for (const auto& m : h["explain"]) hows.insert(m["how"].get<std::string>());
    CHECK(hows.count("accent"));
    json syn = Get(c, "/api/search?q=smart%20city&explain=1");
    std::set<std::string> syn_hows;
    for (const auto& h : syn["hits"])
      for (const auto& m : h["explain"]) syn_hows.insert(m["how"].get<std::string>());
    CHECK(syn_hows.count("synonym"));
  }
  SECTION("format=csv and Accept: text/csv give the hits with their citation") {
    auto res = c.Get("/api/search?q=pilotage&format=csv");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Type").rfind("text/csv", 0) == 0);
    CHECK(res->body.rfind("id,kind,city,title,person,person_title,themes,stakeholders,source,sources,as_of,updated_at,"
                          "permalink,citation\r\n",
                          0) == 0);
    CHECK(res->body.find("https://www.journaldunet.com/") != std::string::npos);  // citations carry the source's URL
    CHECK(res->body.find("/documents/rennes-") != std::string::npos);
    size_t lines = 0;
    for (char ch : res->body) lines += ch == '\n';
    const int total = Get(c, "/api/search?q=pilotage")["hits"].size();
    CHECK(lines == static_cast<size_t>(total) + 1);
    httplib::Headers accept = {{"Accept", "text/csv"}};
    auto res2 = c.Get("/api/search?q=pilotage", accept);
    REQUIRE(res2);
    CHECK(res2->body == res->body);
    Get(c, "/api/search?format=xml", 400);
  }
  SECTION("compare answers with explicit empty cells") {
    json j = Get(c, "/api/compare?themes=governance,monitoring&cities=lyon,rennes,grenoble");
    CHECK(j["cells"].size() == 6);
    bool empty_listed = false;
    for (const auto& cell : j["cells"]) empty_listed |= cell["count"] == 0;
    CHECK(empty_listed);
    Get(c, "/api/compare?cities=atlantis", 404);
    Get(c, "/api/compare?rows=color", 400);
    Get(c, "/api/compare?view=side-by-side", 400);
  }
  SECTION("cities and city pages") {
    json cities = Get(c, "/api/cities");
    CHECK(cities["cities"].size() >= 15);
    json lyon = Get(c, "/api/cities/lyon");
    CHECK(lyon["city"]["name"] == "Lyon");
    CHECK(lyon["documents"]["profile"].size() == 1);
    CHECK(lyon["people"][0]["roles"].size() >= 1);
    Get(c, "/api/cities/atlantis", 404);
  }
  SECTION("the changes feed follows writes") {
    json feed = Get(c, "/api/changes?since=0&limit=5");
    CHECK(feed["changes"].size() == 5);
    CHECK(feed["changes"][0]["seq"] == 1);
    json rest = Get(c, "/api/changes?since=" + std::to_string(feed["last_seq"].get<int>()));
    CHECK(rest["changes"].empty());
    Get(c, "/api/changes?since=-1", 400);
  }
}

TEST_CASE("spell=off searches the words as typed; health says whether writes are enabled", "[http]") {
  TestServer server;
  auto c = server.Client();
  json corrected = Get(c, "/api/search?q=pilotagee");
  CHECK(corrected["suggestion"].is_string());
  CHECK(corrected["total"].get<int>() > 0);
  json as_typed = Get(c, "/api/search?q=pilotagee&spell=off");
  CHECK(as_typed["suggestion"] == corrected["suggestion"]);  // still suggested, not searched
  CHECK(as_typed["total"].get<int>() == 0);
  Get(c, "/api/search?q=x&spell=maybe", 400);
  json health = Get(c, "/api/health");
  CHECK(health["writes"] == false);
}

TEST_CASE("A stop asked before or as the server starts is not lost", "[http]") {
  TempDir dir;
  auto kb = OpenWithCorpus(dir.path());
  ServerOptions options;
  options.port = 0;
  options.web_dir = SourcePath("web");
  options.threads = 2;
  SECTION("before Run: Run returns at once") {
    HttpServer server(*kb, options);
    REQUIRE(server.Bind().ok());
    server.Stop();
    server.Run();
  }
  SECTION("while Run is starting, many times over") {
    for (int i = 0; i < 50; ++i) {
      HttpServer server(*kb, options);
      REQUIRE(server.Bind().ok());
      std::thread run([&] { server.Run(); });
      if (i % 2 == 0) std::this_thread::yield();
      server.Stop();
      run.join();  // hangs (and the test times out) if the stop was lost
    }
  }
}
