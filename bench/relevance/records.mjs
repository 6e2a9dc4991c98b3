// The records of the shipped corpus as the peer engines index them: the
// same fields citykb indexes (title and body in French and English, the
// city's name and organisation, the person's name and title, the labels of
// the themes, stakeholders and kind in both languages), read from corpus/.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

export function loadRecords(root) {
  const corpus = join(root, 'corpus');
  const taxonomy = readJson(join(corpus, 'taxonomy.json'));
  const labels = {};
  for (const family of ['themes', 'stakeholders', 'kinds']) {
    for (const entry of taxonomy[family]) labels[`${family}:${entry.slug}`] = entry.label;
  }
  const label = (family, slug, lang) => labels[`${family}:${slug}`]?.[lang] ?? '';
  const bundles = readdirSync(join(corpus, 'cities'))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => readJson(join(corpus, 'cities', f)));
  bundles.push(readJson(join(corpus, 'general.json')));

  const people = {};
  for (const bundle of bundles) for (const p of bundle.people ?? []) people[p.id] = p;
  const records = [];
  for (const bundle of bundles) {
    const city = bundle.city ?? null;
    for (const d of bundle.documents ?? []) {
      const person = d.person ? people[d.person] : null;
      const names = [city ? `${city.name} ${city.organisation}` : '', person ? person.name : ''].join(' ').trim();
      const facetLabels = (lang) =>
        [
          ...(d.themes ?? []).map((t) => label('themes', t, lang)),
          ...(d.stakeholders ?? []).map((s) => label('stakeholders', s, lang)),
          label('kinds', d.kind, lang),
        ].join('. ');
      records.push({
        id: d.id,
        city: city ? city.slug : '',
        kind: d.kind,
        themes: d.themes ?? [],
        stakeholders: d.stakeholders ?? [],
        title_fr: d.title.fr,
        title_en: d.title.en,
        body_fr: d.body.fr,
        body_en: d.body.en,
        names,
        extra_fr: [person ? person.title.fr : '', facetLabels('fr')].join('. '),
        extra_en: [person ? person.title.en : '', facetLabels('en')].join('. '),
      });
    }
  }
  return records;
}

// True when a record passes a judged query's facet filters (any value of
// each facet, every facet).
export function passesFilters(record, filters) {
  for (const [facet, values] of Object.entries(filters ?? {})) {
    const held =
      facet === 'city'
        ? [record.city]
        : facet === 'kind'
          ? [record.kind]
          : facet === 'theme'
            ? record.themes
            : facet === 'stakeholder'
              ? record.stakeholders
              : [];
    if (!values.some((v) => held.includes(v))) return false;
  }
  return true;
}
