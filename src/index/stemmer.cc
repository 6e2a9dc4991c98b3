#include "index/stemmer.h"

#include <xapian.h>

namespace citykb {

class Stemmer::Impl {
 public:
  Xapian::Stem fr{"french"};
  Xapian::Stem en{"english"};
};

Stemmer::Stemmer() : impl_(std::make_unique<Impl>()) {}
Stemmer::~Stemmer() = default;

std::string Stemmer::Stem(std::string_view folded_word, Lang lang) {
  const std::string w(folded_word);
  return lang == Lang::kFr ? impl_->fr(w) : impl_->en(w);
}

}  // namespace citykb
