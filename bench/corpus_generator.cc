#include "corpus_generator.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "corpus/corpus_loader.h"
#include "model/model_json.h"
#include "text/text_analysis.h"
#include "text_writer.h"
#include "word_lists.h"

namespace citykb::bench {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr int64_t kMaxPerCity = 2000;    // the bundle validator's limit
constexpr size_t kMaxBodyBytes = 19000;  // under the validator's 20,000

const char* const kFirstNames[] = {
    "Camille", "Claire",  "Julien",   "Sophie",   "Thomas",  "Marie",   "Nicolas", "Isabelle", "Mathieu", "Élodie",
    "Karim",   "Nadia",   "Hélène",   "François", "Léa",     "Antoine", "Manon",   "Hugo",     "Chloé",   "Lucas",
    "Inès",    "Yasmine", "Pierre",   "Anne",     "Laurent", "Cécile",  "Olivier", "Sandrine", "Vincent", "Aurélie",
    "Émilie",  "Jérôme",  "Stéphane", "Nathalie", "Benoît",  "Agnès",   "Rémi",    "Zoé",      "Théo",    "Salomé"};
const char* const kLastNames[] = {
    "Martin",  "Bernard",  "Dubois",   "Robert",   "Richard", "Petit",    "Durand",    "Leroy",    "Moreau",
    "Simon",   "Lefebvre", "Michel",   "Garcia",   "David",   "Bertrand", "Roux",      "Fournier", "Morel",
    "Girard",  "André",    "Lefèvre",  "Mercier",  "Dupont",  "Lambert",  "Bonnet",    "Martinez", "Legrand",
    "Garnier", "Faure",    "Rousseau", "Blanc",    "Guérin",  "Muller",   "Henry",     "Roussel",  "Perrin",
    "Morin",   "Clément",  "Gauthier", "Dumont",   "Lopez",   "Fontaine", "Chevalier", "Robin",    "Benali",
    "Nguyen",  "Diallo",   "Haddad",   "Da Silva", "Kowalski"};
const std::pair<const char*, const char*> kJobTitles[] = {
    {"Chef de projet smart city", "Smart city project manager"},
    {"Cheffe de projet ville intelligente", "Smart city project lead"},
    {"Directeur de la transformation numérique", "Director of digital transformation"},
    {"Chargée de mission données", "Data officer"},
    {"Responsable de l'innovation", "Head of innovation"},
    {"Adjointe au maire chargée du numérique", "Deputy mayor for digital affairs"},
    {"Directrice générale adjointe", "Deputy director general"},
    {"Chargé de mission mobilités", "Mobility officer"},
};
const char* const kOrganisations[] = {"* Métropole", "Ville de *", "Communauté urbaine de *",
                                      "Communauté d'agglomération de *"};
const char* const kPlaceSuffixes[] = {
    "", "", "", "", "-sur-Mer", "-sur-Loire", "-les-Bains", "-en-Provence", "-la-Forêt", "-le-Château"};
struct IndicatorKind {
  const char* name;
  const char* fr;
  const char* en;
  const char* unit;
};
const IndicatorKind kIndicators[] = {
    {"services-involved", "Services associés", "Services involved", "services"},
    {"partners", "Partenaires associés", "Partners involved", "partners"},
    {"projects", "Projets menés", "Projects run", "projects"},
    {"steering-committee-meetings", "Réunions du comité de pilotage", "Steering committee meetings", "meetings"},
};

template <typename T, size_t N>
const T& Pick(Rng& rng, const T (&items)[N]) {
  return items[rng.Below(N)];
}

// Lowercase ASCII slug of a name: "Saint-Étienne" -> "saint-etienne".
std::string Slugify(const std::string& name) {
  std::string out;
  for (char c : Fold(name)) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (keep)
      out += c;
    else if (!out.empty() && out.back() != '-')
      out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

std::string Unique(std::string slug, std::set<std::string>& taken) {
  if (taken.insert(slug).second) return slug;
  for (int n = 2;; ++n) {
    std::string s = slug + "-" + std::to_string(n);
    if (taken.insert(s).second) return s;
  }
}

// City sizes: skewed (a few large cities, many small ones), each at most
// kMaxPerCity, summing to `total`.
std::vector<int64_t> CitySizes(int64_t total, int cities) {
  std::vector<double> w(static_cast<size_t>(cities));
  for (size_t i = 0; i < w.size(); ++i) w[i] = 1.0 / std::pow(static_cast<double>(i) + 3.0, 0.7);
  std::vector<int64_t> sizes(w.size(), 0);
  std::vector<bool> capped(w.size(), false);
  int64_t left = total;
  for (int pass = 0; pass < 64 && left > 0; ++pass) {
    double sum = 0;
    for (size_t i = 0; i < w.size(); ++i)
      if (!capped[i]) sum += w[i];
    if (sum == 0) break;
    int64_t given = 0;
    for (size_t i = 0; i < w.size(); ++i) {
      if (capped[i]) continue;
      int64_t add = static_cast<int64_t>(std::floor(static_cast<double>(left) * w[i] / sum));
      add = std::min(add, kMaxPerCity - sizes[i]);
      sizes[i] += add;
      given += add;
      if (sizes[i] >= kMaxPerCity) capped[i] = true;
    }
    left -= given;
    if (given == 0) {  // rounding leftovers: one each to the smallest cities
      for (size_t i = w.size(); i-- > 0 && left > 0;) {
        if (sizes[i] < kMaxPerCity) {
          ++sizes[i];
          --left;
        }
      }
    }
  }
  return sizes;
}

// Draws `count` distinct values from `sampler` (count <= sampler.size()).
std::vector<std::string> Distinct(Rng& rng, const WeightedSampler& sampler, const std::vector<std::string>& values,
                                  size_t count) {
  std::vector<std::string> out;
  count = std::min(count, values.size());
  while (out.size() < count) {
    const std::string& v = values[sampler.Sample(rng)];
    if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
  }
  return out;
}

// Facet preferences of one city: a Zipf law over a shuffled order.
WeightedSampler Preferences(Rng& rng, size_t n, double s) {
  std::vector<double> w(n);
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = i;
  for (size_t i = n; i > 1; --i) std::swap(order[i - 1], order[rng.Below(i)]);
  for (size_t i = 0; i < n; ++i) w[order[i]] = 1.0 / std::pow(static_cast<double>(i) + 1.0, s);
  return WeightedSampler(w);
}

size_t DrawCount(Rng& rng, const std::vector<double>& cumulative) {
  const double u = rng.Unit();
  for (size_t i = 0; i < cumulative.size(); ++i)
    if (u < cumulative[i]) return i;
  return cumulative.size() - 1;
}

struct Writers {
  const TextWriter& fr;
  const TextWriter& en;
  std::vector<Topic> theme_fr, theme_en;  // one per taxonomy theme
};

LocalizedText Prose(Rng& rng, const Writers& w, int sentences, const std::vector<const Topic*>& fr_topics,
                    const std::vector<const Topic*>& en_topics) {
  return {w.fr.Paragraph(rng, sentences, fr_topics, kMaxBodyBytes),
          w.en.Paragraph(rng, sentences, en_topics, kMaxBodyBytes)};
}

Bundle MakeCity(Rng& rng, const Writers& w, const Taxonomy& taxonomy, int64_t size, std::set<std::string>& slugs,
                std::set<std::string>& person_ids) {
  Bundle b;
  // The city.
  std::string name = Capitalize(w.fr.ContentWord(rng, 300, 40000));
  if (rng.Chance(0.1))
    name = "Saint-" + name;
  else
    name += Pick(rng, kPlaceSuffixes);
  b.city.slug = Unique(Slugify(name), slugs);
  b.city.name = name;
  std::string org = Pick(rng, kOrganisations);
  b.city.organisation = org.replace(org.find('*'), 1, name);
  b.city.country = "FR";
  const Topic city_fr = w.fr.MakeTopic(rng, 80);
  const Topic city_en = w.en.MakeTopic(rng, 80);
  b.city.summary = Prose(rng, w, rng.Between(2, 3), {&city_fr}, {&city_en});

  // People: about one for eight documents.
  const int64_t people = std::clamp<int64_t>(size / 8, 1, kMaxPerCity);
  for (int64_t i = 0; i < people; ++i) {
    Person p;
    p.name = std::string(Pick(rng, kFirstNames)) + " " + Pick(rng, kLastNames);
    p.id = Unique(Slugify(p.name) + "-" + b.city.slug, person_ids);
    const auto& [fr, en] = Pick(rng, kJobTitles);
    p.title = {fr, en};
    p.organisation = b.city.organisation;
    b.people.push_back(std::move(p));
  }

  // Facet preferences of this city.
  const std::vector<std::string> themes = [&] {
    std::vector<std::string> v;
    for (const auto& e : taxonomy.themes) v.push_back(e.slug);
    return v;
  }();
  const std::vector<std::string> stakeholders = [&] {
    std::vector<std::string> v;
    for (const auto& e : taxonomy.stakeholders) v.push_back(e.slug);
    return v;
  }();
  const WeightedSampler theme_pref = Preferences(rng, themes.size(), 0.9);
  const WeightedSampler stake_pref = Preferences(rng, stakeholders.size(), 0.8);
  static const std::vector<double> theme_counts = {0.0, 0.30, 0.70, 0.90, 1.0};   // 1..4 themes
  static const std::vector<double> stake_counts = {0.10, 0.40, 0.70, 0.90, 1.0};  // 0..4 stakeholders

  for (int64_t i = 0; i < size; ++i) {
    Document d;
    const double u = rng.Unit();
    d.kind = i == 0 ? "profile" : u < 0.08 ? "role" : u < 0.56 ? "practice" : "interview";
    d.id = b.city.slug + "-" + d.kind + "-" + std::to_string(i + 1);
    d.themes = Distinct(rng, theme_pref, themes, std::max<size_t>(1, DrawCount(rng, theme_counts)));
    d.stakeholders = Distinct(rng, stake_pref, stakeholders, DrawCount(rng, stake_counts));
    if (d.kind == "interview" || (d.kind == "role" && rng.Chance(0.8)))
      d.person = b.people[rng.Below(b.people.size())].id;
    d.source = kSyntheticSource;
    d.sources = {kSyntheticSource};

    std::vector<const Topic*> fr_topics, en_topics;
    for (const auto& t : d.themes) {
      const auto it = std::find(themes.begin(), themes.end(), t);
      const size_t k = static_cast<size_t>(it - themes.begin());
      fr_topics.push_back(&w.theme_fr[k]);
      en_topics.push_back(&w.theme_en[k]);
    }
    fr_topics.push_back(&city_fr);
    en_topics.push_back(&city_en);
    const int title_words = rng.Between(4, 12);
    d.title = {w.fr.Title(rng, title_words, fr_topics), w.en.Title(rng, title_words, en_topics)};
    int sentences = d.kind == "profile" ? rng.Between(4, 8) : rng.Between(2, 6);
    if (d.kind != "profile" && rng.Chance(0.02)) sentences = rng.Between(20, 120);  // a long record now and then
    d.body = Prose(rng, w, sentences, fr_topics, en_topics);
    b.documents.push_back(std::move(d));
  }

  // Indicators, some pointing at the profile.
  const int indicators = rng.Between(0, 3);
  for (int i = 0; i < indicators; ++i) {
    const IndicatorKind& k = kIndicators[i];
    Indicator ind;
    ind.name = k.name;
    ind.label = {k.fr, k.en};
    ind.value = static_cast<double>(rng.Between(2, 200));
    ind.unit = k.unit;
    ind.approximate = rng.Chance(0.3);
    ind.source = kSyntheticSource;
    if (rng.Chance(0.5)) ind.document = b.documents.front().id;
    b.city.indicators.push_back(std::move(ind));
  }
  return b;
}

Status WriteText(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) return Status::Internal("cannot write " + path.string());
  return Status::Ok();
}

}  // namespace

