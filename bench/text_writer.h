// Writes synthetic prose in one language: Zipf-distributed words from a
// Vocabulary, mixed with the small vocabularies of the document's topics
// (its themes, its city), sentence case, commas, and French elisions
// (l'économie, d'une). Immutable after construction; the Rng carries state.
#pragma once

#include <string>
#include <vector>

#include "random.h"
#include "word_lists.h"

namespace citykb::bench {

// A small vocabulary a theme or a city favours: ranks into the Vocabulary.
struct Topic {
  std::vector<uint32_t> ranks;
  WeightedSampler sampler;  // Zipf over `ranks`
};

class TextWriter {
 public:
  // `zipf_s` is the exponent of the word-frequency law (1.0 for natural text).
  TextWriter(const Vocabulary& vocabulary, double zipf_s);

  // A topic of `size` words drawn from the mid-frequency ranks.
  Topic MakeTopic(Rng& rng, size_t size) const;

  // A sentence of `words` words ending with a full stop.
  std::string Sentence(Rng& rng, int words, const std::vector<const Topic*>& topics) const;
  // A title: capitalised, no final stop.
  std::string Title(Rng& rng, int words, const std::vector<const Topic*>& topics) const;
  // Sentences of 6 to 28 words until `sentences` are written or the next one
  // would pass `max_bytes`.
  std::string Paragraph(Rng& rng, int sentences, const std::vector<const Topic*>& topics, size_t max_bytes) const;
  // One content word (never a function word), for names.
  const std::string& ContentWord(Rng& rng, size_t min_rank, size_t max_rank) const;

 private:
  std::vector<std::string> Words(Rng& rng, int n, const std::vector<const Topic*>& topics) const;
  std::string Join(const std::vector<std::string>& words) const;

  const Vocabulary& vocabulary_;
  WeightedSampler zipf_;
};

}  // namespace citykb::bench
