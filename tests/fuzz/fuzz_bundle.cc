// libFuzzer target: the validator of untrusted city bundles
// (src/corpus/bundle_parser.h), checked against the shipped corpus's
// taxonomy, sources and id owners, behind the same depth gate as the API.
// A bundle is either refused with kValidationFailed and at least one
// problem, or accepted and then serialises to JSON that validates again.
#include <cstdint>

#include "corpus/bundle_parser.h"
#include "corpus/corpus_loader.h"
#include "fuzz_support.h"
#include "model/model_json.h"

using citykb::fuzz::Check;

namespace {

struct Fixture {
  citykb::Corpus corpus;
  citykb::ValidationContext context;
};

const Fixture& TheFixture() {
  static const Fixture* fixture = [] {
    auto* f = new Fixture();
    auto corpus = citykb::LoadCorpus(std::string(CITYKB_SOURCE_DIR) + "/corpus");
    Check(corpus.ok(), "the shipped corpus loads");
    f->corpus = std::move(*corpus);
    f->context.taxonomy = &f->corpus.taxonomy;
    for (const auto& s : f->corpus.sources) f->context.source_ids.insert(s.id);
    for (const auto& b : f->corpus.bundles) {
      for (const auto& d : b.documents) f->context.document_owner[d.id] = b.city.slug;
      for (const auto& p : b.people) f->context.person_owner[p.id] = b.city.slug;
    }
    return f;
  }();
  return *fixture;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)TheFixture();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = citykb::fuzz::AsText(data, size);
  const Fixture& f = TheFixture();
  if (!citykb::JsonDepthWithin(text, 32)) return 0;  // the API refuses these before parsing
  for (bool cross_city : {false, true}) {
    auto bundle = citykb::ParseBundleText(text, f.context, cross_city);
    if (!bundle.ok()) {
      Check(bundle.status().code() == citykb::StatusCode::kValidationFailed, "a refusal is kValidationFailed");
      Check(!bundle.status().problems().empty(), "a refusal lists its problems");
      continue;
    }
    // What was accepted is written out and must be accepted again.
    const std::string again = citykb::BundleToJson(*bundle).dump();
    auto reparsed = citykb::ParseBundleText(again, f.context, cross_city);
    Check(reparsed.ok(), "an accepted bundle, written out, validates again");
    Check(reparsed->documents.size() == bundle->documents.size(), "the round trip keeps every document");
  }
  return 0;
}
