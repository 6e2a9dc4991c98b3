// French and English stop words, ignored in plain queries.
#include <string>
#include <unordered_set>

#include "index/index_impl.h"

namespace citykb {

bool IsStopWord(const std::string& folded) {
  static const std::unordered_set<std::string> words = {
      // French (folded)
      "a", "au", "aux", "avec", "ce", "ces", "cet", "cette", "dans", "de", "des", "du", "elle", "en", "et", "eux", "il",
      "ils", "je", "la", "le", "les", "leur", "leurs", "lui", "ma", "mais", "me", "meme", "mes", "moi", "mon", "ne",
      "nos", "notre", "nous", "on", "ou", "par", "pas", "pour", "qu", "que", "qui", "sa", "se", "ses", "son", "sur",
      "ta", "te", "tes", "toi", "ton", "tu", "un", "une", "vos", "votre", "vous", "y", "est", "sont", "comment", "quoi",
      "quel", "quelle", "quels", "quelles",
      // French question words and the "t" of "a-t-elle"
      "combien", "pourquoi", "quand", "lequel", "laquelle", "lesquels", "lesquelles", "dont", "t", "ont", "ete",
      "etait", "sera", "cela", "ceci", "celui", "celle", "ceux",
      // English
      "an", "and", "are", "as", "at", "be", "by", "do", "does", "for", "from", "how", "in", "is", "it", "its", "of",
      "on", "or", "that", "the", "their", "this", "to", "was", "what", "which", "who", "with",
      // English question words and auxiliaries
      "when", "where", "why", "whom", "whose", "did", "has", "have", "had", "can", "could", "would", "should", "will",
      "were", "been", "being", "there", "these", "those", "into", "about", "than", "then", "our", "your", "they",
      "them", "his", "her", "she", "he", "we", "you", "many", "much"};
  return words.count(folded) > 0;
}

}  // namespace citykb
