// libFuzzer target: the text analysis shared by indexing, querying and
// highlighting (src/text/text_analysis.h), on arbitrary bytes. Besides not
// crashing, the results must keep their promises: folding and sanitising
// give valid UTF-8 (Fold's shortcut the same as ICU's), words lie inside the text in order, French comparison
// is antisymmetric.
#include <cstdint>

#include "fuzz_support.h"
#include "text/text_analysis.h"

using citykb::fuzz::Check;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = citykb::fuzz::AsText(data, size);

  const std::string folded = citykb::Fold(text);
  Check(citykb::IsValidUtf8(folded), "Fold gives valid UTF-8");
  Check(folded == citykb::FoldWithIcu(text), "Fold's shortcut folds as ICU does");
  const std::string sane = citykb::SanitizeUtf8(text);
  Check(citykb::IsValidUtf8(sane), "SanitizeUtf8 gives valid UTF-8");
  if (citykb::IsValidUtf8(text)) Check(sane == text, "SanitizeUtf8 keeps valid UTF-8 as it is");

  size_t last_end = 0;
  for (const auto& w : citykb::SplitWords(text)) {
    Check(w.begin >= last_end, "words are in order and do not overlap");
    Check(w.begin <= w.key_begin && w.key_begin < w.end && w.end <= size, "a word lies inside the text");
    // A run of combining marks alone is a word whose key folds to nothing:
    // searched, it matches like an empty query.
    last_end = w.end;
  }

  (void)citykb::NormalizeText(text);
  const std::string query = citykb::NormalizeQuery(text);
  Check(citykb::IsValidUtf8(query) || !citykb::IsValidUtf8(text), "NormalizeQuery keeps valid UTF-8 valid");
  (void)citykb::Lower(text);

  const std::string_view a = text.substr(0, size / 2), b = text.substr(size / 2);
  const int ab = citykb::CompareFrench(a, b), ba = citykb::CompareFrench(b, a);
  Check((ab < 0) == (ba > 0) && (ab == 0) == (ba == 0), "CompareFrench is antisymmetric");
  Check(citykb::CompareFrench(a, a) == 0, "CompareFrench(a, a) == 0");
  return 0;
}
