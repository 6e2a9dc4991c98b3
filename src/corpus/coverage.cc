#include "corpus/coverage.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "model/observations.h"

namespace citykb {

namespace {

const char* const kKinds[] = {"profile", "role", "practice", "interview", "milestone"};

// The sources a bundle cites: its records, indicators, people's roles and budgets.
std::set<std::string> CitedSources(const Bundle& b) {
  std::set<std::string> out;
  for (const auto& d : b.documents) {
    out.insert(d.sources.begin(), d.sources.end());
    if (d.practice.budget && !d.practice.budget->source.empty()) out.insert(d.practice.budget->source);
  }
  for (const auto& i : b.city.indicators)
    if (!i.source.empty()) out.insert(i.source);
  for (const auto& p : b.people)
    for (const auto& r : p.roles)
      if (!r.source.empty()) out.insert(r.source);
  return out;
}

void Below(std::vector<std::string>& below, const char* what, int have, int need) {
  if (have < need) below.push_back(fmt::format("{} {}/{}", what, have, need));
}

int Count(const std::map<std::string, int>& m, const std::string& key) {
  auto it = m.find(key);
  return it == m.end() ? 0 : it->second;
}

}  // namespace

Coverage ComputeCoverage(const Corpus& corpus, const CoverageMinimums& min) {
  std::map<std::string, const Source*> sources;
  for (const auto& s : corpus.sources) sources.emplace(s.id, &s);
  Coverage out;
  std::set<std::string> all_sources, all_publishers;
  for (const auto& b : corpus.bundles) {
    out.records += static_cast<int>(b.documents.size());
    const std::set<std::string> cited = CitedSources(b);
    std::set<std::string> publishers;
    for (const auto& id : cited) {
      all_sources.insert(id);
      auto s = sources.find(id);
      if (s == sources.end()) continue;
      if (!s->second->publisher.empty()) {
        publishers.insert(s->second->publisher);
        all_publishers.insert(s->second->publisher);
      }
      if (s->second->url.empty()) ++out.sources_without_url;
    }
    if (b.city.slug.empty()) continue;  // cross-city records count in the totals only
    CityCoverage c;
    c.slug = b.city.slug;
    c.name = b.city.name;
    c.country = b.city.country;
    for (const auto& d : b.documents) {
      ++c.documents_by_kind[d.kind];
      if ((d.kind == "milestone" ? d.date : d.as_of).empty()) ++c.undated_records;
    }
    c.indicators = static_cast<int>(b.city.indicators.size());
    std::map<std::string, std::vector<Indicator>> by_name;
    for (const auto& i : b.city.indicators) by_name[i.name].push_back(i);
    c.indicator_names = static_cast<int>(by_name.size());
    for (const auto& [name, list] : by_name) c.conflicts += HasConflict(list) ? 1 : 0;
    out.conflicts += c.conflicts;
    c.sources = static_cast<int>(cited.size());
    c.publishers = static_cast<int>(publishers.size());
    Below(c.below, "profile", Count(c.documents_by_kind, "profile"), min.profiles);
    Below(c.below, "roles", Count(c.documents_by_kind, "role"), min.roles);
    Below(c.below, "practices", Count(c.documents_by_kind, "practice"), min.practices);
    Below(c.below, "milestones", Count(c.documents_by_kind, "milestone"), min.milestones);
    Below(c.below, "indicators", c.indicators, min.indicators);
    if (c.below.empty()) ++out.cities_meeting_minimums;
    out.cities.push_back(std::move(c));
  }
  std::sort(out.cities.begin(), out.cities.end(),
            [](const CityCoverage& a, const CityCoverage& b) { return a.name < b.name; });
  out.sources_cited = static_cast<int>(all_sources.size());
  out.publishers_cited = static_cast<int>(all_publishers.size());
  Below(out.below, "cities meeting the minimums", out.cities_meeting_minimums, min.cities);
  Below(out.below, "records", out.records, min.records);
  Below(out.below, "sources cited", out.sources_cited, min.sources);
  Below(out.below, "publishers", out.publishers_cited, min.publishers);
  if (out.sources_without_url > 0)
    out.below.push_back(fmt::format("sources without a URL: {}", out.sources_without_url));
  return out;
}

namespace {

std::string Joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

// A city's records of each kind (kKinds), in the order of the tables' columns.
std::vector<int> KindCounts(const CityCoverage& city) {
  std::vector<int> out;
  for (const char* kind : kKinds) out.push_back(Count(city.documents_by_kind, kind));
  return out;
}

}  // namespace

std::string CoverageText(const Coverage& c) {
  std::string out = fmt::format("{:<22} {:>4} {:>4} {:>4} {:>4} {:>4} {:>5} {:>4} {:>5} {:>5}  {}\n", "city", "prof",
                                "role", "prac", "intv", "mile", "indic", "conf", "srcs", "publ", "below the minimums");
  for (const auto& city : c.cities)
    out += fmt::format("{:<22} {:>4} {:>5} {:>4} {:>5} {:>5}  {}\n", city.name, fmt::join(KindCounts(city), " "),
                       city.indicators, city.conflicts, city.sources, city.publishers,
                       city.below.empty() ? "-" : Joined(city.below));
  out += fmt::format(
      "\n{} cities ({} meeting the minimums), {} records, {} sources cited from {} publishers, {} indicator "
      "conflicts\n",
      c.cities.size(), c.cities_meeting_minimums, c.records, c.sources_cited, c.publishers_cited, c.conflicts);
  out += c.below.empty() ? "corpus minimums: met\n" : "corpus below the minimums: " + Joined(c.below) + "\n";
  return out;
}

std::string CoverageMarkdown(const Coverage& c, const CoverageMinimums& min) {
  std::string out =
      "# Corpus coverage\n\n"
      "Generated by `citykb coverage --markdown corpus > corpus/COVERAGE.md`; a test fails when it is stale.\n\n";
  out += fmt::format(
      "Minimums per city: {} profile, {} role, {} practices, {} milestone, {} indicator observations. "
      "For the corpus: {} cities meeting them, {} records, {} sources cited, {} publishers.\n\n",
      min.profiles, min.roles, min.practices, min.milestones, min.indicators, min.cities, min.records, min.sources,
      min.publishers);
  out +=
      "| city | country | profile | roles | practices | interviews | milestones | indicators | conflicts | sources | "
      "publishers | undated records | below the minimums |\n";
  out += "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n";
  for (const auto& city : c.cities)
    out += fmt::format("| {} (`{}`) | {} | {} | {} | {} | {} | {} | {} | {} |\n", city.name, city.slug, city.country,
                       fmt::join(KindCounts(city), " | "), city.indicators, city.conflicts, city.sources,
                       city.publishers, city.undated_records, city.below.empty() ? "–" : Joined(city.below));
  out += fmt::format(
      "\n**Totals**: {} cities, {} meeting the minimums; {} records (cross-city ones included); {} sources cited "
      "from {} publishers; {} indicators on which sources disagree (a city and an indicator name).\n\n",
      c.cities.size(), c.cities_meeting_minimums, c.records, c.sources_cited, c.publishers_cited, c.conflicts);
  out += c.below.empty() ? "The corpus meets its minimums.\n" : "Below the corpus minimums: " + Joined(c.below) + ".\n";
  return out;
}

}  // namespace citykb
