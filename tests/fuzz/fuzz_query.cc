// libFuzzer target: query building and searching (src/index/index.h) on a
// small index built once from the shipped corpus. The input's first line is
// the query text, the second the city filter (comma-separated), and its
// first byte picks the sort order and the options. A search either answers
// or returns an error status; it never crashes, and an answer is sane.
#include <cstdint>
#include <memory>

#include "kb/knowledge_base.h"
#include "fuzz_support.h"
#include "text/text_analysis.h"

using citykb::fuzz::Check;

namespace {

citykb::KnowledgeBase& TheKb() {
  static citykb::KnowledgeBase* kb = [] {
    citykb::KnowledgeBaseOptions options;
    options.data_dir = citykb::fuzz::ScratchDir();
    auto opened = citykb::KnowledgeBase::Open(options);
    Check(opened.ok(), "the knowledge base opens");
    auto receipt = (*opened)->IngestCorpus(std::string(CITYKB_SOURCE_DIR) + "/corpus");
    Check(receipt.ok(), "the shipped corpus is ingested");
    return opened->release();
  }();
  return *kb;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)TheKb();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input = citykb::fuzz::AsText(data, size);
  const uint8_t options = size ? data[0] : 0;
  const std::string_view rest = size ? input.substr(1) : input;
  const size_t nl = rest.find('\n');
  const std::string_view text = rest.substr(0, nl);
  if (!citykb::IsValidUtf8(text) || text.size() > 2000) return 0;  // the API refuses these

  citykb::IndexQuery query;
  query.text = citykb::NormalizeQuery(text);
  if (nl != std::string_view::npos) {
    const std::string_view cities = rest.substr(nl + 1, 200);
    size_t start = 0;
    while (start < cities.size()) {
      size_t comma = std::min(cities.find(',', start), cities.size());
      if (comma > start) query.filters["city"].emplace_back(cities.substr(start, comma - start));
      start = comma + 1;
    }
  }
  query.sort = static_cast<citykb::SortOrder>(options % 3);
  query.synonyms = options & 4;
  query.facets = options & 8;
  query.offset = (options >> 4) * 3;
  query.limit = 1 + (options & 7);

  auto& index = TheKb().index();
  auto matches = index.Search(query);
  if (matches.ok()) {
    Check(matches->total >= 0 && static_cast<int64_t>(matches->hits.size()) <= query.limit, "a sane page of hits");
    for (const auto& [facet, counts] : matches->facets)
      for (const auto& [value, n] : counts) Check(n >= 0, "facet counts are not negative");
  }
  (void)index.Suggest(std::string(text.substr(0, 200)), (options & 1) ? citykb::Lang::kEn : citykb::Lang::kFr, 8);
  return 0;
}
