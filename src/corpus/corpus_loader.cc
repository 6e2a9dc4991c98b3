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
  if (!JsonDepthWithin(text, kMaxDepth))
    return Status::ValidationFailed({{"", "/", "JSON nested too deeply"}});
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
    if (e.label.fr.empty() || e.label.en.empty())
      problems.push_back({"", p + "/label", "needs \"fr\" and \"en\""});
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
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
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
  std::vector<Source> out;
  std::vector<Problem> problems;
  const json& arr = j->at("sources");
  for (size_t i = 0; i < arr.size(); ++i) {
    Source s;
    if (arr[i].is_object()) s = arr[i].get<Source>();
    const std::string p = "/sources/" + std::to_string(i);
    if (!IsSlug(s.id)) problems.push_back({"", p + "/id", "must be a lowercase slug"});
    if (s.title.empty()) problems.push_back({"", p + "/title", "is required"});
    out.push_back(std::move(s));
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
    if (t.ok()) corpus.taxonomy = *t;
    else Append(problems, WithFile(t.status(), "taxonomy.json"));
  }
  if (auto text = read("sources.json", true)) {
    auto s = ParseSources(*text);
    if (s.ok()) corpus.sources = *s;
    else Append(problems, WithFile(s.status(), "sources.json"));
  }
  if (auto text = read("synonyms.json", false)) {
    auto s = ParseSynonyms(*text);
    if (s.ok()) corpus.synonyms = *s;
    else Append(problems, WithFile(s.status(), "synonyms.json"));
  }
  if (!problems.empty()) return Status::ValidationFailed(std::move(problems));

  ValidationContext context;
  context.taxonomy = &corpus.taxonomy;
  for (const auto& s : corpus.sources) context.source_ids.insert(s.id);

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
    for (const auto& d : bundle->documents) context.document_owner.emplace(d.id, slug);
    for (const auto& p : bundle->people) context.person_owner.emplace(p.id, slug);
    corpus.bundles.push_back(std::move(*bundle));
  }
  if (!problems.empty()) return Status::ValidationFailed(std::move(problems));
  return corpus;
}

}  // namespace citykb
