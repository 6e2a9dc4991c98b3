// citykb_bench_generate: writes a synthetic corpus directory.
//   citykb_bench_generate --out DIR [--documents N | --profile S|M|L|XL] [--seed N]
//                         [--corpus corpus] [--cities N]
#include <cstdio>
#include <cstring>
#include <string>

#include "corpus_generator.h"
#include "profiles.h"

int main(int argc, char** argv) {
  citykb::bench::GeneratorOptions options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const char* value = i + 1 < argc ? argv[i + 1] : nullptr;
    auto need = [&]() -> const char* {
      if (!value) {
        std::fprintf(stderr, "%s needs a value\n", arg.c_str());
        std::exit(2);
      }
      ++i;
      return value;
    };
    if (arg == "--out")
      options.out_dir = need();
    else if (arg == "--documents")
      options.documents = std::stoll(need());
    else if (arg == "--profile") {
      auto profile = citykb::bench::FindProfile(need());
      if (!profile) {
        std::fprintf(stderr, "unknown profile (S, M, L or XL)\n");
        return 2;
      }
      options.documents = profile->documents;
    } else if (arg == "--seed")
      options.seed = std::stoull(need());
    else if (arg == "--corpus")
      options.source_corpus = need();
    else if (arg == "--cities")
      options.cities = std::stoi(need());
    else if (arg == "--french-words")
      options.french_words = need();
    else if (arg == "--english-words")
      options.english_words = need();
    else {
      std::fprintf(stderr, "usage: %s --out DIR [--profile S|M|L|XL | --documents N] [--seed N] [--corpus DIR]\n",
                   argv[0]);
      return 2;
    }
  }
  if (options.out_dir.empty()) {
    std::fprintf(stderr, "--out is required\n");
    return 2;
  }
  auto result = citykb::bench::GenerateCorpus(options);
  if (!result.ok()) {
    std::fprintf(stderr, "error: %s\n", result.status().message().c_str());
    return 1;
  }
  std::printf("wrote %lld documents, %lld people, %d cities (%.1f MB) to %s\n",
              static_cast<long long>(result->documents), static_cast<long long>(result->people), result->cities,
              static_cast<double>(result->bytes) / 1e6, options.out_dir.c_str());
  return 0;
}
