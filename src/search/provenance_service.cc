#include "search/provenance_service.h"

#include <algorithm>

#include "store/store.h"
#include "text/text_analysis.h"

namespace citykb {

namespace {

// The later of a record's dates: a milestone's date, else when its facts hold.
const std::string& WhenOf(const Document& d) { return d.date.empty() ? d.as_of : d.date; }

// True when a partial date falls within [from, to], both inclusive at their
// own precision ("2019-06" is within from=2019 and to=2019).
bool Within(const std::string& date, const std::string& from, const std::string& to) {
  if (!from.empty() && date.substr(0, std::min(date.size(), from.size())) < from.substr(0, date.size())) return false;
  if (!to.empty() && date.substr(0, std::min(date.size(), to.size())) > to) return false;
  return true;
}

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

Result<std::vector<SourceSummary>> ProvenanceService::Sources(const std::string& q) const {
  auto sources = store_.ListSources();
  if (!sources.ok()) return sources.status();
  auto citations = store_.SourceCitations();
  if (!citations.ok()) return citations.status();
  const std::string needle = Fold(q);
  std::vector<SourceSummary> out;
  for (auto& s : *sources) {
    if (!needle.empty() && Fold(s.title + " " + s.publisher + " " + s.id).find(needle) == std::string::npos) continue;
    auto n = citations->find(s.id);
    out.push_back({std::move(s), n == citations->end() ? 0 : n->second});
  }
  return out;
}

Result<SourcePage> ProvenanceService::Source(const std::string& id) const {
  auto source = store_.GetSource(id);
  if (!source.ok()) return source.status();
  if (!*source) return Status::NotFound("no source '" + id + "'");
  SourcePage page;
  page.source = std::move(**source);
  auto ids = store_.DocumentIdsOf({}, {}, {id});
  if (!ids.ok()) return ids.status();
  auto docs = store_.GetDocuments(*ids);
  if (!docs.ok()) return docs.status();
  page.documents = std::move(*docs);
  std::stable_sort(page.documents.begin(), page.documents.end(),
                   [](const Document& a, const Document& b) { return a.city < b.city; });
  auto indicators = store_.IndicatorsCiting(id);
  if (!indicators.ok()) return indicators.status();
  page.indicators = std::move(*indicators);
  return page;
}

Result<PersonPage> ProvenanceService::Person(const std::string& id) const {
  auto person = store_.GetPerson(id);
  if (!person.ok()) return person.status();
  if (!*person) return Status::NotFound("no person '" + id + "'");
  PersonPage page;
  page.person = std::move(**person);
  const auto catalog = search_.catalog();
  if (auto c = catalog->cities.find(page.person.city); c != catalog->cities.end())
    page.city = CityRef{c->first, c->second.name};
  auto ids = store_.DocumentIdsOf({}, {id});
  if (!ids.ok()) return ids.status();
  auto docs = store_.GetDocuments(*ids);
  if (!docs.ok()) return docs.status();
  page.documents = std::move(*docs);
  std::stable_sort(page.documents.begin(), page.documents.end(), [](const Document& a, const Document& b) {
    const bool ra = a.kind == "role", rb = b.kind == "role";
    if (ra != rb) return ra;
    return WhenOf(a) > WhenOf(b);
  });
  return page;
}

Result<std::vector<TimelineEntry>> ProvenanceService::Timeline(const TimelineRequest& request) const {
  auto milestones = store_.ListDocumentsOfKind("milestone");
  if (!milestones.ok()) return milestones.status();
  const auto catalog = search_.catalog();
  std::vector<TimelineEntry> out;
  for (auto& d : *milestones) {
    if (!request.cities.empty() && !Contains(request.cities, d.city)) continue;
    if (!request.themes.empty() && std::none_of(d.themes.begin(), d.themes.end(),
                                                [&](const std::string& t) { return Contains(request.themes, t); }))
      continue;
    if (!Within(d.date, request.from, request.to)) continue;
    TimelineEntry e{std::move(d), std::nullopt};
    if (auto c = catalog->cities.find(e.milestone.city); c != catalog->cities.end())
      e.city = CityRef{c->first, c->second.name};
    out.push_back(std::move(e));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const TimelineEntry& a, const TimelineEntry& b) { return a.milestone.date < b.milestone.date; });
  return out;
}

}  // namespace citykb
