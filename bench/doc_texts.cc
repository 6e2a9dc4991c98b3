#include "doc_texts.h"

#include <algorithm>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "model/model_json.h"

namespace citykb::bench {

namespace {

const TaxonomyEntry* Find(const std::vector<TaxonomyEntry>& entries, const std::string& slug) {
  for (const auto& e : entries)
    if (e.slug == slug) return &e;
  return nullptr;
}

}  // namespace

std::vector<DocTexts> CollectTexts(const Corpus& corpus) {
  std::vector<DocTexts> out;
  const Taxonomy& tax = corpus.taxonomy;
  for (const Bundle& b : corpus.bundles) {
    std::unordered_map<std::string, const Person*> people;
    for (const Person& p : b.people) people.emplace(p.id, &p);
    for (const Document& d : b.documents) {
      DocTexts t;
      t.id = d.id;
      t.city = b.city.slug;
      t.kind = d.kind;
      t.person = d.person;
      t.themes = d.themes;
      t.stakeholders = d.stakeholders;
      const auto person = people.find(d.person);
      if (!b.city.slug.empty()) t.names += b.city.name + " " + b.city.organisation + ". ";
      if (person != people.end()) t.names += person->second->name + ". ";
      for (int l = 0; l < 2; ++l) {
        const Lang lang = l == 0 ? Lang::kFr : Lang::kEn;
        t.title[l] = d.title.In(lang);
        t.body[l] = d.body.In(lang);
        std::string extra;
        if (person != people.end()) extra += person->second->title.In(lang) + ". ";
        for (const auto& s : d.themes)
          if (auto* e = Find(tax.themes, s)) extra += e->label.In(lang) + ". ";
        for (const auto& s : d.stakeholders)
          if (auto* e = Find(tax.stakeholders, s)) extra += e->label.In(lang) + ". ";
        if (auto* e = Find(tax.kinds, d.kind)) extra += e->label.In(lang) + ". ";
        t.extra[l] = std::move(extra);
      }
      Document record = d;
      record.city = b.city.slug;
      t.data = nlohmann::json(record).dump();
      out.push_back(std::move(t));
    }
  }
  std::sort(out.begin(), out.end(), [](const DocTexts& a, const DocTexts& b) { return a.id < b.id; });
  return out;
}

}  // namespace citykb::bench
