#include "search_bench.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <set>

namespace citykb::bench {

namespace {

constexpr size_t kMaxMismatches = 12;

std::string Describe(const BenchQuery& q) {
  std::string s = q.kind + " '" + q.text + "'";
  for (const auto& [facet, values] : q.filters) {
    s += " " + facet + "=";
    for (size_t i = 0; i < values.size(); ++i) s += (i ? "," : "") + values[i];
  }
  if (q.page > 1) s += " page " + std::to_string(q.page);
  return s;
}

double Overlap(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty() && b.empty()) return 1;
  const std::set<std::string> sa(a.begin(), a.end());
  size_t both = 0;
  for (const auto& id : b) both += sa.count(id);
  return static_cast<double>(both) / static_cast<double>(std::max(a.size(), b.size()));
}

Agreement Compare(const std::vector<BenchQuery>& queries, const std::vector<std::vector<BenchAnswer>>& answers) {
  Agreement a;
  double overlap = 0;
  auto note = [&](const std::string& what) {
    if (a.mismatches.size() < kMaxMismatches) a.mismatches.push_back(what);
  };
  for (size_t i = 0; i < queries.size(); ++i) {
    const BenchQuery& q = queries[i];
    const BenchAnswer &c = answers[0][i], &x = answers[1][i], &f = answers[2][i];
    if (c.literal) {
      ++a.compared;
      const double o = Overlap(c.ids, x.ids);
      overlap += o;
      a.totals_equal += c.total == x.total;
      a.pages_equal += c.ids == x.ids;
      a.facets_equal += c.facets == x.facets;
      if (c.total != x.total || c.facets != x.facets || o < 1) {
        note(Describe(q) + ": citykb " + std::to_string(c.total) + " hits, xapian " + std::to_string(x.total) +
             ", page overlap " + std::to_string(o).substr(0, 4) + (c.facets == x.facets ? "" : ", facets differ"));
      }
    }
    if (q.text.empty()) {
      ++a.browse;
      const bool equal = c.total == x.total && x.total == f.total && c.facets == x.facets && x.facets == f.facets;
      a.browse_equal += equal;
      if (!equal) {
        note(Describe(q) + ": browse totals citykb " + std::to_string(c.total) + " xapian " + std::to_string(x.total) +
             " fts5 " + std::to_string(f.total));
      }
    }
    if (q.kind == "zero-hit") {
      // citykb may search a spelling correction instead (then not literal).
      ++a.zero;
      a.zero_corrected += !c.literal;
      a.zero_empty += (c.total == 0 || !c.literal) && x.total == 0 && f.total == 0;
    }
    if (q.kind == "frequent" || q.kind == "mid" || q.kind == "rare" || q.kind == "english") {
      a.citykb_word_hits += c.total;
      a.fts5_word_hits += f.total;
    }
  }
  a.mean_overlap = a.compared ? overlap / a.compared : 0;
  return a;
}

}  // namespace

Result<SearchReport> RunSearch(const std::vector<SearchSystem*>& systems, const std::vector<BenchQuery>& queries,
                               int rounds) {
  SearchReport report;
  report.queries = static_cast<int>(queries.size());
  report.rounds = rounds;
  const size_t n = systems.size();
  // Warm-up: every query once on every system; these answers are compared.
  std::vector<std::vector<BenchAnswer>> answers(n);
  for (size_t s = 0; s < n; ++s) {
    for (const BenchQuery& q : queries) {
      auto answer = systems[s]->Search(q);
      if (!answer.ok()) return Status::Internal(std::string(systems[s]->name()) + ": " + answer.status().message());
      answers[s].push_back(std::move(*answer));
    }
  }
  // Agreement needs the three systems (citykb, raw Xapian, FTS5, in that order).
  report.agreement.checked = n == 3;
  if (n == 3) report.agreement = Compare(queries, answers);

  // Measured rounds, interleaved query by query.
  std::vector<std::vector<std::vector<double>>> ms(n, std::vector<std::vector<double>>(rounds));
  std::vector<std::map<std::string, std::vector<double>>> by_kind(n);
  for (int r = 0; r < rounds; ++r) {
    for (size_t i = 0; i < queries.size(); ++i) {
      for (size_t k = 0; k < n; ++k) {
        const size_t s = (i + k + static_cast<size_t>(r)) % n;
        const auto start = std::chrono::steady_clock::now();
        auto answer = systems[s]->Search(queries[i]);
        const double elapsed =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        if (!answer.ok()) return answer.status();
        ms[s][static_cast<size_t>(r)].push_back(elapsed);
        by_kind[s][queries[i].kind].push_back(elapsed);
      }
    }
    std::fprintf(stderr, "  search round %d done\n", r + 1);
  }
  for (size_t s = 0; s < n; ++s) {
    SearchResultSet set;
    set.system = systems[s]->name();
    for (const auto& round : ms[s]) set.rounds.push_back(Summarize(round));
    set.median = MedianOf(set.rounds);
    for (const auto& [kind, values] : by_kind[s]) set.by_kind[kind] = Summarize(values);
    report.systems.push_back(std::move(set));
  }
  return report;
}

}  // namespace citykb::bench