Result<GeneratedCorpus> GenerateCorpus(const GeneratorOptions& options) {
  auto fr_vocab = LoadVocabulary(options.french_words, Lang::kFr, options.seed);
  if (!fr_vocab.ok()) return fr_vocab.status();
  auto en_vocab = LoadVocabulary(options.english_words, Lang::kEn, options.seed);
  if (!en_vocab.ok()) return en_vocab.status();
  auto taxonomy_text = ReadFile(options.source_corpus + "/taxonomy.json");
  if (!taxonomy_text.ok()) return taxonomy_text.status();
  auto taxonomy = ParseTaxonomy(*taxonomy_text);
  if (!taxonomy.ok()) return taxonomy.status();
  auto sources_text = ReadFile(options.source_corpus + "/sources.json");
  if (!sources_text.ok()) return sources_text.status();
  auto synonyms_text = ReadFile(options.source_corpus + "/synonyms.json");
  if (!synonyms_text.ok()) return synonyms_text.status();

  const fs::path out(options.out_dir);
  std::error_code ec;
  fs::remove_all(out / "cities", ec);
  fs::create_directories(out / "cities", ec);
  if (ec) return Status::Internal("cannot create " + (out / "cities").string() + ": " + ec.message());

  json sources = json::parse(*sources_text);
  const std::string note = "bench/generator (seed " + std::to_string(options.seed) +
                           ") from Debian's wfrench and wamerican word lists; not facts.";
  sources["sources"].push_back({{"id", kSyntheticSource},
                                {"url", "https://example.org/citykb-bench"},
                                {"title", "Corpus synthétique du banc d'essai citykb"},
                                {"published", nullptr},
                                {"kind", "other"},
                                {"note", {{"fr", "Généré par " + note}, {"en", "Generated by " + note}}}});
  for (const auto& [name, text] : {std::pair<std::string, std::string>{"taxonomy.json", *taxonomy_text},
                                   {"synonyms.json", *synonyms_text},
                                   {"sources.json", sources.dump(2)}}) {
    if (Status s = WriteText(out / name, text); !s.ok()) return s;
  }

  Rng rng(options.seed);
  const TextWriter fr(*fr_vocab, options.zipf_s);
  const TextWriter en(*en_vocab, options.zipf_s);
  Writers writers{fr, en, {}, {}};
  for (size_t i = 0; i < taxonomy->themes.size(); ++i) {
    writers.theme_fr.push_back(fr.MakeTopic(rng, 150));
    writers.theme_en.push_back(en.MakeTopic(rng, 150));
  }

  const int cities =
      options.cities > 0 ? options.cities : static_cast<int>(std::clamp<int64_t>(options.documents / 200, 4, 1000));
  const int min_cities = static_cast<int>((options.documents + kMaxPerCity - 1) / kMaxPerCity);
  const std::vector<int64_t> sizes = CitySizes(options.documents, std::max(cities, min_cities));

  GeneratedCorpus result;
  std::set<std::string> slugs, person_ids;
  for (size_t i = 0; i < sizes.size(); ++i) {
    if (sizes[i] == 0) continue;
    Rng city_rng = rng.Fork(i);  // each city from its own stream
    Bundle b = MakeCity(city_rng, writers, *taxonomy, sizes[i], slugs, person_ids);
    const std::string text = BundleToJson(b).dump(1);
    if (Status s = WriteText(out / "cities" / (b.city.slug + ".json"), text); !s.ok()) return s;
    ++result.cities;
    result.people += static_cast<int64_t>(b.people.size());
    result.documents += static_cast<int64_t>(b.documents.size());
    result.bytes += static_cast<int64_t>(text.size());
  }
  json manifest = {{"seed", options.seed},
                   {"documents", result.documents},
                   {"cities", result.cities},
                   {"people", result.people},
                   {"bytes", result.bytes},
                   {"zipf_s", options.zipf_s},
                   {"french_words", fr_vocab->words.size()},
                   {"english_words", en_vocab->words.size()}};
  if (Status s = WriteText(out / "bench-manifest.json", manifest.dump(2)); !s.ok()) return s;
  return result;
}

}  // namespace citykb::bench
