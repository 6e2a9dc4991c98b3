#include "corpus/corpus_loader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "model/model_json.h"
#include "text/text_analysis.h"

namespace citykb {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

constexpr int kMaxDepth = 32;

Result<json> ParseJson(std::string_view text) {
  if (!IsValidUtf8(text)) return Status::ValidationFailed({{"", "/", "the file is not valid UTF-8"}});
  if (!JsonDepthWithin(text, kMaxDepth)) return Status::ValidationFailed({{"", "/", "JSON nested too deeply"}});
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded()) return Status::ValidationFailed({{"", "/", "not valid JSON"}});
  return j;
}

Status WithFile(const Status& s, const std::string& file) {
  if (s.code() != StatusCode::kValidationFailed) return s;
  std::vector<Problem> problems = s.problems();
  for (auto& p : problems) p.file = file;
  return Status::ValidationFailed(std::move(problems));
}

void Append(std::vector<Problem>& all, const Status& s) {
  all.insert(all.end(), s.problems().begin(), s.problems().end());
  if (s.problems().empty() && !s.ok()) all.push_back({"", "/", s.message()});
}

std::vector<TaxonomyEntry> ParseEntries(const json& j, const char* key, std::vector<Problem>& problems) {
  std::vector<TaxonomyEntry> out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) {
    problems.push_back({"", std::string("/") + key, "must be an array"});
    return out;
  }
  for (size_t i = 0; i < it->size(); ++i) {
    const std::string p = std::string("/") + key + "/" + std::to_string(i);
    const json& v = (*it)[i];
    TaxonomyEntry e;
    if (v.is_object()) e = v.get<TaxonomyEntry>();
    if (!IsSlug(e.slug)) problems.push_back({"", p + "/slug", "must be a lowercase slug"});
    if (e.label.fr.empty() || e.label.en.empty()) problems.push_back({"", p + "/label", "needs \"fr\" and \"en\""});
    if (std::any_of(out.begin(), out.end(), [&](const TaxonomyEntry& o) { return o.slug == e.slug; }))
      problems.push_back({"", p + "/slug", "duplicate slug '" + e.slug + "'"});
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

bool JsonDepthWithin(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return false;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return true;
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Result<Taxonomy> ParseTaxonomy(std::string_view text) {
  auto j = ParseJson(text);
  if (!j.ok()) return j.status();
  std::vector<Problem> problems;
  if (!j->is_object()) return Status::ValidationFailed({{"", "/", "must be an object"}});
  Taxonomy t;
  t.themes = ParseEntries(*j, "themes", problems);
  t.stakeholders = ParseEntries(*j, "stakeholders", problems);
  t.kinds = ParseEntries(*j, "kinds", problems);
  if (!problems.empty()) return Status::ValidationFailed(std::move(problems));
  return t;
}

Result<std::vector<Source>> ParseSources(std::string_view text) {
  auto j = ParseJson(text);
  if (!j.ok()) return j.status();
  if (!j->is_object() || !j->contains("sources") || !j->at("sources").is_array())
    return Status::ValidationFailed({{"", "/sources", "must be an array"}});
  // Checked by the bundle parser, as the sources a bundle brings: the same
  // rules and messages wherever a source is defined.
  const Taxonomy none;
  ValidationContext context;
  context.taxonomy = &none;
  json as_bundle = {{"sources", j->at("sources")}, {"people", json::array()}, {"documents", json::array()}};
  auto bundle = ParseBundle(as_bundle, context, true);
  if (!bundle.ok()) return bundle.status();
  return bundle->sources;
}

Result<std::vector<IndicatorDefinition>> ParseIndicatorDefinitions(std::string_view text) {
  auto j = ParseJson(text);
  if (!j.ok()) return j.status();
  if (!j->is_object() || !j->contains("indicators") || !j->at("indicators").is_array())
    return Status::ValidationFailed({{"", "/indicators", "must be an array"}});
  std::vector<IndicatorDefinition> out;
  std::vector<Problem> problems;
  const json& arr = j->at("indicators");
  for (size_t i = 0; i < arr.size(); ++i) {
    IndicatorDefinition d;
    if (arr[i].is_object()) d = arr[i].get<IndicatorDefinition>();
    const std::string p = "/indicators/" + std::to_string(i);
    if (!IsSlug(d.name)) problems.push_back({"", p + "/name", "must be a lowercase slug"});
    if (d.label.fr.empty() || d.label.en.empty()) problems.push_back({"", p + "/label", "needs \"fr\" and \"en\""});
    if (d.unit.empty()) problems.push_back({"", p + "/unit", "is required"});
    if (d.definition.fr.empty() || d.definition.en.empty())
      problems.push_back({"", p + "/definition", "needs \"fr\" and \"en\""});
    if (std::any_of(out.begin(), out.end(), [&](const IndicatorDefinition& o) { return o.name == d.name; }))
      problems.push_back({"", p + "/name", "duplicate indicator '" + d.name + "'"});
    out.push_back(std::move(d));
  }
  if (!problems.empty()) return Status::ValidationFailed(std::move(problems));
  return out;
}

Result<std::vector<SynonymGroup>> ParseSynonyms(std::string_view text) {
  auto j = ParseJson(text);
  if (!j.ok()) return j.status();
  if (!j->is_object() || !j->contains("synonyms") || !j->at("synonyms").is_array())
    return Status::ValidationFailed({{"", "/synonyms", "must be an array of arrays of strings"}});
  std::vector<SynonymGroup> out;
  std::vector<Problem> problems;
  const json& arr = j->at("synonyms");
  for (size_t i = 0; i < arr.size(); ++i) {
    SynonymGroup g;
    const json& v = arr[i];
    bool ok = v.is_array() && v.size() >= 2;
    if (ok)
      for (const json& e : v) ok = ok && e.is_string() && !e.get<std::string>().empty();
    if (!ok) {
      problems.push_back({"", "/synonyms/" + std::to_string(i), "must be an array of two or more strings"});
      continue;
    }
    for (const json& e : v) g.push_back(e.get<std::string>());
    out.push_back(std::move(g));
  }
  if (!problems.empty()) return Status::ValidationFailed(std::move(problems));
  return out;
}

Result<Corpus> LoadCorpus(const std::string& dir) {
  Corpus corpus;
  std::vector<Problem> problems;

  auto read = [&](const std::string& name, bool required) -> std::optional<std::string> {
    auto text = ReadFile(dir + "/" + name);
    if (!text.ok()) {
      if (required) problems.push_back({name, "/", "missing file"});
      return std::nullopt;
    }
    return *text;
  };

  if (auto text = read("taxonomy.json", true)) {
    auto t = ParseTaxonomy(*text);
    if (t.ok())
      corpus.taxonomy = *t;
    else
      Append(problems, WithFile(t.status(), "taxonomy.json"));
  }
  if (auto text = read("sources.json", true)) {
    auto s = ParseSources(*text);
    if (s.ok())
      corpus.sources = *s;
    else
      Append(problems, WithFile(s.status(), "sources.json"));
  }
  if (auto text = read("indicators.json", false)) {
    auto d = ParseIndicatorDefinitions(*text);
    if (d.ok())
      corpus.indicators = *d;
    else
      Append(problems, WithFile(d.status(), "indicators.json"));
  }
  if (auto text = read("synonyms.json", false)) {
    auto s = ParseSynonyms(*text);
    if (s.ok())
      corpus.synonyms = *s;
    else
      Append(problems, WithFile(s.status(), "synonyms.json"));
  }
  if (!problems.empty()) return Status::ValidationFailed(std::move(problems));

  ValidationContext context;
  context.taxonomy = &corpus.taxonomy;
  for (const auto& s : corpus.sources) context.source_ids.insert(s.id);
  for (const auto& d : corpus.indicators) context.indicators.emplace(d.name, d);

  std::vector<std::pair<std::string, bool>> files;  // relative path, cross-city
  if (fs::exists(dir + "/general.json")) files.push_back({"general.json", true});
  std::vector<std::string> cities;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir + "/cities", ec))
    if (entry.path().extension() == ".json") cities.push_back("cities/" + entry.path().filename().string());
  std::sort(cities.begin(), cities.end());
  for (auto& c : cities) files.push_back({c, false});

  for (const auto& [name, cross_city] : files) {
    auto text = read(name, true);
    if (!text) continue;
    auto bundle = ParseBundleText(*text, context, cross_city);
    if (!bundle.ok()) {
      Append(problems, WithFile(bundle.status(), name));
      continue;
    }
    const std::string& slug = bundle->city.slug;
    const std::string expected = fs::path(name).stem().string();
    if (!cross_city && slug != expected)
      problems.push_back({name, "/city/slug", "must match the file name ('" + expected + "')"});
    for (const auto& b : corpus.bundles)
      if (!cross_city && b.city.slug == slug)
        problems.push_back({name, "/city/slug", "city '" + slug + "' is defined twice"});
    // A source brought by several bundles must be the same everywhere.
    for (size_t i = 0; i < bundle->sources.size(); ++i) {
      const Source& s = bundle->sources[i];
      auto same =
          std::find_if(corpus.sources.begin(), corpus.sources.end(), [&](const Source& o) { return o.id == s.id; });
      if (same == corpus.sources.end())
        corpus.sources.push_back(s);
      else if (!(*same == s))
        problems.push_back({name, "/sources/" + std::to_string(i),
                            "source '" + s.id + "' is defined differently elsewhere in the corpus"});
    }
    for (const auto& d : bundle->documents) context.document_owner.emplace(d.id, slug);
    for (const auto& p : bundle->people) context.person_owner.emplace(p.id, slug);
    corpus.bundles.push_back(std::move(*bundle));
  }
  if (!problems.empty()) return Status::ValidationFailed(std::move(problems));
  return corpus;
}

}  // namespace citykb
