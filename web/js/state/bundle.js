// A city bundle (the JSON of a corpus file: {sources, city, people, documents}) as
// the curation form edits it: an empty one, one rebuilt from the API, and
// one read back from the form's fields, each named by the JSON pointer of
// the value it holds (data-path="/documents/0/title/fr"), which is also how
// the API names the place of a validation problem.
import { api } from '../api.js';

export function emptyBundle() {
  return {
    city: { slug: '', name: '', organisation: '', country: 'FR', summary: { fr: '', en: '' }, indicators: [] },
    people: [],
    documents: [],
    sources: [],
  };
}

// A new source the bundle brings along (cited by id from its records).
export function emptySource() {
  return { id: '', url: '', title: '', publisher: '', published: '', kind: 'press', lang: 'fr' };
}

export function emptyPerson() {
  return { id: '', name: '', title: { fr: '', en: '' }, organisation: '' };
}

export function emptyDocument() {
  return { id: '', kind: 'practice', title: { fr: '', en: '' }, body: { fr: '', en: '' }, themes: [], stakeholders: [], sources: [], as_of: '' };
}

export function emptyIndicator() {
  return { name: '', label: { fr: '', en: '' }, value: '', unit: '', source: '' };
}

// Sets `value` at a JSON pointer, creating objects (or arrays for numeric
// segments) on the way.
export function setAt(root, pointer, value) {
  const keys = pointer.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node = root;
  keys.forEach((key, i) => {
    const last = i === keys.length - 1;
    if (last) {
      node[key] = value;
      return;
    }
    if (node[key] === undefined) node[key] = /^\d+$/.test(keys[i + 1]) ? [] : {};
    node = node[key];
  });
}

// The bundle held by the fields of `form` (elements with data-path).
// Multi-value checkboxes (data-multi) make arrays; data-type="number"
// fields numbers; data-type="flag" checkboxes `true` when ticked;
// data-type="kept" hidden fields hold a JSON object of values the form does
// not edit, merged back at their path; empty optional fields
// (data-optional) and disabled fields are left out.
export function readBundle(form) {
  const bundle = { city: { indicators: [] }, people: [], documents: [] };
  for (const el of form.querySelectorAll('[data-path]')) {
    const path = el.dataset.path;
    if (el.disabled) continue;
    if (el.dataset.type === 'kept') {
      for (const [key, value] of Object.entries(JSON.parse(el.value || '{}'))) setAt(bundle, `${path}/${key}`, value);
    } else if (el.type === 'checkbox' && el.dataset.multi !== undefined) {
      ensureArray(bundle, path);
      if (el.checked) getAt(bundle, path).push(el.value);
    } else if (el.dataset.type === 'flag') {
      if (el.checked) setAt(bundle, path, true);
    } else {
      const text = el.value.trim();
      if (!text && el.dataset.optional !== undefined) continue;
      if (el.dataset.type === 'number') setAt(bundle, path, text === '' ? null : Number(text.replace(',', '.')));
      else setAt(bundle, path, text);
    }
  }
  return bundle;
}

function ensureArray(root, pointer) {
  if (!Array.isArray(getAt(root, pointer))) setAt(root, pointer, []);
}

function getAt(root, pointer) {
  return pointer.split('/').slice(1).reduce((node, key) => (node == null ? undefined : node[key]), root);
}

// Fields of a record that the form does not edit (the good-practice sheet),
// carried through unchanged.
export const KEPT_FIELDS = ['challenge', 'approach', 'partners', 'budget', 'results', 'lessons'];

// The bundle of an existing city, rebuilt from GET /api/cities/SLUG and the
// full text of each of its documents. `known` (a Map id -> source) receives
// the sources they cite, for the form's source pickers.
export async function loadBundle(slug, signal, known = new Map()) {
  const page = await api.city(slug, signal);
  const city = { ...page.city };
  delete city.updated_at;
  city.indicators = (page.city.indicators || page.indicators || []).map((indicator) => {
    const copy = { ...indicator };
    if (indicator.source && typeof indicator.source === 'object') {
      known.set(indicator.source.id, indicator.source);
      copy.source = indicator.source.id;
    }
    if (copy.label && typeof copy.label === 'string') delete copy.label;
    return copy;
  });
  const people = (page.people || []).map(({ id, name, title, organisation }) => ({ id, name, title, organisation }));
  const ids = Object.values(page.documents || {}).flat().map((d) => d.id);
  const documents = await Promise.all(ids.map(async (id) => {
    const d = await api.document(id, signal);
    const sources = d.sources || (d.source ? [d.source] : []);
    sources.forEach((source) => known.set(source.id, source));
    const doc = {
      id: d.id, kind: d.kind, title: d.title, body: d.body, themes: d.themes, stakeholders: d.stakeholders,
      sources: sources.map((source) => source.id), as_of: d.as_of || '',
    };
    if (d.date) doc.date = d.date;
    if (d.person) doc.person = d.person.id;
    for (const key of KEPT_FIELDS) if (d[key] !== undefined && d[key] !== null) doc[key] = d[key];
    return doc;
  }));
  return { city, people, documents, sources: [] };
}
