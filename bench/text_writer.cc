#include "text_writer.h"

#include <algorithm>

namespace citykb::bench {

namespace {

// Probability that a word comes from each topic of the document.
constexpr double kTopicShare = 0.08;

bool StartsWithVowel(const std::string& w) {
  if (w.empty()) return false;
  const auto c = static_cast<unsigned char>(w[0]);
  if (std::string("aeiouyh").find(static_cast<char>(c)) != std::string::npos) return true;
  if (c == 0xC3 && w.size() > 1) {
    const auto d = static_cast<unsigned char>(w[1]);
    return (d >= 0xA0 && d <= 0xAF) || (d >= 0xB2 && d <= 0xB6) || (d >= 0xB9 && d <= 0xBC);  // à..ï ò..ö ù..ü
  }
  return false;
}

}  // namespace

TextWriter::TextWriter(const Vocabulary& vocabulary, double zipf_s)
    : vocabulary_(vocabulary), zipf_(ZipfSampler(vocabulary.words.size(), zipf_s)) {}

Topic TextWriter::MakeTopic(Rng& rng, size_t size) const {
  Topic t;
  const size_t lo = vocabulary_.function_words + 200;
  const size_t hi = std::min<size_t>(vocabulary_.words.size(), lo + 30000);
  for (size_t i = 0; i < size; ++i) t.ranks.push_back(static_cast<uint32_t>(lo + rng.Below(hi - lo)));
  t.sampler = ZipfSampler(size, 1.0);
  return t;
}

std::vector<std::string> TextWriter::Words(Rng& rng, int n, const std::vector<const Topic*>& topics) const {
  std::vector<std::string> out;
  out.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    size_t rank = 0;
    const double u = rng.Unit();
    const size_t topic = static_cast<size_t>(u / kTopicShare);
    if (topic < topics.size()) {
      const Topic& t = *topics[topic];
      rank = t.ranks[t.sampler.Sample(rng)];
    } else {
      rank = zipf_.Sample(rng);
    }
    out.push_back(vocabulary_.words[rank]);
  }
  return out;
}

std::string TextWriter::Join(const std::vector<std::string>& words) const {
  std::string out;
  const bool fr = vocabulary_.lang == Lang::kFr;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    const bool elide = fr && i + 1 < words.size() && StartsWithVowel(words[i + 1]) &&
                       (w == "le" || w == "la" || w == "de" || w == "que" || w == "ne" || w == "se");
    if (!out.empty() && out.back() != '\'') out += ' ';
    if (elide) {
      out += w == "que" ? "qu" : w.substr(0, 1);
      out += '\'';
    } else {
      out += w;
    }
  }
  return out;
}

std::string TextWriter::Sentence(Rng& rng, int words, const std::vector<const Topic*>& topics) const {
  std::vector<std::string> w = Words(rng, std::max(words, 2), topics);
  // A comma after some word in the middle of longer sentences.
  if (w.size() > 8 && rng.Chance(0.5)) w[3 + rng.Below(w.size() - 6)] += ",";
  std::string s = Join(w);
  if (!s.empty() && s.back() == ',') s.pop_back();
  return Capitalize(std::move(s)) + ".";
}

std::string TextWriter::Title(Rng& rng, int words, const std::vector<const Topic*>& topics) const {
  return Capitalize(Join(Words(rng, std::max(words, 2), topics)));
}

std::string TextWriter::Paragraph(Rng& rng, int sentences, const std::vector<const Topic*>& topics,
                                  size_t max_bytes) const {
  std::string out;
  for (int i = 0; i < sentences; ++i) {
    std::string s = Sentence(rng, rng.Between(6, 28), topics);
    if (!out.empty() && out.size() + 1 + s.size() > max_bytes) break;
    if (!out.empty()) out += ' ';
    out += s;
  }
  return out;
}

const std::string& TextWriter::ContentWord(Rng& rng, size_t min_rank, size_t max_rank) const {
  const size_t lo = vocabulary_.function_words + min_rank;
  const size_t hi = std::min(vocabulary_.words.size(), vocabulary_.function_words + max_rank);
  return vocabulary_.words[lo + rng.Below(hi - lo)];
}

}  // namespace citykb::bench
