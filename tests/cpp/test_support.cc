#include "test_support.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include "corpus/corpus_loader.h"

namespace citykb::testing {

TempDir::TempDir() {
  std::string templ = (std::filesystem::temp_directory_path() / "citykb-test-XXXXXX").string();
  if (!mkdtemp(templ.data())) throw std::runtime_error("mkdtemp failed");
  path_ = templ;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string SourcePath(const std::string& relative) { return std::string(CITYKB_SOURCE_DIR) + "/" + relative; }

std::string ReadSource(const std::string& relative) {
  auto text = ReadFile(SourcePath(relative));
  REQUIRE(text.ok());
  return *text;
}

Bundle TestCity(const std::string& slug) {
  Bundle b;
  b.city.slug = slug;
  b.city.name = "Ville " + slug;
  b.city.organisation = "Métropole " + slug;
  b.city.country = "FR";
  b.city.summary = {"Ville de test.", "Test city."};
  return b;
}

Corpus ShippedCorpusWith(std::vector<Bundle> bundles) {
  auto shipped = LoadCorpus(SourcePath("corpus"));
  REQUIRE(shipped.ok());
  Corpus c;
  c.taxonomy = shipped->taxonomy;
  c.sources = shipped->sources;
  c.synonyms = shipped->synonyms;
  c.bundles = std::move(bundles);
  return c;
}

std::unique_ptr<KnowledgeBase> OpenWithCorpus(const std::string& dir, size_t search_cache_entries) {
  KnowledgeBaseOptions options;
  options.data_dir = dir;
  options.search_cache_entries = search_cache_entries;
  auto kb = KnowledgeBase::Open(options);
  REQUIRE(kb.ok());
  auto receipt = (*kb)->IngestCorpus(SourcePath("corpus"));
  if (!receipt.ok()) {
    for (const auto& p : receipt.status().problems()) UNSCOPED_INFO(p.file << " " << p.path << ": " << p.reason);
    UNSCOPED_INFO(receipt.status().message());
  }
  REQUIRE(receipt.ok());
  return std::move(*kb);
}

}  // namespace citykb::testing
