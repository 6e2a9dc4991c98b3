#include "http/request_params.h"

#include <algorithm>
#include <charconv>

#include "text/text_analysis.h"

namespace citykb {

namespace {
constexpr size_t kMaxQueryBytes = 2000;
constexpr size_t kMaxValuesPerFacet = 50;

std::string Trim(std::string s) {
  const auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}
}  // namespace

std::vector<std::string> ListParam(const QueryParams& params, const std::string& key) {
  std::vector<std::string> out;
  auto [begin, end] = params.equal_range(key);
  for (auto it = begin; it != end; ++it) {
    size_t start = 0;
    const std::string& v = it->second;
    while (start <= v.size()) {
      size_t comma = v.find(',', start);
      if (comma == std::string::npos) comma = v.size();
      std::string item = Trim(v.substr(start, comma - start));
      if (!item.empty() && std::find(out.begin(), out.end(), item) == out.end()) out.push_back(item);
      start = comma + 1;
    }
  }
  return out;
}

std::string Param(const QueryParams& params, const std::string& key, const std::string& fallback) {
  auto it = params.find(key);
  return it == params.end() ? fallback : it->second;
}

Result<int> IntParam(const QueryParams& params, const std::string& key, int fallback, int min, int max) {
  auto it = params.find(key);
  if (it == params.end() || it->second.empty()) return fallback;
  const std::string& v = it->second;
  int value = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), value);
  if (ec != std::errc() || ptr != v.data() + v.size() || value < min || value > max)
    return Status::InvalidArgument(key + " must be an integer from " + std::to_string(min) + " to " +
                                       std::to_string(max),
                                   key);
  return value;
}

Result<bool> BoolParam(const QueryParams& params, const std::string& key, bool fallback) {
  auto it = params.find(key);
  if (it == params.end() || it->second.empty()) return fallback;
  const std::string v = Fold(it->second);
  if (v == "1" || v == "true" || v == "on" || v == "yes") return true;
  if (v == "0" || v == "false" || v == "off" || v == "no") return false;
  return Status::InvalidArgument(key + " must be 1 or 0", key);
}

Result<Lang> LangParam(const QueryParams& params) {
  const std::string lang = Param(params, "lang", "fr");
  if (lang == "fr" || lang.empty()) return Lang::kFr;
  if (lang == "en") return Lang::kEn;
  return Status::InvalidArgument("lang must be fr or en", "lang");
}

Result<SearchRequest> ParseSearchRequest(const QueryParams& params) {
  SearchRequest r;
  for (const auto& [key, value] : params)
    if (!IsValidUtf8(value)) return Status::InvalidArgument(key + " is not valid UTF-8", key);
  r.q = Param(params, "q");
  if (r.q.size() > kMaxQueryBytes)
    return Status::InvalidArgument("q is longer than " + std::to_string(kMaxQueryBytes) + " bytes", "q");
  for (const std::string& facet : FacetNames()) {
    auto values = ListParam(params, facet);
    if (values.size() > kMaxValuesPerFacet)
      return Status::InvalidArgument("at most " + std::to_string(kMaxValuesPerFacet) + " values of " + facet,
                                     facet);
    for (const auto& v : values)
      if (v.size() > 64) return Status::InvalidArgument(facet + " values are slugs of at most 64 bytes", facet);
    if (!values.empty()) r.filters[facet] = std::move(values);
  }
  auto lang = LangParam(params);
  if (!lang.ok()) return lang.status();
  r.lang = *lang;
  const std::string sort = Param(params, "sort", "relevance");
  if (sort == "relevance" || sort.empty()) r.sort = SortOrder::kRelevance;
  else if (sort == "updated") r.sort = SortOrder::kUpdated;
  else if (sort == "date") r.sort = SortOrder::kDate;
  else if (sort == "city") r.sort = SortOrder::kCity;
  else return Status::InvalidArgument("sort must be relevance, date, updated or city", "sort");
  const std::string facet_sort = Param(params, "facet_sort", "count");
  if (facet_sort == "count" || facet_sort.empty()) r.facet_sort = FacetSort::kCount;
  else if (facet_sort == "alpha") r.facet_sort = FacetSort::kAlpha;
  else if (facet_sort == "taxonomy") r.facet_sort = FacetSort::kTaxonomy;
  else return Status::InvalidArgument("facet_sort must be count, alpha or taxonomy", "facet_sort");
  auto per_page = IntParam(params, "per_page", 10, 1, 100);
  if (!per_page.ok()) return per_page.status();
  r.per_page = *per_page;
  // Deep pages are refused: offset at most 10,000.
  auto page = IntParam(params, "page", 1, 1, 10000 / r.per_page);
  if (!page.ok()) return page.status();
  r.page = *page;
  auto explain = BoolParam(params, "explain", false);
  if (!explain.ok()) return explain.status();
  r.explain = *explain;
  const std::string synonyms = Param(params, "synonyms", "on");
  if (synonyms != "on" && synonyms != "off" && synonyms != "1" && synonyms != "0")
    return Status::InvalidArgument("synonyms must be on or off", "synonyms");
  r.synonyms = synonyms == "on" || synonyms == "1";
  return r;
}

}  // namespace citykb
