#include "search/highlight.h"

#include "text/text_analysis.h"

namespace citykb {

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

Highlighter::Highlighter(const QueryTerms& terms) : terms_(terms) {
  for (const auto* stems : {&terms_.stems_fr, &terms_.stems_en})
    for (const auto& stem : *stems)
      if (!stem.empty()) stem_initial_[static_cast<unsigned char>(stem[0])] = true;
}

const Highlighter::Classified& Highlighter::Classify(const std::string& key) {
  if (auto it = memo_.find(key); it != memo_.end()) return it->second;
  std::string how, query;
  if (terms_.exact.count(key)) {
    how = "exact";
    query = key;
  } else if (!key.empty() && stem_initial_[static_cast<unsigned char>(key[0])]) {
    const std::string fr = stemmer_.Stem(key, Lang::kFr);
    const std::string en = stemmer_.Stem(key, Lang::kEn);
    if (terms_.stems_fr.count(fr) || terms_.stems_en.count(en)) {
      how = "stem";
      // The query word with the same stem, when there is one.
      for (const auto& [q, from] : terms_.origin) {
        if (q.find(' ') == std::string::npos &&
            (stemmer_.Stem(q, Lang::kFr) == fr || stemmer_.Stem(q, Lang::kEn) == en)) {
          query = q;
          break;
        }
        // A word of a multi-word expression.
        size_t start = 0;
        while (query.empty() && start < q.size()) {
          size_t end = q.find(' ', start);
          if (end == std::string::npos) end = q.size();
          const std::string part = q.substr(start, end - start);
          if (stemmer_.Stem(part, Lang::kFr) == fr || stemmer_.Stem(part, Lang::kEn) == en) query = q;
          start = end + 1;
        }
        if (!query.empty()) break;
      }
      if (query.empty()) query = key;
    }
  }
  if (how.empty()) {
    for (const auto& p : terms_.prefixes) {
      if (!p.empty() && key.rfind(p, 0) == 0) {
        how = "prefix";
        query = p + "*";
        break;
      }
    }
  }
  return memo_.emplace(key, Classified{std::move(how), std::move(query)}).first->second;
}

bool Highlighter::MayMatch(const std::string& key) const {
  if (key.empty()) return false;
  if (stem_initial_[static_cast<unsigned char>(key[0])] || terms_.exact.count(key)) return true;
  for (const auto& p : terms_.prefixes)
    if (!p.empty() && key.rfind(p, 0) == 0) return true;
  return false;
}

bool Highlighter::Match(const std::string& key, std::string_view original, WordMatch* match) {
  // Most words of a text cannot match: they are rejected before the memo.
  if (!MayMatch(key)) return false;
  const Classified& c = Classify(key);
  const std::string& how = c.how;
  const std::string& query = c.query;
  auto origin_of = [&](const std::string& q) {
    auto it = terms_.origin.find(q);
    return it == terms_.origin.end() ? std::string("query") : it->second;
  };
  if (how.empty()) return false;
  if (match) {
    match->word = std::string(original);
    match->query = query;
    if (origin_of(query) == "synonym") {
      match->how = "synonym";
    } else if (how == "stem" && key == query) {
      match->how = Lower(original) == key ? "exact" : "accent";
    } else if (how == "exact" && Lower(original) != key) {
      match->how = "accent";
    } else {
      match->how = how;
    }
  }
  return true;
}

std::string Highlighter::Render(std::string_view text, size_t from, size_t to, const std::vector<Word>& words,
                                const std::vector<bool>& hit, size_t first, size_t last) {
  std::string out;
  size_t pos = from;
  for (size_t i = first; i < last; ++i) {
    if (!hit[i]) continue;
    // The elision (l', d', qu'...) stays outside the mark.
    const size_t start = words[i].key_begin;
    out += EscapeHtml(text.substr(pos, start - pos));
    out += "<mark>";
    out += EscapeHtml(text.substr(start, words[i].end - start));
    out += "</mark>";
    pos = words[i].end;
  }
  out += EscapeHtml(text.substr(pos, to - pos));
  return out;
}

std::string Highlighter::Snippet(std::string_view text, size_t max_words, std::vector<WordMatch>* matches) {
  const std::vector<Word> words = SplitWords(text);
  std::vector<bool> hit(words.size(), false);
  for (size_t i = 0; i < words.size(); ++i) {
    WordMatch m;
    hit[i] = Match(words[i].key, text.substr(words[i].begin, words[i].end - words[i].begin), &m);
    if (hit[i] && matches) matches->push_back(std::move(m));
  }
  if (words.size() <= max_words) return Render(text, 0, text.size(), words, hit, 0, words.size());
  // The window with the most matches (the earliest on ties).
  size_t best = 0, best_count = 0, count = 0;
  for (size_t i = 0; i < words.size(); ++i) {
    count += hit[i];
    if (i >= max_words) count -= hit[i - max_words];
    if (i + 1 >= max_words && count > best_count) {
      best_count = count;
      best = i + 1 - max_words;
    }
  }
  // Start a few words before the first match so that it reads in context.
  if (best_count > 0) {
    size_t first_hit = best;
    while (!hit[first_hit]) ++first_hit;
    best = first_hit > 4 ? std::max(best, first_hit - 4) : 0;
  }
  best = std::min(best, words.size() - max_words);
  const size_t last = best + max_words;
  const size_t from = best == 0 ? 0 : words[best].begin;
  const size_t to = last >= words.size() ? text.size() : words[last - 1].end;
  std::string out = best == 0 ? "" : "… ";
  out += Render(text, from, to, words, hit, best, last);
  if (to < text.size()) out += " …";
  return out;
}

std::string Highlighter::Full(std::string_view text) {
  const std::vector<Word> words = SplitWords(text);
  std::vector<bool> hit(words.size(), false);
  for (size_t i = 0; i < words.size(); ++i) hit[i] = Match(words[i].key, {}, nullptr);
  return Render(text, 0, text.size(), words, hit, 0, words.size());
}

}  // namespace citykb
