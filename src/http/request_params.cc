#include "http/request_params.h"

#include <algorithm>
#include <charconv>
#include <optional>

#include "model/facet.h"
#include "text/text_analysis.h"

namespace citykb {

namespace {

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

Status CheckUtf8(const QueryParams& params) {
  for (const auto& [key, value] : params)
    if (!IsValidUtf8(value)) return Status::InvalidArgument(key + " is not valid UTF-8", key);
  return Status::Ok();
}

size_t CharCount(std::string_view text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xc0) != 0x80;
  return n;
}

Result<std::string> TextParam(const QueryParams& params, const std::string& key, size_t max_chars) {
  auto [begin, end] = params.equal_range(key);
  for (auto it = begin; it != end; ++it) {
    if (!IsValidUtf8(it->second)) return Status::InvalidArgument(key + " is not valid UTF-8", key);
    if (CharCount(it->second) > max_chars)
      return Status::InvalidArgument(key + " is longer than " + std::to_string(max_chars) + " characters", key);
  }
  return begin == end ? std::string() : begin->second;
}

Result<std::string> EnumParam(const QueryParams& params, const std::string& key, const std::string& fallback,
                              const std::vector<std::string>& allowed) {
  auto [begin, end] = params.equal_range(key);
  for (auto it = begin; it != end; ++it) {
    if (it->second.empty() || std::find(allowed.begin(), allowed.end(), it->second) != allowed.end()) continue;
    std::string message = key + " must be ";
    for (size_t i = 0; i < allowed.size(); ++i)
      message.append(i == 0 ? "" : i + 1 == allowed.size() ? " or " : ", ").append(allowed[i]);
    return Status::InvalidArgument(message, key);
  }
  return begin == end || begin->second.empty() ? fallback : begin->second;
}

Result<int> IntParam(const QueryParams& params, const std::string& key, int fallback, int min, int max) {
  auto [begin, end] = params.equal_range(key);
  for (auto it = begin; it != end; ++it) {
    const std::string& v = it->second;
    if (v.empty()) continue;
    int value = 0;
    auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), value);
    if (ec != std::errc() || ptr != v.data() + v.size() || value < min || value > max)
      return Status::InvalidArgument(
          key + " must be an integer from " + std::to_string(min) + " to " + std::to_string(max), key);
  }
  if (begin == end || begin->second.empty()) return fallback;
  return std::stoi(begin->second);
}

Result<bool> BoolParam(const QueryParams& params, const std::string& key, bool fallback) {
  auto [begin, end] = params.equal_range(key);
  std::optional<bool> first;
  for (auto it = begin; it != end; ++it) {
    if (it->second.empty()) continue;
    const std::string v = Fold(it->second);
    bool value;
    if (v == "1" || v == "true" || v == "on" || v == "yes")
      value = true;
    else if (v == "0" || v == "false" || v == "off" || v == "no")
      value = false;
    else
      return Status::InvalidArgument(key + " must be 1 or 0", key);
    if (!first && it == begin) first = value;
  }
  return first.value_or(fallback);
}

Result<Lang> LangParam(const QueryParams& params) {
  auto lang = EnumParam(params, "lang", "fr", {"fr", "en"});
  if (!lang.ok()) return lang.status();
  return *lang == "en" ? Lang::kEn : Lang::kFr;
}

const std::vector<std::string>& KindValues() {
  static const std::vector<std::string> kinds = {"profile", "role", "practice", "interview", "milestone"};
  return kinds;
}

Status CheckKinds(const std::vector<std::string>& values, const std::string& field) {
  for (const auto& v : values)
    if (std::find(KindValues().begin(), KindValues().end(), v) == KindValues().end())
      return Status::InvalidArgument(field + " must be profile, role, practice, interview or milestone", field);
  return Status::Ok();
}

Result<SearchRequest> ParseSearchRequest(const QueryParams& params) {
  SearchRequest r;
  RETURN_IF_ERROR(CheckUtf8(params));
  auto q = TextParam(params, "q", kMaxQueryChars);
  if (!q.ok()) return q.status();
  r.q = *q;
  for (const FacetSpec& spec : kFacets) {
    const std::string facet = spec.name;
    auto values = ListParam(params, facet);
    if (values.size() > kMaxValuesPerFacet)
      return Status::InvalidArgument("at most " + std::to_string(kMaxValuesPerFacet) + " values of " + facet, facet);
    for (const auto& v : values)
      if (CharCount(v) > kMaxFacetValueChars)
        return Status::InvalidArgument(
            facet + " values are slugs of at most " + std::to_string(kMaxFacetValueChars) + " characters", facet);
    if (spec.facet == Facet::kKind)
      if (Status s = CheckKinds(values, facet); !s.ok()) return s;
    if (!values.empty()) r.filters[facet] = std::move(values);
  }
  auto lang = LangParam(params);
  if (!lang.ok()) return lang.status();
  r.lang = *lang;
  auto sort = EnumParam(params, "sort", "relevance", {"relevance", "date", "updated", "city"});
  if (!sort.ok()) return sort.status();
  r.sort = *sort == "updated" ? SortOrder::kUpdated
           : *sort == "date"  ? SortOrder::kDate
           : *sort == "city"  ? SortOrder::kCity
                              : SortOrder::kRelevance;
  auto facet_sort = EnumParam(params, "facet_sort", "count", {"count", "alpha", "taxonomy"});
  if (!facet_sort.ok()) return facet_sort.status();
  r.facet_sort = *facet_sort == "alpha"      ? FacetSort::kAlpha
                 : *facet_sort == "taxonomy" ? FacetSort::kTaxonomy
                                             : FacetSort::kCount;
  auto per_page = IntParam(params, "per_page", 10, 1, 100);
  if (!per_page.ok()) return per_page.status();
  r.per_page = *per_page;
  // Deep pages are refused: page at most 100, so offsets stay under 10,000.
  auto page = IntParam(params, "page", 1, 1, kMaxPage);
  if (!page.ok()) return page.status();
  r.page = *page;
  auto explain = BoolParam(params, "explain", false);
  if (!explain.ok()) return explain.status();
  r.explain = *explain;
  auto synonyms = EnumParam(params, "synonyms", "on", {"on", "off", "1", "0"});
  if (!synonyms.ok()) return Status::InvalidArgument("synonyms must be on or off", "synonyms");
  r.synonyms = *synonyms == "on" || *synonyms == "1";
  auto spell = EnumParam(params, "spell", "on", {"on", "off", "1", "0"});
  if (!spell.ok()) return Status::InvalidArgument("spell must be on or off", "spell");
  r.spelling = *spell == "on" || *spell == "1";
  return r;
}

}  // namespace citykb
