// The French and English dictionaries (Debian's wfrench, wamerican and
// wbritish word lists in /usr/share/dict), folded: spelling suggestions are
// only made for words they do not hold.
#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "index/index_impl.h"
#include "text/text_analysis.h"

namespace citykb {

namespace {

constexpr const char* kWordLists[] = {"/usr/share/dict/french", "/usr/share/dict/american-english",
                                      "/usr/share/dict/british-english"};

// Every word of the lists, folded, sorted and unique. Read once, on first
// use; a missing list is skipped (then only the index decides).
const std::vector<std::string>& Words() {
  static const std::vector<std::string> words = [] {
    std::vector<std::string> out;
    for (const char* path : kWordLists) {
      std::ifstream in(path);
      std::string line;
      while (std::getline(in, line)) {
        if (line.empty() || line.find('\'') != std::string::npos) continue;  // possessives: "city's"
        if (!IsValidUtf8(line)) continue;
        out.push_back(Fold(line));
      }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    out.shrink_to_fit();
    return out;
  }();
  return words;
}

}  // namespace

bool IsDictionaryWord(const std::string& folded) {
  const auto& words = Words();
  return std::binary_search(words.begin(), words.end(), folded);
}

}  // namespace citykb
