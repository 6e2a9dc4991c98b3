// The taxonomy (themes, stakeholders, kinds with their labels in both
// languages), fetched once per page load and shared by the views.
import { api } from './api.js';

let pending = null;

// Resolves to {themes, stakeholders, kinds}, each a Map slug -> entry.
// A failed fetch is not cached, so the next call tries again.
export function loadTaxonomy() {
  if (!pending) {
    pending = api.taxonomy().then((data) => ({
      themes: bySlug(data.themes),
      stakeholders: bySlug(data.stakeholders),
      kinds: bySlug(data.kinds),
    }));
    pending.catch(() => { pending = null; });
  }
  return pending;
}

function bySlug(list = []) {
  return new Map(list.map((entry) => [entry.slug, entry]));
}

// The label of `slug` in `lang`, falling back to French, then to the slug.
export function labelOf(map, slug, lang) {
  const entry = map && map.get(slug);
  if (!entry || !entry.label) return slug;
  return entry.label[lang] || entry.label.fr || slug;
}
