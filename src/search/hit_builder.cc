#include "search/hit_builder.h"

namespace citykb {

SearchHit MakeHit(const IndexHit& hit, Highlighter& highlighter, Lang lang, size_t snippet_words, bool explain) {
  const DisplayRecord& r = hit.record;
  SearchHit h;
  h.id = r.doc.id;
  h.kind = r.doc.kind;
  h.city = r.city;
  h.title = r.doc.title.In(lang);
  std::vector<WordMatch>* matches = explain ? &h.explain : nullptr;
  // The title's matches count too when explaining.
  if (matches) highlighter.Snippet(h.title, 1000, matches);
  h.snippet = highlighter.Snippet(r.doc.body.In(lang), snippet_words, matches);
  h.themes = r.doc.themes;
  h.stakeholders = r.doc.stakeholders;
  h.person = r.person;
  h.source = r.source();
  h.sources = r.sources;
  h.as_of = r.doc.as_of;
  h.date = r.doc.date;
  h.updated_at = r.doc.updated_at;
  h.score = hit.score;
  return h;
}

}  // namespace citykb
