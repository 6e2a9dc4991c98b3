// A city bundle (the JSON of a corpus file: {city, people, documents}) as
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
  };
}

export function emptyPerson() {
  return { id: '', name: '', title: { fr: '', en: '' }, organisation: '' };
}

export function emptyDocument() {
  return { id: '', kind: 'practice', title: { fr: '', en: '' }, body: { fr: '', en: '' }, themes: [], stakeholders: [], source: '' };
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
// fields numbers; data-type="flag" checkboxes `true` when ticked; empty
// optional fields (data-optional) are left out.
export function readBundle(form) {
  const bundle = { city: { indicators: [] }, people: [], documents: [] };
  for (const el of form.querySelectorAll('[data-path]')) {
    const path = el.dataset.path;
    if (el.type === 'checkbox' && el.dataset.multi !== undefined) {
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

// The bundle of an existing city, rebuilt from GET /api/cities/SLUG and the
// full text of each of its documents.
export async function loadBundle(slug, signal) {
  const page = await api.city(slug, signal);
  const city = { ...page.city };
  delete city.updated_at;
  city.indicators = (page.city.indicators || page.indicators || []).map((indicator) => ({
    ...indicator,
    source: indicator.source && typeof indicator.source === 'object' ? indicator.source.id : indicator.source,
  }));
  const people = (page.people || []).map(({ id, name, title, organisation }) => ({ id, name, title, organisation }));
  const ids = Object.values(page.documents || {}).flat().map((d) => d.id);
  const documents = await Promise.all(ids.map(async (id) => {
    const d = await api.document(id, signal);
    const doc = {
      id: d.id, kind: d.kind, title: d.title, body: d.body, themes: d.themes, stakeholders: d.stakeholders,
      source: d.source && d.source.id,
    };
    if (d.person) doc.person = d.person.id;
    return doc;
  }));
  return { city, people, documents };
}
