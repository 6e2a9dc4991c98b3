// Stemming of folded words, French or English (Snowball through Xapian).
// Not safe to share across threads: give each thread its own Stemmer.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "model/model.h"

namespace citykb {

class Stemmer {
 public:
  Stemmer();
  ~Stemmer();
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;

  // The stem of an already folded word (see Fold): "energie" -> "energi".
  std::string Stem(std::string_view folded_word, Lang lang);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace citykb
