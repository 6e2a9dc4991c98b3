// The synthetic corpus: a seeded, deterministic writer of a corpus directory
// in the layout of corpus/ (taxonomy.json, sources.json, synonyms.json,
// cities/<slug>.json), with French and English prose from Debian's word
// lists, skewed city sizes and realistic multi-valued facets. The same
// options always give the same files.
#pragma once

#include <cstdint>
#include <string>

#include "util/status.h"

namespace citykb::bench {

struct GeneratorOptions {
  std::string out_dir;       // written (created if absent, cities/ emptied first)
  int64_t documents = 2000;  // total documents
  int cities = 0;            // 0 = documents / 200, between 4 and 1000
  uint64_t seed = 42;
  std::string source_corpus = "corpus";  // taxonomy, sources and synonyms are copied from here
  std::string french_words = "/usr/share/dict/french";
  std::string english_words = "/usr/share/dict/american-english";
  double zipf_s = 1.0;  // word-frequency exponent
};

// What was written.
struct GeneratedCorpus {
  int cities = 0;
  int64_t people = 0;
  int64_t documents = 0;
  int64_t bytes = 0;  // of the city bundles
};

// The id of the source every generated record cites.
inline constexpr char kSyntheticSource[] = "citykb-bench-synthetic";

// Writes the corpus. Errors: missing word lists or source corpus, I/O.
Result<GeneratedCorpus> GenerateCorpus(const GeneratorOptions& options);

}  // namespace citykb::bench
