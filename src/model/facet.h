// The facets a search counts and filters on (city, theme, stakeholder,
// kind), in one table: their API name, the plural the taxonomy and some
// request parameters use, the index's term prefix and value slots, and the
// field names the query syntax accepts. Every module reads facets from here.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.h"

namespace citykb {

// The city facet value of the records about no particular city (the job in
// general), so that a filter can select them; no city may take this slug.
inline constexpr char kNoCity[] = "general";

enum class Facet { kCity, kTheme, kStakeholder, kKind };

struct FacetSpec {
  Facet facet;
  const char* name;    // in the API and the filters: "theme"
  const char* plural;  // taxonomy key and plural request parameter: "themes"
  // The index layout (index/index_schema.h holds the slots of no facet):
  const char* prefix;                 // Xapian boolean term prefix (Omega's X... filters)
  unsigned slot;                      // value slot; multi-valued facets join their sorted values there
  bool multi_valued;                  // a record may hold several values
  std::optional<unsigned> city_slot;  // "city#values" slot of the city x facet matrix (not for city)
  std::array<const char*, 2>
      query_fields;  // field names of the query syntax ("acteur:", "stakeholder:"; nullptr: none)
};

// Every facet, in the order the API lists them.
inline constexpr std::array<FacetSpec, 4> kFacets = {{
    {Facet::kCity, "city", "cities", "XC", 0, false, std::nullopt, {"ville", "city"}},
    {Facet::kTheme, "theme", "themes", "XT", 1, true, 6, {"theme", nullptr}},
    {Facet::kStakeholder, "stakeholder", "stakeholders", "XS", 2, true, 7, {"acteur", "stakeholder"}},
    {Facet::kKind, "kind", "kinds", "XK", 3, false, 8, {"type", "kind"}},
}};

inline const FacetSpec& Spec(Facet facet) { return kFacets[static_cast<size_t>(facet)]; }

// The facet called `name` in the API ("theme"), if any.
inline std::optional<Facet> FacetNamed(std::string_view name) {
  for (const FacetSpec& f : kFacets)
    if (name == f.name) return f.facet;
  return std::nullopt;
}

// Facet names, in the order the API lists them.
inline const std::vector<std::string>& FacetNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    out.reserve(kFacets.size());
    for (const FacetSpec& f : kFacets) out.emplace_back(f.name);
    return out;
  }();
  return names;
}

// The taxonomy entries that label a facet's values (nullptr for city,
// labelled by the cities' names).
inline const std::vector<TaxonomyEntry>* TaxonomyEntries(const Taxonomy& taxonomy, Facet facet) {
  switch (facet) {
    case Facet::kTheme:
      return &taxonomy.themes;
    case Facet::kStakeholder:
      return &taxonomy.stakeholders;
    case Facet::kKind:
      return &taxonomy.kinds;
    case Facet::kCity:
      break;
  }
  return nullptr;
}

// A document's values of `facet` (its city: kNoCity when it has none).
inline std::vector<std::string> FacetValues(const Document& doc, Facet facet) {
  switch (facet) {
    case Facet::kCity:
      return {doc.city.empty() ? std::string(kNoCity) : doc.city};
    case Facet::kTheme:
      return doc.themes;
    case Facet::kStakeholder:
      return doc.stakeholders;
    case Facet::kKind:
      break;
  }
  return {doc.kind};
}

}  // namespace citykb
