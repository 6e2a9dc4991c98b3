#include "replica/batch.h"

#include <map>

#include "model/facet.h"
#include "model/model_json.h"

namespace citykb {

using nlohmann::json;

namespace {

json ChangeJson(const Change& c) {
  return {{"seq", c.seq}, {"at", c.at}, {"entity", c.entity}, {"id", c.entity_id}, {"op", c.op}};
}

json TaxonomyJson(const Taxonomy& t) {
  return {{"themes", t.themes}, {"stakeholders", t.stakeholders}, {"kinds", t.kinds}};
}

json BundleJson(const std::string& slug, const Bundle& b) {
  json out = {{"slug", slug}, {"people", b.people}, {"documents", b.documents}};
  if (!slug.empty()) out["city"] = b.city;
  return out;
}

}  // namespace

Result<json> ExportBatch(const Store& store, int64_t since, int64_t through, const std::set<std::string>& cities) {
  auto changes = store.ChangesSince(since, static_cast<int>(std::min<int64_t>(through - since, kMaxBatchSpan)));
  if (!changes.ok()) return changes.status();
  std::set<std::string> slugs;
  for (const auto& c : cities) slugs.insert(c == kNoCity ? "" : c);
  std::map<std::string, std::string> doc_owner, person_owner;
  bool owners_read = false;
  json list = json::array();
  for (const auto& c : *changes) {
    if (c.seq > through) break;
    list.push_back(ChangeJson(c));
    if (c.entity == "city") slugs.insert(c.entity_id);
    if ((c.entity != "document" && c.entity != "person") || c.op != "upsert") continue;
    if (!owners_read) {
      auto docs = store.DocumentOwners();
      if (!docs.ok()) return docs.status();
      auto people = store.PersonOwners();
      if (!people.ok()) return people.status();
      doc_owner = std::move(*docs);
      person_owner = std::move(*people);
      owners_read = true;
    }
    const auto& owners = c.entity == "document" ? doc_owner : person_owner;
    if (auto it = owners.find(c.entity_id); it != owners.end()) slugs.insert(it->second);
  }
  auto taxonomy = store.GetTaxonomy();
  if (!taxonomy.ok()) return taxonomy.status();
  auto indicators = store.ListIndicatorDefinitions();
  if (!indicators.ok()) return indicators.status();
  auto sources = store.ListSources();
  if (!sources.ok()) return sources.status();
  auto synonyms = store.ListSynonyms();
  if (!synonyms.ok()) return synonyms.status();
  json bundles = json::array(), absent = json::array();
  for (const auto& slug : slugs) {
    auto bundle = store.GetBundle(slug);
    if (!bundle.ok()) return bundle.status();
    if (*bundle)
      bundles.push_back(BundleJson(slug, **bundle));
    else if (slug.empty())
      bundles.push_back(BundleJson(slug, Bundle{}));  // the cross-city bundle is now empty
    else
      absent.push_back(slug);
  }
  return json{{"since", since},
              {"through", list.empty() ? since : list.back()["seq"].get<int64_t>()},
              {"changes", list},
              {"taxonomy", TaxonomyJson(*taxonomy)},
              {"indicators", *indicators},
              {"sources", *sources},
              {"synonyms", *synonyms},
              {"bundles", bundles},
              {"absent_cities", absent}};
}

Result<ReplicatedBatch> ParseBatch(const json& j) {
  try {
    ReplicatedBatch b;
    int64_t previous = j.at("since").get<int64_t>();
    for (const auto& c : j.at("changes")) {
      Change change{c.at("seq").get<int64_t>(), c.at("at").get<std::string>(), c.at("entity").get<std::string>(),
                    c.at("id").get<std::string>(), c.at("op").get<std::string>()};
      if (change.seq <= previous) return Status::InvalidArgument("replication batch: sequences out of order");
      previous = change.seq;
      b.changes.push_back(std::move(change));
    }
    const json& t = j.at("taxonomy");
    t.at("themes").get_to(b.content.taxonomy.themes);
    t.at("stakeholders").get_to(b.content.taxonomy.stakeholders);
    t.at("kinds").get_to(b.content.taxonomy.kinds);
    j.at("indicators").get_to(b.content.indicators);
    j.at("sources").get_to(b.content.sources);
    j.at("synonyms").get_to(b.content.synonyms);
    for (const auto& bj : j.at("bundles")) {
      Bundle bundle;
      const std::string slug = bj.at("slug").get<std::string>();
      if (!slug.empty()) bj.at("city").get_to(bundle.city);
      if (bundle.city.slug != slug) return Status::InvalidArgument("replication batch: bundle slug mismatch");
      bj.at("people").get_to(bundle.people);
      bj.at("documents").get_to(bundle.documents);
      b.content.bundles.push_back(std::move(bundle));
    }
    j.at("absent_cities").get_to(b.absent_cities);
    return b;
  } catch (const json::exception& e) {
    return Status::InvalidArgument(std::string("replication batch: ") + e.what());
  }
}

Result<std::set<std::string>> OwnersOfDeleted(const Store& store, const std::vector<Change>& changes) {
  std::set<std::string> out;
  bool docs = false, people = false;
  for (const auto& c : changes) {
    if (c.op != "delete") continue;
    docs |= c.entity == "document";
    people |= c.entity == "person";
  }
  if (!docs && !people) return out;
  std::set<std::string> deleted;
  for (const auto& c : changes)
    if (c.op == "delete") deleted.insert(c.entity_id);
  for (int pass = 0; pass < 2; ++pass) {
    if ((pass == 0 && !docs) || (pass == 1 && !people)) continue;
    auto owners = pass == 0 ? store.DocumentOwners() : store.PersonOwners();
    if (!owners.ok()) return owners.status();
    for (const auto& [id, city] : *owners)
      if (deleted.count(id)) out.insert(city.empty() ? std::string(kNoCity) : city);
  }
  return out;
}

}  // namespace citykb
