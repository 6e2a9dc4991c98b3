// Shared pieces of the C++ tests: temporary directories and a knowledge
// base loaded with the shipped corpus.
#pragma once

#include <memory>
#include <string>

#include "kb/knowledge_base.h"

namespace citykb::testing {

// A fresh directory under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Path of a file of the source tree ("corpus", "tests/fixtures/...").
std::string SourcePath(const std::string& relative);

// Reads a file of the source tree.
std::string ReadSource(const std::string& relative);

// A city bundle holding only what a city requires (slug, name,
// organisation, country, summary): tests add people and documents.
Bundle TestCity(const std::string& slug);

// The shipped taxonomy, sources and synonyms with `bundles` as its cities.
Corpus ShippedCorpusWith(std::vector<Bundle> bundles);

// A knowledge base in `dir` with the shipped corpus loaded, keeping
// `search_cache_entries` results for repeated searches.
std::unique_ptr<KnowledgeBase> OpenWithCorpus(const std::string& dir, size_t search_cache_entries = 0);

}  // namespace citykb::testing
