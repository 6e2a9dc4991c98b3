#include "search/city_similarity.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "model/facet.h"
#include "search/catalog.h"

namespace citykb {

namespace {

// The latest population a city reports, if any.
std::optional<double> Population(const City& c) {
  std::optional<Indicator> latest;
  for (const auto& i : c.indicators)
    if (i.name == "population" && (!latest || i.as_of >= latest->as_of)) latest = i;
  if (!latest || latest->value <= 0) return std::nullopt;
  return latest->value;
}

// Cosine similarity of two theme profiles, and the themes both stress.
double Cosine(const ThemeProfile& a, const ThemeProfile& b, std::vector<std::string>& shared) {
  double dot = 0, na = 0, nb = 0;
  for (const auto& [t, n] : a) na += double(n) * n;
  for (const auto& [t, n] : b) nb += double(n) * n;
  std::vector<std::pair<double, std::string>> both;
  for (const auto& [t, n] : a)
    if (auto it = b.find(t); it != b.end()) {
      dot += double(n) * it->second;
      both.emplace_back(double(n) * it->second, t);
    }
  std::sort(both.rbegin(), both.rend());
  for (size_t i = 0; i < both.size() && i < 3; ++i) shared.push_back(both[i].second);
  return na > 0 && nb > 0 ? dot / std::sqrt(na * nb) : 0;
}

std::set<std::string> IndicatorNames(const City& c) {
  std::set<std::string> out;
  for (const auto& i : c.indicators) out.insert(i.name);
  return out;
}

// 1300000 -> "1 300 000" (French, narrow no-break spaces) or "1,300,000".
std::string Grouped(double value, Lang lang) {
  std::string digits = fmt::format("{:.0f}", value);
  const std::string sep = lang == Lang::kFr ? "\u202f" : ",";
  for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) digits.insert(static_cast<size_t>(at), sep);
  return digits;
}

std::string Join(const std::vector<std::string>& parts, const char* last_sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += i + 1 == parts.size() ? last_sep : ", ";
    out += parts[i];
  }
  return out;
}

}  // namespace

Result<std::vector<SimilarCity>> SimilarCities(const Catalog& catalog,
                                               const std::map<std::string, ThemeProfile>& themes,
                                               const std::string& slug, int limit) {
  auto self_it = catalog.cities.find(slug);
  if (self_it == catalog.cities.end()) return Status::NotFound("no city '" + slug + "'");
  const City& self = self_it->second;
  const ThemeProfile none;
  auto profile = [&](const std::string& s) -> const ThemeProfile& {
    auto it = themes.find(s);
    return it == themes.end() ? none : it->second;
  };
  const auto self_population = Population(self);
  const auto self_indicators = IndicatorNames(self);

  std::vector<SimilarCity> out;
  for (const auto& [other_slug, other] : catalog.cities) {
    if (other_slug == slug) continue;
    SimilarCity s;
    s.city = CityRef{other_slug, other.name};
    // Weights: themes 0.4, size 0.25, organisation kind 0.15, country 0.1, indicators 0.1.
    std::vector<std::string> shared;
    const double theme_score = Cosine(profile(slug), profile(other_slug), shared);
    s.score += 0.4 * theme_score;
    if (!shared.empty()) {
      std::vector<std::string> fr, en;
      for (const auto& t : shared) {
        fr.push_back(catalog.Label(Spec(Facet::kTheme).name, t, Lang::kFr));
        en.push_back(catalog.Label(Spec(Facet::kTheme).name, t, Lang::kEn));
      }
      s.reasons.push_back(
          {fmt::format("mêmes thèmes dominants : {} ({:.0f} % de proximité)", Join(fr, " et "), 100 * theme_score),
           fmt::format("same leading themes: {} ({:.0f}% alike)", Join(en, " and "), 100 * theme_score)});
    }
    if (const auto other_population = Population(other); self_population && other_population) {
      const double ratio =
          std::max(*self_population, *other_population) / std::min(*self_population, *other_population);
      const double size_score = std::max(0.0, 1 - std::log10(ratio));  // 1 when equal, 0 at ten times
      s.score += 0.25 * size_score;
      if (ratio <= 2)
        s.reasons.push_back({fmt::format("taille comparable ({} habitants, contre {})",
                                         Grouped(*other_population, Lang::kFr), Grouped(*self_population, Lang::kFr)),
                             fmt::format("similar size ({} inhabitants, against {})",
                                         Grouped(*other_population, Lang::kEn), Grouped(*self_population, Lang::kEn))});
    }
    if (!self.organisation_kind.empty() && self.organisation_kind == other.organisation_kind) {
      s.score += 0.15;
      s.reasons.push_back({"même type d'organisation : " + other.organisation_kind,
                           "same kind of organisation: " + other.organisation_kind});
    }
    if (!self.country.empty() && self.country == other.country) {
      s.score += 0.1;
      s.reasons.push_back({"même pays (" + other.country + ")", "same country (" + other.country + ")"});
    }
    const auto other_indicators = IndicatorNames(other);
    std::vector<std::string> common;
    std::set_intersection(self_indicators.begin(), self_indicators.end(), other_indicators.begin(),
                          other_indicators.end(), std::back_inserter(common));
    if (!self_indicators.empty()) {
      s.score += 0.1 * double(common.size()) / double(self_indicators.size());
      if (!common.empty())
        s.reasons.push_back({fmt::format("{} indicateur{} en commun", common.size(), common.size() > 1 ? "s" : ""),
                             fmt::format("{} indicator{} in common", common.size(), common.size() > 1 ? "s" : "")});
    }
    out.push_back(std::move(s));
  }
  std::sort(out.begin(), out.end(), [](const SimilarCity& a, const SimilarCity& b) {
    return a.score != b.score ? a.score > b.score : a.city.slug < b.city.slug;
  });
  if (out.size() > static_cast<size_t>(std::max(0, limit))) out.resize(static_cast<size_t>(std::max(0, limit)));
  return out;
}

}  // namespace citykb
