#include "http/routes.h"

#include <algorithm>
#include <functional>

#include <spdlog/spdlog.h>

#include "corpus/bundle_parser.h"
#include "http/api_json.h"
#include "http/client_address.h"
#include "http/compare_params.h"
#include "http/csv.h"
#include "http/error_mapping.h"
#include "http/replication_api.h"
#include "http/request_params.h"
#include "model/model_json.h"
#include "text/text_analysis.h"

namespace citykb {

using nlohmann::json;
using Request = httplib::Request;
using Response = httplib::Response;

namespace {

constexpr char kJson[] = "application/json; charset=utf-8";

void SendJson(Response& res, const json& body, int status = 200) {
  res.status = status;
  res.set_content(Dump(body), kJson);
}

void SendError(Response& res, const Status& status) {
  if (status.code() == StatusCode::kInternal) spdlog::error("internal error: {}", status.message());
  SendJson(res, ErrorBody(status), HttpStatusFor(status));
}

// The route's path parameter `i` (already URL-decoded by the server).
std::string PathParam(const Request& req, size_t i) {
  return i < req.matches.size() ? std::string(req.matches[i]) : std::string();
}

// The base of permalinks: the configured public URL (--public-url), never
// the request's Host header, which any client can set.
std::string BaseUrl(const ApiContext& ctx) { return ctx.options.public_url; }

// True when the client asked for CSV (format=csv or Accept: text/csv).
Result<bool> WantsCsv(const Request& req) {
  auto format = EnumParam(req.params, "format", "", {"json", "csv"});
  if (!format.ok()) return format.status();
  if (!format->empty()) return *format == "csv";
  return req.get_header_value("Accept").find("text/csv") != std::string::npos;
}

void SendCsv(Response& res, const std::string& body, const std::string& name) {
  res.set_header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
  res.set_content(body, "text/csv; charset=utf-8");
}

// --- Read routes.

void Search(ApiContext& ctx, const Request& req, Response& res) {
  auto request = ParseSearchRequest(req.params);
  if (!request.ok()) return SendError(res, request.status());
  auto csv = WantsCsv(req);
  if (!csv.ok()) return SendError(res, csv.status());
  auto result = ctx.kb.search().Search(*request);
  if (!result.ok()) return SendError(res, result.status());
  if (*csv) return SendCsv(res, SearchCsv(*result, request->lang, BaseUrl(ctx)), "citykb-search");
  SendJson(res, SearchResultJson(*result, request->lang, request->explain));
}

void Cities(ApiContext& ctx, const Request& req, Response& res) {
  auto lang = LangParam(req.params);
  if (!lang.ok()) return SendError(res, lang.status());
  auto cities = ctx.kb.cities().Cities();
  if (!cities.ok()) return SendError(res, cities.status());
  SendJson(res, CitiesJson(*cities, *lang));
}

void City(ApiContext& ctx, const Request& req, Response& res) {
  auto page = ctx.kb.cities().Page(PathParam(req, 1));
  if (!page.ok()) return SendError(res, page.status());
  SendJson(res, CityPageJson(*page, *ctx.kb.catalog()));
}

void SimilarCities(ApiContext& ctx, const Request& req, Response& res) {
  auto lang = LangParam(req.params);
  if (!lang.ok()) return SendError(res, lang.status());
  auto limit = IntParam(req.params, "limit", 5, 1, 50);
  if (!limit.ok()) return SendError(res, limit.status());
  auto similar = ctx.kb.cities().Similar(PathParam(req, 1), *limit);
  if (!similar.ok()) return SendError(res, similar.status());
  SendJson(res, SimilarCitiesJson(PathParam(req, 1), *similar, *lang));
}

void Compare(ApiContext& ctx, const Request& req, Response& res) {
  auto params = ParseCompareRequest(req.params);
  if (!params.ok()) return SendError(res, params.status());
  auto csv = WantsCsv(req);
  if (!csv.ok()) return SendError(res, csv.status());
  const CompareRequest& request = params->request;
  if (params->view == CompareParams::View::kSideBySide) {
    auto view = ctx.kb.compare().SideBySideView(params->theme, request.cities, request.q, params->lang);
    if (!view.ok()) return SendError(res, view.status());
    if (*csv) return SendCsv(res, SideBySideCsv(*view, params->lang, BaseUrl(ctx)), "citykb-" + params->theme);
    return SendJson(res, SideBySideJson(*view, params->lang));
  }
  params->request.every_record = *csv;  // the CSV lists every record counted in a cell
  auto result = ctx.kb.compare().Compare(request);
  if (!result.ok()) return SendError(res, result.status());
  if (*csv) return SendCsv(res, CompareCsv(*result, BaseUrl(ctx)), "citykb-compare");
  SendJson(res, CompareJson(*result, params->lang, *ctx.kb.catalog()));
}

void GetDocument(ApiContext& ctx, const Request& req, Response& res) {
  auto view = ctx.kb.search().GetDocument(PathParam(req, 1));
  if (!view.ok()) return SendError(res, view.status());
  SendJson(res, DocumentJson(*view));
}

void Similar(ApiContext& ctx, const Request& req, Response& res) {
  auto lang = LangParam(req.params);
  if (!lang.ok()) return SendError(res, lang.status());
  auto same_city = BoolParam(req.params, "same_city", false);
  if (!same_city.ok()) return SendError(res, same_city.status());
  auto limit = IntParam(req.params, "limit", 5, 1, 50);
  if (!limit.ok()) return SendError(res, limit.status());
  auto result = ctx.kb.search().Similar(PathParam(req, 1), *same_city, *lang, *limit);
  if (!result.ok()) return SendError(res, result.status());
  json hits = json::array();
  for (const auto& h : result->hits) hits.push_back(HitJson(h, *lang, false));
  SendJson(res, {{"id", PathParam(req, 1)}, {"same_city", *same_city}, {"hits", hits}, {"took_ms", result->took_ms}});
}

void Taxonomy(ApiContext& ctx, const Request&, Response& res) {
  SendJson(res, TaxonomyJson(ctx.kb.catalog()->taxonomy));
}

void Suggest(ApiContext& ctx, const Request& req, Response& res) {
  auto q_param = TextParam(req.params, "q", 200);
  if (!q_param.ok()) return SendError(res, q_param.status());
  const std::string q = *q_param;
  auto lang = LangParam(req.params);
  if (!lang.ok()) return SendError(res, lang.status());
  auto limit = IntParam(req.params, "limit", 8, 1, 20);
  if (!limit.ok()) return SendError(res, limit.status());
  auto suggestions = ctx.kb.search().Suggest(q, *lang, *limit);
  if (!suggestions.ok()) return SendError(res, suggestions.status());
  SendJson(res, SuggestionsJson(q, *suggestions));
}

void Health(ApiContext& ctx, const Request& req, Response& res) {
  auto health = ctx.kb.Health();
  if (!health.ok()) return SendJson(res, {{"status", "unavailable"}, {"version", CITYKB_VERSION}}, 503);
  const int64_t seq = health->index_seq, store_seq = health->store_seq;
  json body = {{"status", seq == store_seq ? "ok" : "catching_up"},
               {"documents", health->documents},
               {"index_seq", seq},
               {"store_seq", store_seq},
               {"version", CITYKB_VERSION},
               {"writes", !ctx.options.admin_token.empty() && ctx.options.writer_url.empty()},
               {"licence", {{"code", "MIT"}, {"corpus", kCorpusLicence}}}};
  const int status = AddReplicationHealth(ctx, req, std::min(seq, store_seq), body, 200);
  SendJson(res, body, status);
}

void OpenApi(ApiContext&, const Request&, Response& res) { res.set_content(OpenApiJson(), kJson); }

void Changes(ApiContext& ctx, const Request& req, Response& res) {
  auto since = IntParam(req.params, "since", 0, 0, 2147483647);
  if (!since.ok()) return SendError(res, since.status());
  auto limit = IntParam(req.params, "limit", 500, 1, 5000);
  if (!limit.ok()) return SendError(res, limit.status());
  auto page = ctx.kb.Changes(*since, *limit);
  if (!page.ok()) return SendError(res, page.status());
  SendJson(res, ChangesJson(page->changes, *since, page->last_seq));
}

void Sources(ApiContext& ctx, const Request& req, Response& res) {
  auto q = TextParam(req.params, "q", 200);
  if (!q.ok()) return SendError(res, q.status());
  auto sources = ctx.kb.provenance().Sources(*q);
  if (!sources.ok()) return SendError(res, sources.status());
  SendJson(res, SourcesJson(*sources));
}

void SourceRoute(ApiContext& ctx, const Request& req, Response& res) {
  auto lang = LangParam(req.params);
  if (!lang.ok()) return SendError(res, lang.status());
  auto page = ctx.kb.provenance().Source(PathParam(req, 1));
  if (!page.ok()) return SendError(res, page.status());
  SendJson(res, SourcePageJson(*page, *ctx.kb.catalog(), *lang));
}

void PersonRoute(ApiContext& ctx, const Request& req, Response& res) {
  auto lang = LangParam(req.params);
  if (!lang.ok()) return SendError(res, lang.status());
  auto page = ctx.kb.provenance().Person(PathParam(req, 1));
  if (!page.ok()) return SendError(res, page.status());
  SendJson(res, PersonPageJson(*page, *ctx.kb.catalog(), *lang));
}

void Timeline(ApiContext& ctx, const Request& req, Response& res) {
  auto lang = LangParam(req.params);
  if (!lang.ok()) return SendError(res, lang.status());
  TimelineRequest request;
  request.cities = ListParam(req.params, "cities");
  request.themes = ListParam(req.params, "themes");
  for (const std::string key : {"from", "to"}) {
    auto [begin, end] = req.params.equal_range(key);
    for (auto it = begin; it != end; ++it)
      if (!it->second.empty() && !IsPartialDate(it->second))
        return SendError(res, Status::InvalidArgument(key + " must be a date: YYYY, YYYY-MM or YYYY-MM-DD", key));
    (key == "from" ? request.from : request.to) = Param(req.params, key);
  }
  if (request.cities.size() > 1000 || request.themes.size() > 100)
    return SendError(res, Status::InvalidArgument("at most 1000 cities and 100 themes", "cities"));
  auto entries = ctx.kb.provenance().Timeline(request);
  if (!entries.ok()) return SendError(res, entries.status());
  SendJson(res, TimelineJson(*entries, *lang));
}

// --- Write routes.

// Checks the bearer token in constant time. kPermissionDenied when writes
// are not enabled, kUnauthenticated when the token is missing or wrong.
Status Authorize(ApiContext& ctx, const Request& req) {
  const std::string& token = ctx.options.admin_token;
  if (token.empty())
    return Status::PermissionDenied(
        "writes are disabled: start the server with CITYKB_ADMIN_TOKEN set (or --token-file) to enable them");
  const std::string header = req.get_header_value("Authorization");
  const std::string prefix = "Bearer ";
  const std::string given = header.rfind(prefix, 0) == 0 ? header.substr(prefix.size()) : std::string();
  unsigned char diff = given.size() == token.size() ? 0 : 1;
  for (size_t i = 0; i < token.size(); ++i)
    diff |= static_cast<unsigned char>(token[i] ^ (i < given.size() ? given[i] : 0));
  if (diff != 0) return Status::Unauthenticated("a valid 'Authorization: Bearer <token>' header is required");
  return Status::Ok();
}

// Runs a write after authorisation. Failed attempts are limited per client
// address: once it has used them up, a wrong token gets 429 instead of 401.
// The right token is always let through, so that others' failures from a
// shared address (a proxy, a NAT) cannot lock the admin out; guessing is
// then only as hard as the token is long (commands.cc warns of short ones).
void GuardedWrite(ApiContext& ctx, const Request& req, Response& res, const std::function<void()>& write) {
  if (RefuseWriteOnReplica(ctx, res)) return;
  const std::string client = ClientAddress(req, ctx.options.trusted_proxy);
  const Status s = Authorize(ctx, req);
  if (s.ok()) return write();
  if (s.code() != StatusCode::kPermissionDenied && ctx.limiter.Blocked(client)) {
    res.set_header("Retry-After", "60");
    return SendJson(res, ErrorBody("rate_limited", "too many failed write attempts; retry in a minute"), 429);
  }
  ctx.limiter.RecordFailure(client);
  SendError(res, s);
}

json ReceiptJson(const WriteReceipt& r) {
  return {{"seq", r.seq}, {"slug", r.slug}, {"documents", r.documents}, {"people", r.people}};
}

void PutCity(ApiContext& ctx, const Request& req, Response& res) {
  GuardedWrite(ctx, req, res, [&] {
    const std::string type = req.get_header_value("Content-Type");
    if (!type.empty() && type.find("json") == std::string::npos)
      return SendJson(res, ErrorBody("unsupported_media_type", "send the bundle as application/json"), 415);
    auto before = ctx.kb.catalog();
    auto receipt = ctx.kb.PutBundle(req.body);
    if (!receipt.ok()) return SendError(res, receipt.status());
    spdlog::info("city '{}' written: {} documents, seq {}", receipt->slug, receipt->documents, receipt->seq);
    SendJson(res, ReceiptJson(*receipt), before->cities.count(receipt->slug) ? 200 : 201);
  });
}

void DeleteCity(ApiContext& ctx, const Request& req, Response& res) {
  GuardedWrite(ctx, req, res, [&] {
    auto receipt = ctx.kb.DeleteCity(PathParam(req, 1));
    if (!receipt.ok()) return SendError(res, receipt.status());
    spdlog::info("city '{}' deleted, seq {}", receipt->slug, receipt->seq);
    SendJson(res, ReceiptJson(*receipt));
  });
}

void ValidateCity(ApiContext& ctx, const Request& req, Response& res) {
  auto bundle = ctx.kb.ValidateBundle(req.body);
  if (!bundle.ok()) return SendError(res, bundle.status());
  SendJson(res, {{"valid", true},
                 {"slug", bundle->city.slug},
                 {"documents", bundle->documents.size()},
                 {"people", bundle->people.size()}});
}

// --- The table.

using Handler = void (*)(ApiContext&, const Request&, Response&);

struct Route {
  const char* method;
  const char* pattern;
  Handler handler;
};

const std::vector<Route>& RouteTable() {
  static const std::vector<Route> routes = {
      {"GET", "/api/search", Search},
      {"GET", "/api/suggest", Suggest},
      {"GET", "/api/documents/([^/]+)", GetDocument},
      {"GET", "/api/documents/([^/]+)/similar", Similar},
      {"GET", "/api/taxonomy", Taxonomy},
      {"GET", "/api/changes", Changes},
      {"GET", "/api/replication/batch", ReplicationBatch},
      {"GET", "/api/health", Health},
      {"GET", "/api/openapi.json", OpenApi},
      {"GET", "/api/cities", Cities},
      {"GET", "/api/cities/([^/]+)", City},
      {"GET", "/api/cities/([^/]+)/similar", SimilarCities},
      {"GET", "/api/compare", Compare},
      {"GET", "/api/sources", Sources},
      {"GET", "/api/sources/([^/]+)", SourceRoute},
      {"GET", "/api/people/([^/]+)", PersonRoute},
      {"GET", "/api/timeline", Timeline},
      {"POST", "/api/cities", PutCity},
      {"POST", "/api/cities/validate", ValidateCity},
      {"DELETE", "/api/cities/([^/]+)", DeleteCity},
  };
  return routes;
}

}  // namespace

void RegisterRoutes(httplib::Server& server, ApiContext& context) {
  for (const Route& route : RouteTable()) {
    auto handler = [&context, h = route.handler](const Request& req, Response& res) { h(context, req, res); };
    const std::string method = route.method;
    if (method == "GET")
      server.Get(route.pattern, handler);
    else if (method == "POST")
      server.Post(route.pattern, handler);
    else if (method == "DELETE")
      server.Delete(route.pattern, handler);
  }
}

}  // namespace citykb
