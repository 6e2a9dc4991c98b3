// How citykb lays out a document in Xapian: term prefixes (Omega
// conventions), value slots and metadata keys. Private to the index module.
#pragma once

#include <string>

#include "model/facet.h"

namespace citykb::index_schema {

// Term prefixes. French text is unprefixed (title also under S); English
// text under XE (title also under XES). Stemmed terms carry "Z" + prefix.
inline constexpr char kId[] = "Q";
inline constexpr char kTitleFr[] = "S";
inline constexpr char kTextEn[] = "XE";
inline constexpr char kTitleEn[] = "XES";
// Facet filters (city XC, theme XT, stakeholder XS, kind XK): the facet
// table, model/facet.h.
inline constexpr char kPerson[] = "XP";
// Theme, stakeholder and kind labels, both languages (stemmed: "ZXL").
inline constexpr char kLabel[] = "XL";
// Role records: the words of their person's name (unstemmed).
inline constexpr char kRoleName[] = "XR";

// Value slots. The facets' own slots (0-3) and their city x facet slots
// (6-8, "lyon#data|governance": one stock ValueCountMatchSpy pass counts a
// whole city x facet matrix) are in the facet table, model/facet.h.
// Multi-valued facets keep their sorted values joined by
// kValueSeparator in one slot, so that a count of combinations splits
// exactly into per-value counts. Searches count them with citykb's own
// FacetCountSpy (snapshot.h), which reads the combinations from in-memory
// columns of these slots instead of each document's values: measured much
// faster than the stock ValueCountMatchSpy. The price: a remote shard
// (xapian-tcpsrv) cannot run a spy it does not know, so spreading the index
// over remote shards needs the stock spy back (the slots allow it) or a
// per-shard count service. See docs/architecture.md.
enum Slot : unsigned {
  kSlotUpdated = 4,
  kSlotCitySort = 5,
  // When the facts hold: a milestone's date, else the record's as_of ("" when unknown).
  kSlotDate = 9,
  // What a completion shows of the record (EncodeDisplayTitle): read from
  // the value stream instead of decompressing the whole stored record.
  kSlotTitle = 10,
};

// No facet slot takes one of the slots above.
constexpr bool FacetSlotsFree() {
  for (const FacetSpec& f : kFacets)
    for (unsigned used : {unsigned{kSlotUpdated}, unsigned{kSlotCitySort}, unsigned{kSlotDate}, unsigned{kSlotTitle}})
      if (f.slot == used || f.city_slot == used) return false;
  return true;
}
static_assert(FacetSlotsFree(), "a facet's value slot collides with another slot");

inline constexpr char kCitySeparator = '#';
inline constexpr char kValueSeparator = '|';

// The layout version: an index written with another is rebuilt at start-up.
inline constexpr char kFormat[] = "5";

// Metadata keys.
inline constexpr char kMetaFormat[] = "citykb:format";
inline constexpr char kMetaLastSeq[] = "citykb:last_seq";
inline constexpr char kMetaSynonyms[] = "citykb:synonyms";
inline constexpr char kMetaCatalog[] = "citykb:catalog";
inline constexpr char kMetaSurfaces[] = "citykb:surfaces";

}  // namespace citykb::index_schema
