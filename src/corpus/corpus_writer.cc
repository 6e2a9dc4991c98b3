#include "corpus/corpus_writer.h"

#include <filesystem>
#include <fstream>

#include "model/model_json.h"
#include "store/store.h"

namespace citykb {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

Status Write(const fs::path& path, const json& j) {
  // Written beside, then renamed: a reader never sees half a file.
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << j.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
    if (!out) return Status::Internal("cannot write " + tmp.string());
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) return Status::Internal("cannot write " + path.string() + ": " + ec.message());
  return Status::Ok();
}

}  // namespace

Result<int> ExportCorpus(const Store& store, const std::string& dir) {
  std::error_code ec;
  fs::create_directories(fs::path(dir) / "cities", ec);
  if (ec) return Status::InvalidArgument("cannot create " + dir + ": " + ec.message());
  auto tax = store.GetTaxonomy();
  if (!tax.ok()) return tax.status();
  auto sources = store.ListSources();
  if (!sources.ok()) return sources.status();
  auto synonyms = store.ListSynonyms();
  if (!synonyms.ok()) return synonyms.status();
  auto indicators = store.ListIndicatorDefinitions();
  if (!indicators.ok()) return indicators.status();
  auto cities = store.ListCities();
  if (!cities.ok()) return cities.status();
  for (const auto& [name, j] :
       std::vector<std::pair<const char*, json>>{{"taxonomy.json", json(*tax)},
                                                 {"sources.json", json{{"sources", *sources}}},
                                                 {"synonyms.json", json{{"synonyms", *synonyms}}},
                                                 {"indicators.json", json{{"indicators", *indicators}}}}) {
    if (Status s = Write(fs::path(dir) / name, j); !s.ok()) return s;
  }
  int files = 4;
  auto general = store.GetBundle("");
  if (!general.ok()) return general.status();
  if (*general) {
    if (Status s = Write(fs::path(dir) / "general.json", BundleToJson(**general, true)); !s.ok()) return s;
    ++files;
  }
  for (const auto& c : *cities) {
    auto bundle = store.GetBundle(c.city.slug);
    if (!bundle.ok()) return bundle.status();
    if (!*bundle) continue;
    if (Status s = Write(fs::path(dir) / "cities" / (c.city.slug + ".json"), BundleToJson(**bundle, true)); !s.ok())
      return s;
    ++files;
  }
  return files;
}

}  // namespace citykb
